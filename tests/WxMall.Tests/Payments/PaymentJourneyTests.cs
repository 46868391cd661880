using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WxMall.Inventory;
using WxMall.Members;
using WxMall.Ordering;
using WxMall.Payments;
using WxMall.Tests.Infrastructure;

namespace WxMall.Tests.Payments;

/// <summary>The three payment modes end to end: our prepay, the payer in the emulator, WeChat's signed notification back.</summary>
public sealed class PaymentJourneyTests(PaySandbox app) : IClassFixture<PaySandbox>
{
    [Fact]
    public async Task A_Native_QR_payment_marks_the_order_paid_commits_stock_and_awards_points()
    {
        var (shopper, userId, _) = await app.WeChatShopperAsync();
        var order = await app.OrderAsync(shopper);

        var payment = await PaySandbox.StartAsync(shopper, order.Number, "native");
        var qr = await shopper.Client.GetAsync(payment.QrImageUrl);
        await app.PayAtWeChatAsync(payment.CodeUrl!, userId);

        Assert.StartsWith("weixin://wxpay/bizpayurl", payment.CodeUrl, StringComparison.Ordinal);
        Assert.Equal(order.PaymentDeadline.ToUnixTimeSeconds(), payment.ExpiresAt.ToUnixTimeSeconds());
        Assert.Equal("image/svg+xml", qr.Content.Headers.ContentType?.MediaType);
        await Eventually.TrueAsync(async () => (await app.OrderRowAsync(order.Number)).Status == OrderStatus.Paid, "the notification pays the order");
        await Eventually.TrueAsync(
            () => app.DbAsync(db => db.StockMovements.AnyAsync(m => m.OrderNumber == order.Number && m.Kind == StockMovementKind.Commit)),
            "stock is committed");
        await Eventually.TrueAsync(
            () => app.DbAsync(db => db.PointsEntries.AnyAsync(p => p.OrderNumber == order.Number && p.Reason == PointsReasons.EarnedOnPayment)),
            "points are awarded");
        var paid = await app.OrderRowAsync(order.Number);
        Assert.Equal(order.PayableFen, paid.PaidFen);
        Assert.StartsWith("4200", paid.PaymentTransactionId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JSAPI_gives_chooseWXPay_parameters_signed_with_the_merchant_key_and_the_payment_lands()
    {
        var (shopper, userId, _) = await app.WeChatShopperAsync();
        var order = await app.OrderAsync(shopper, skip: 1);

        var payment = await PaySandbox.StartAsync(shopper, order.Number, "jsapi");
        await app.PayAtWeChatAsync(payment.Jsapi!.Package["prepay_id=".Length..], userId);

        var jsapi = payment.Jsapi!;
        Assert.Equal(PaySandbox.OfficialAccountAppId, jsapi.AppId);
        Assert.Equal("RSA", jsapi.SignType);
        using var merchant = RSA.Create();
        merchant.ImportFromPem(File.ReadAllText(Path.Combine(app.EmulatorFolder, "merchant", "apiclient_public_key.pem")));
        var message = $"{jsapi.AppId}\n{jsapi.TimeStamp}\n{jsapi.NonceString}\n{jsapi.Package}\n";
        Assert.True(merchant.VerifyData(Encoding.UTF8.GetBytes(message), Convert.FromBase64String(jsapi.PaySign), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        await Eventually.TrueAsync(async () => (await app.OrderRowAsync(order.Number)).Status == OrderStatus.Paid, "the JSAPI payment pays the order");
    }

    [Fact]
    public async Task H5_pay_returns_the_h5_url_and_the_payment_lands()
    {
        var (shopper, userId, _) = await app.WeChatShopperAsync();
        var order = await app.OrderAsync(shopper, skip: 2);

        var payment = await PaySandbox.StartAsync(shopper, order.Number, "h5");
        await app.PayAtWeChatAsync(payment.OutTradeNumber, userId);

        Assert.False(string.IsNullOrEmpty(payment.H5Url));
        await Eventually.TrueAsync(async () => (await app.OrderRowAsync(order.Number)).Status == OrderStatus.Paid, "the H5 payment pays the order");
    }

    [Fact]
    public async Task JSAPI_for_a_shopper_who_never_logged_in_with_WeChat_says_what_to_do()
    {
        var shopper = app.NewShopper();
        await shopper.RegisterAsync();
        var order = await app.OrderAsync(shopper, skip: 3);

        var response = await shopper.Client.PostAsJsonAsync($"/api/orders/{order.Number}/payments", new { mode = "jsapi" });
        var invalid = await shopper.Client.PostAsJsonAsync($"/api/orders/{order.Number}/payments", new { mode = "alipay" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("微信登录", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal(0, await app.DbAsync(db => db.PaymentAttempts.CountAsync(a => a.OrderNumber == order.Number)));
    }

    [Fact]
    public async Task Another_members_order_cannot_be_paid_or_polled()
    {
        var (owner, _, _) = await app.WeChatShopperAsync();
        var (stranger, _, _) = await app.WeChatShopperAsync();
        var order = await app.OrderAsync(owner, skip: 4);

        var pay = await stranger.Client.PostAsJsonAsync($"/api/orders/{order.Number}/payments", new { mode = "native" });
        var poll = await stranger.Client.GetAsync($"/api/orders/{order.Number}/payment-status");

        Assert.Equal(HttpStatusCode.NotFound, pay.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, poll.StatusCode);
    }

    [Fact]
    public async Task Switching_from_the_QR_code_to_JSAPI_closes_the_QR_order_at_WeChat()
    {
        var (shopper, userId, _) = await app.WeChatShopperAsync();
        var order = await app.OrderAsync(shopper, skip: 5);

        var native = await PaySandbox.StartAsync(shopper, order.Number, "native");
        var jsapi = await PaySandbox.StartAsync(shopper, order.Number, "jsapi");
        var payClosedQr = await app.Emulator.PostAsJsonAsync("/emulator/pay/pay", new { reference = native.CodeUrl, user = userId });

        Assert.Equal(order.Number, native.OutTradeNumber);
        Assert.Equal(order.Number + "P2", jsapi.OutTradeNumber);
        Assert.Contains("关闭", await payClosedQr.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await app.PayAtWeChatAsync(jsapi.OutTradeNumber, userId);
        await Eventually.TrueAsync(async () => (await app.OrderRowAsync(order.Number)).Status == OrderStatus.Paid, "the JSAPI attempt pays the order");
    }

    [Fact]
    public async Task The_pay_result_page_finds_a_payment_whose_notification_never_came()
    {
        var (shopper, userId, _) = await app.WeChatShopperAsync();
        var order = await app.OrderAsync(shopper, skip: 6);
        var payment = await PaySandbox.StartAsync(shopper, order.Number, "native");
        await app.NotificationFaultsAsync(new { drop = true });
        try
        {
            await app.PayAtWeChatAsync(payment.CodeUrl!, userId);

            var status = await shopper.GetAsync<PaymentStatusView>($"/api/orders/{order.Number}/payment-status");

            Assert.True(status.Paid);
            Assert.Equal(nameof(OrderStatus.Paid), status.Status);
        }
        finally
        {
            await app.ClearFaultsAsync();
        }
    }
}
