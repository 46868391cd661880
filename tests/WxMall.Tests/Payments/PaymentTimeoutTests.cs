using System.Net.Http.Json;
using System.Text.Json;
using WxMall.Ordering;
using WxMall.Tests.Infrastructure;

namespace WxMall.Tests.Payments;

/// <summary>Orders that time out: a payment whose notification was lost wins over the timeout; unpaid ones close at WeChat.</summary>
public sealed class PaymentTimeoutTests(PaymentTimeoutTests.ShortTimeout app) : IClassFixture<PaymentTimeoutTests.ShortTimeout>
{
    public sealed class ShortTimeout : PaySandbox
    {
        protected override string PaymentTimeout => "00:00:04";
    }

    [Fact]
    public async Task An_order_paid_at_WeChat_whose_notification_was_lost_is_found_by_the_query_before_the_timeout_cancels_it()
    {
        var (shopper, userId, _) = await app.WeChatShopperAsync();
        var order = await app.OrderAsync(shopper);
        var payment = await PaySandbox.StartAsync(shopper, order.Number, "native");
        await app.NotificationFaultsAsync(new { drop = true });
        try
        {
            await app.PayAtWeChatAsync(payment.CodeUrl!, userId);
            await Task.Delay(TimeSpan.FromSeconds(5));

            await Eventually.TrueAsync(
                async () => (await app.OrderRowAsync(order.Number)).Status != OrderStatus.AwaitingPayment, "the timeout handler runs");
        }
        finally
        {
            await app.ClearFaultsAsync();
        }

        Assert.Equal(OrderStatus.Paid, (await app.OrderRowAsync(order.Number)).Status);
        Assert.Empty(await app.RefundsAsync(order.Number));
    }

    [Fact]
    public async Task An_unpaid_order_cancels_itself_and_its_QR_code_is_closed_at_WeChat()
    {
        var (shopper, userId, _) = await app.WeChatShopperAsync();
        var order = await app.OrderAsync(shopper, skip: 1);
        var payment = await PaySandbox.StartAsync(shopper, order.Number, "native");

        await Eventually.TrueAsync(async () => (await app.OrderRowAsync(order.Number)).Status == OrderStatus.Cancelled, "the order times out", seconds: 90);
        await Eventually.TrueAsync(
            async () => (await app.Emulator.GetFromJsonAsync<JsonElement>("/emulator/pay/orders")).EnumerateArray()
                .Any(o => o.GetProperty("outTradeNumber").GetString() == payment.OutTradeNumber && o.GetProperty("state").GetString() == "CLOSED"),
            "the WeChat order is closed", seconds: 90);
        var late = await app.Emulator.PostAsJsonAsync("/emulator/pay/pay", new { reference = payment.CodeUrl, user = userId });
        Assert.Contains("关闭", await late.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
