using System.Net.Http.Json;
using WxMall.WeChat.Pay.Bills;
using WxMall.WeChat.Pay.Certificates;
using WxMall.WeChat.Pay.Client;
using WxMall.WeChat.Pay.Transactions;
using WxMall.WeChat.OfficialAccount;
using WxMall.WeChatEmulator.Tests.Support;

namespace WxMall.WeChatEmulator.Tests.Pay;

public sealed class PayFaultTests
{
    private static GetTransactionByOutTradeNumberRequest Missing() => new() { OutTradeNumber = "NOSUCHORDER1" };

    [Fact]
    public async Task Forged_signtest_and_skewed_responses_are_refused_by_our_client()
    {
        await using var fixture = await EmulatorFixture.StartAsync(TimeProvider.System);
        Assert.Equal(PayErrorKind.WeChatPay, (await fixture.Pay.GetTransactionByOutTradeNumberAsync(Missing())).Error!.Kind);

        await Put(fixture, "faults/signatures", new { forge = true });
        var forged = await fixture.Pay.CreateNativeTransactionAsync(new CreateNativeTransactionRequest
        {
            Description = "显示器",
            OutTradeNumber = "MON" + Guid.NewGuid().ToString("N")[..12],
            Amount = new PrepayAmount { TotalFen = 129_900 },
        });
        Assert.Equal(PayErrorKind.UntrustedResponse, forged.Error!.Kind);

        await Put(fixture, "faults/signatures", new { signTest = true });
        var probe = await fixture.Pay.CreateNativeTransactionAsync(new CreateNativeTransactionRequest
        {
            Description = "显示器",
            OutTradeNumber = "MON" + Guid.NewGuid().ToString("N")[..12],
            Amount = new PrepayAmount { TotalFen = 129_900 },
        });
        Assert.Equal(PayErrorKind.UntrustedResponse, probe.Error!.Kind);

        await Put(fixture, "faults/signatures", new { clockSkewSeconds = 600 });
        var skewed = await fixture.Pay.CreateNativeTransactionAsync(new CreateNativeTransactionRequest
        {
            Description = "显示器",
            OutTradeNumber = "MON" + Guid.NewGuid().ToString("N")[..12],
            Amount = new PrepayAmount { TotalFen = 129_900 },
        });
        Assert.Equal(PayErrorKind.UntrustedResponse, skewed.Error!.Kind);
    }

    [Fact]
    public async Task Injected_error_codes_and_dropped_or_duplicated_notifications()
    {
        await using var fixture = await EmulatorFixture.StartAsync(TimeProvider.System);
        await fixture.ControlAsync("faults", new { pathPrefix = "/v3/pay/transactions/native", payCode = "SYSTEM_ERROR", httpStatus = 500, remaining = 1 });
        var failed = await fixture.Pay.CreateNativeTransactionAsync(new CreateNativeTransactionRequest
        {
            Description = "内存条",
            OutTradeNumber = "RAM" + Guid.NewGuid().ToString("N")[..12],
            Amount = new PrepayAmount { TotalFen = 49_900 },
        });
        Assert.Equal("SYSTEM_ERROR", failed.Error!.Code);
        Assert.True(failed.Error.IsSignatureVerified);

        await fixture.ControlAsync("faults", new { pathPrefix = "/cgi-bin/menu/get", errorCode = 45009, remaining = 1 });
        Assert.Equal(45009, (await fixture.OfficialAccount.GetMenuAsync(new GetMenuRequest())).ErrorCode);

        var user = fixture.NewUser();
        await Put(fixture, "faults/notifications", new { drop = true });
        var dropped = await PayAsync(fixture, user.OfficialAccountOpenId);
        await Put(fixture, "faults/notifications", new { duplicate = true });
        var duplicated = await PayAsync(fixture, user.OfficialAccountOpenId);
        await StoreReceiver.WaitForAsync(() => fixture.Store.PayNotifications.Count(request => request.BodyText.Length > 0) >= 2 ? "done" : null);
        await Task.Delay(200);
        var dispatcher = fixture.Emulator.Services.GetService(typeof(WxMall.WeChatEmulator.Pay.NotificationDispatcher)) as WxMall.WeChatEmulator.Pay.NotificationDispatcher;
        var records = dispatcher!.Records();
        Assert.Equal("dropped", records.Single(record => record.ResourcePlaintext.Contains(dropped, StringComparison.Ordinal)).Status);
        var twice = records.Single(record => record.ResourcePlaintext.Contains(duplicated, StringComparison.Ordinal));
        Assert.Equal(["genuine", "duplicate"], twice.Deliveries.Select(delivery => delivery.Kind));
    }

    [Fact]
    public async Task Reordered_notifications_arrive_in_the_reverse_order_of_the_payments()
    {
        await using var fixture = await EmulatorFixture.StartAsync(TimeProvider.System);
        var user = fixture.NewUser();
        await Put(fixture, "faults/notifications", new { reorder = 2 });
        var first = await PayAsync(fixture, user.OfficialAccountOpenId);
        await Task.Delay(300);
        Assert.Empty(fixture.Store.PayNotifications);
        var second = await PayAsync(fixture, user.OfficialAccountOpenId);
        await StoreReceiver.WaitForAsync(() => fixture.Store.PayNotifications.Count >= 2 ? "done" : null);
        var third = await PayAsync(fixture, user.OfficialAccountOpenId);
        await StoreReceiver.WaitForAsync(() => fixture.Store.PayNotifications.Count >= 3 ? "done" : null);
        var dispatcher = (WxMall.WeChatEmulator.Pay.NotificationDispatcher)fixture.Emulator.Services.GetService(typeof(WxMall.WeChatEmulator.Pay.NotificationDispatcher))!;
        await StoreReceiver.WaitForAsync(() => dispatcher.Records().All(record => record.Status == "acknowledged") ? "done" : null);
        var idOf = dispatcher.Records().ToDictionary(record => record.Id, record => record.ResourcePlaintext);
        var arrived = fixture.Store.PayNotifications
            .Select(request => idOf[System.Text.Json.JsonDocument.Parse(request.BodyText).RootElement.GetProperty("id").GetString()!])
            .ToList();
        Assert.Contains(second, arrived[0], StringComparison.Ordinal);
        Assert.Contains(first, arrived[1], StringComparison.Ordinal);
        Assert.Contains(third, arrived[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Certificates_and_trade_bill()
    {
        await using var fixture = await EmulatorFixture.StartAsync(TimeProvider.System);
        var certificates = await fixture.Pay.DownloadCertificatesAsync(new DownloadCertificatesRequest());
        Assert.True(certificates.IsSuccess, certificates.Error?.ToString());
        Assert.Equal(fixture.Emulator.Keys.PlatformCertificateSerial, certificates.Value!.Data[0].SerialNumber);

        var bill = await fixture.Pay.GetTradeBillAsync(new GetTradeBillRequest { BillDate = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)) });
        Assert.True(bill.IsSuccess, bill.Error?.ToString());
        var download = await fixture.Pay.DownloadBillAsync(new DownloadBillRequest { DownloadUrl = bill.Value!.DownloadUrl, HashType = bill.Value.HashType, HashValue = bill.Value.HashValue });
        Assert.True(download.IsSuccess, download.Error?.ToString());
    }

    private static async Task<string> PayAsync(EmulatorFixture fixture, string openId)
    {
        var outTradeNumber = "PAY" + Guid.NewGuid().ToString("N")[..12];
        var prepay = await fixture.Pay.CreateJsapiTransactionAsync(new CreateJsapiTransactionRequest
        {
            Description = "固态硬盘",
            OutTradeNumber = outTradeNumber,
            Amount = new PrepayAmount { TotalFen = 59_900 },
            Payer = new PrepayPayer { OpenId = openId },
        });
        await fixture.ControlAsync("pay/pay", new { reference = prepay.Value!.PrepayId });
        return outTradeNumber;
    }

    private static async Task Put(EmulatorFixture fixture, string path, object body)
    {
        using var response = await fixture.Http.PutAsJsonAsync("emulator/" + path, body);
        response.EnsureSuccessStatusCode();
    }
}
