using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WxMall.WeChat.Pay.Crypto;
using WxMall.WeChat.Pay.Notifications;
using WxMall.WeChat.Pay.Refunds;
using WxMall.WeChat.Pay.Transactions;
using WxMall.WeChatEmulator.Tests.Support;

namespace WxMall.WeChatEmulator.Tests.Pay;

public sealed class PayTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private static string NewOrderNumber() => "WX" + Guid.NewGuid().ToString("N")[..20];

    private static CreateJsapiTransactionRequest Jsapi(string openId, string outTradeNumber, long totalFen = 699_900) => new()
    {
        Description = "游戏本 RTX 4060",
        OutTradeNumber = outTradeNumber,
        Amount = new PrepayAmount { TotalFen = totalFen },
        Payer = new PrepayPayer { OpenId = openId },
    };

    [Fact]
    public async Task Jsapi_prepay_then_pay_notifies_the_store_signed_and_encrypted_and_query_shows_success()
    {
        var user = fixture.NewUser();
        var outTradeNumber = NewOrderNumber();
        var prepay = await fixture.Pay.CreateJsapiTransactionAsync(Jsapi(user.OfficialAccountOpenId, outTradeNumber));
        Assert.True(prepay.IsSuccess, prepay.Error?.ToString());
        Assert.StartsWith("wx", prepay.Value!.PrepayId, StringComparison.Ordinal);

        var unpaid = await fixture.Pay.GetTransactionByOutTradeNumberAsync(new GetTransactionByOutTradeNumberRequest { OutTradeNumber = outTradeNumber });
        Assert.Equal("NOTPAY", unpaid.Value!.TradeState);

        Assert.Contains("支付成功", await fixture.ControlAsync("pay/pay", new { reference = prepay.Value.PrepayId, user = user.UserId }), StringComparison.Ordinal);
        var notification = await StoreReceiver.WaitForAsync(() => fixture.Store.PayNotifications.FirstOrDefault(request => request.BodyText.Contains("TRANSACTION.SUCCESS", StringComparison.Ordinal)
            && Decrypt(request).Contains(outTradeNumber, StringComparison.Ordinal)));

        // Independent of the library: RSA SHA256 over "timestamp\nnonce\nbody\n" with the published public key.
        Assert.Equal(fixture.Emulator.Keys.PublicKeyId, notification.Headers["Wechatpay-Serial"]);
        Assert.Equal("WECHATPAY2-SHA256-RSA2048", notification.Headers["Wechatpay-Signature-Type"]);
        Assert.True(VerifyPlain(fixture.Emulator.Keys.PublicKeyPem, notification.Headers["Wechatpay-Timestamp"], notification.Headers["Wechatpay-Nonce"], notification.Body, notification.Headers["Wechatpay-Signature"]));
        using (var paid = JsonDocument.Parse(Decrypt(notification)))
        {
            Assert.Equal("SUCCESS", paid.RootElement.GetProperty("trade_state").GetString());
            Assert.Equal(699_900, paid.RootElement.GetProperty("amount").GetProperty("total").GetInt64());
            Assert.Equal(user.OfficialAccountOpenId, paid.RootElement.GetProperty("payer").GetProperty("openid").GetString());
        }

        // And through the library's own parser, as the store will do it.
        var parser = fixture.Clients.GetRequiredService<WeChatPayNotificationParser>();
        var parsed = parser.ParsePayment(notification.Body, PaySignatureHeaders.FromDictionary(notification.Headers));
        Assert.True(parsed.IsSuccess, parsed.Message);
        Assert.Equal(outTradeNumber, parsed.Value!.Transaction.OutTradeNumber);

        var queried = await fixture.Pay.GetTransactionByOutTradeNumberAsync(new GetTransactionByOutTradeNumberRequest { OutTradeNumber = outTradeNumber });
        Assert.Equal("SUCCESS", queried.Value!.TradeState);
        var byId = await fixture.Pay.GetTransactionByIdAsync(new GetTransactionByIdRequest { TransactionId = queried.Value.TransactionId! });
        Assert.Equal(outTradeNumber, byId.Value!.OutTradeNumber);
    }

    [Fact]
    public async Task Refund_is_processing_then_succeeds_with_a_refund_notification()
    {
        var user = fixture.NewUser();
        var outTradeNumber = NewOrderNumber();
        var prepay = await fixture.Pay.CreateJsapiTransactionAsync(Jsapi(user.OfficialAccountOpenId, outTradeNumber, 10_000));
        await fixture.ControlAsync("pay/pay", new { reference = prepay.Value!.PrepayId });
        var refund = await fixture.Pay.CreateRefundAsync(new CreateRefundRequest
        {
            OutTradeNumber = outTradeNumber,
            OutRefundNumber = "R" + outTradeNumber,
            Amount = new RefundRequestAmount { RefundFen = 4_000, TotalFen = 10_000 },
        });
        Assert.True(refund.IsSuccess, refund.Error?.ToString());
        // Usually PROCESSING; at this fixture's time scale the refund settles after 12 ms, so on a loaded machine the
        // answer can already say SUCCESS (WeChat may also answer SUCCESS at once). Either way the notification follows.
        Assert.Contains(refund.Value!.Status, (string[])["PROCESSING", "SUCCESS"]);

        var notification = await StoreReceiver.WaitForAsync(() => fixture.Store.PayNotifications.FirstOrDefault(request => request.BodyText.Contains("REFUND.SUCCESS", StringComparison.Ordinal)
            && Decrypt(request).Contains(outTradeNumber, StringComparison.Ordinal)));
        Assert.Contains("\"refund_status\":\"SUCCESS\"", Decrypt(notification), StringComparison.Ordinal);
        var settled = await fixture.Pay.GetRefundByOutRefundNumberAsync(new GetRefundByOutRefundNumberRequest { OutRefundNumber = "R" + outTradeNumber });
        Assert.Equal("SUCCESS", settled.Value!.Status);

        var tooMuch = await fixture.Pay.CreateRefundAsync(new CreateRefundRequest
        {
            OutTradeNumber = outTradeNumber,
            OutRefundNumber = "S" + outTradeNumber,
            Amount = new RefundRequestAmount { RefundFen = 7_000, TotalFen = 10_000 },
        });
        Assert.Equal("NOT_ENOUGH", tooMuch.Error!.Code);
    }

    [Fact]
    public async Task Wrong_merchant_signature_gets_401_sign_error_in_wechat_shape_signed_by_the_emulator()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"v3/pay/transactions/out-trade-no/NOPE123?mchid={fixture.Options.Merchant.MerchantId}");
        request.Headers.TryAddWithoutValidation("Authorization",
            $"WECHATPAY2-SHA256-RSA2048 mchid=\"{fixture.Options.Merchant.MerchantId}\",nonce_str=\"ABC\",timestamp=\"{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}\",serial_no=\"{fixture.Options.Merchant.CertificateSerial}\",signature=\"{Convert.ToBase64String(new byte[256])}\"");
        using var response = await fixture.Http.SendAsync(request);
        Assert.Equal(401, (int)response.StatusCode);
        var body = await response.Content.ReadAsByteArrayAsync();
        using var json = JsonDocument.Parse(body);
        Assert.Equal("SIGN_ERROR", json.RootElement.GetProperty("code").GetString());
        Assert.Equal("sign not match", json.RootElement.GetProperty("detail").GetProperty("detail").GetProperty("issue").GetString());
        Assert.True(VerifyPlain(fixture.Emulator.Keys.PublicKeyPem, Header(response, "Wechatpay-Timestamp"), Header(response, "Wechatpay-Nonce"), body, Header(response, "Wechatpay-Signature")));
        Assert.NotNull(Header(response, "Request-ID"));
    }

    [Fact]
    public async Task Strict_inputs_notify_url_query_nulls_duplicate_numbers_and_closing()
    {
        var user = fixture.NewUser();
        var withQuery = await fixture.Pay.CreateJsapiTransactionAsync(Jsapi(user.OfficialAccountOpenId, NewOrderNumber()) with { NotifyUrl = fixture.NotifyUrl + "?order=1" });
        Assert.Equal("PARAM_ERROR", withQuery.Error!.Code);
        Assert.Equal(400, withQuery.Error.HttpStatus);

        var wrongOpenId = await fixture.Pay.CreateJsapiTransactionAsync(Jsapi(user.MiniProgramOpenId, NewOrderNumber()));
        Assert.Equal("PARAM_ERROR", wrongOpenId.Error!.Code);

        var outTradeNumber = NewOrderNumber();
        var first = await fixture.Pay.CreateJsapiTransactionAsync(Jsapi(user.OfficialAccountOpenId, outTradeNumber));
        var again = await fixture.Pay.CreateJsapiTransactionAsync(Jsapi(user.OfficialAccountOpenId, outTradeNumber));
        Assert.True(again.IsSuccess);
        Assert.NotEqual(first.Value!.PrepayId, again.Value!.PrepayId);
        var changed = await fixture.Pay.CreateJsapiTransactionAsync(Jsapi(user.OfficialAccountOpenId, outTradeNumber, 1));
        Assert.Equal("OUT_TRADE_NO_USED", changed.Error!.Code);

        var closed = await fixture.Pay.CloseTransactionAsync(new CloseTransactionRequest { OutTradeNumber = outTradeNumber });
        Assert.True(closed.IsSuccess, closed.Error?.ToString());
        Assert.Equal(204, closed.HttpStatus);
        Assert.Equal("ORDER_CLOSED", (await fixture.Pay.CreateJsapiTransactionAsync(Jsapi(user.OfficialAccountOpenId, outTradeNumber))).Error!.Code);
        Assert.Equal("ORDER_NOT_EXIST", (await fixture.Pay.GetTransactionByOutTradeNumberAsync(new GetTransactionByOutTradeNumberRequest { OutTradeNumber = "MISSING1" })).Error!.Code);
    }

    [Fact]
    public async Task Expired_native_code_url_cannot_be_paid()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var own = await EmulatorFixture.StartAsync(clock);
        var user = own.NewUser();
        var native = await own.Pay.CreateNativeTransactionAsync(new CreateNativeTransactionRequest
        {
            Description = "到店自提 显卡",
            OutTradeNumber = NewOrderNumber(),
            Amount = new PrepayAmount { TotalFen = 259_900 },
            ExpiresAt = clock.GetUtcNow().AddMinutes(2),
        });
        Assert.True(native.IsSuccess, native.Error?.ToString());
        Assert.StartsWith("weixin://wxpay/bizpayurl?pr=", native.Value!.CodeUrl, StringComparison.Ordinal);
        Assert.Contains("\"ok\":true", await own.ControlAsync($"users/{user.UserId}/scan", new { code = native.Value.CodeUrl }), StringComparison.Ordinal);

        clock.Advance(TimeSpan.FromMinutes(3));
        Assert.Contains("\"ok\":false", await own.ControlAsync($"users/{user.UserId}/scan", new { code = native.Value.CodeUrl }), StringComparison.Ordinal);
        using var pay = await own.Http.PostAsJsonAsync("emulator/pay/pay", new { reference = native.Value.CodeUrl, user = user.UserId });
        Assert.Equal(409, (int)pay.StatusCode);
        Assert.Contains("订单已过期", await pay.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failed_notifications_are_retried_and_faults_send_signtest_probes()
    {
        var user = fixture.NewUser();
        var outTradeNumber = NewOrderNumber();
        var prepay = await fixture.Pay.CreateJsapiTransactionAsync(Jsapi(user.OfficialAccountOpenId, outTradeNumber));
        fixture.Store.NotificationStatuses.Enqueue(500);
        fixture.Store.NotificationStatuses.Enqueue(500);
        using (await fixture.Http.PutAsJsonAsync("emulator/faults/notifications", new { signTestProbe = true }))
        {
        }

        await fixture.ControlAsync("pay/pay", new { reference = prepay.Value!.PrepayId });
        using (await fixture.Http.PutAsJsonAsync("emulator/faults/notifications", new { }))
        {
        }

        var records = fixture.Emulator.Services.GetRequiredService<WxMall.WeChatEmulator.Pay.NotificationDispatcher>();
        var record = await StoreReceiver.WaitForAsync(() => records.Records().FirstOrDefault(item => item.ResourcePlaintext.Contains(outTradeNumber, StringComparison.Ordinal) && item.Status == "acknowledged"));
        var genuine = record.Deliveries.Where(delivery => delivery.Kind == "genuine").ToList();
        Assert.Equal(3, genuine.Count);
        Assert.Contains(record.Deliveries, delivery => delivery.Kind == "probe");
        var probe = fixture.Store.PayNotifications.First(request => request.Headers["Wechatpay-Signature"].StartsWith("WECHATPAY/SIGNTEST/", StringComparison.Ordinal));
        var parser = fixture.Clients.GetRequiredService<WeChatPayNotificationParser>();
        Assert.False(parser.ParsePayment(probe.Body, PaySignatureHeaders.FromDictionary(probe.Headers)).IsSuccess);
    }

    private string Decrypt(ReceivedRequest request)
    {
        using var envelope = JsonDocument.Parse(request.Body);
        var resource = envelope.RootElement.GetProperty("resource");
        var data = Convert.FromBase64String(resource.GetProperty("ciphertext").GetString()!);
        using var aes = new AesGcm(Encoding.UTF8.GetBytes(fixture.Options.Merchant.ApiV3Key), 16);
        var plaintext = new byte[data.Length - 16];
        aes.Decrypt(Encoding.UTF8.GetBytes(resource.GetProperty("nonce").GetString()!), data[..^16], data[^16..], plaintext, Encoding.UTF8.GetBytes(resource.GetProperty("associated_data").GetString()!));
        return Encoding.UTF8.GetString(plaintext);
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.First() : null!;

    private static bool VerifyPlain(string publicKeyPem, string timestamp, string nonce, byte[] body, string signature)
    {
        using var rsa = RSA.Create();
        rsa.ImportFromPem(publicKeyPem);
        var message = Encoding.UTF8.GetBytes($"{timestamp}\n{nonce}\n").Concat(body).Concat("\n"u8.ToArray()).ToArray();
        return rsa.VerifyData(message, Convert.FromBase64String(signature), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }
}
