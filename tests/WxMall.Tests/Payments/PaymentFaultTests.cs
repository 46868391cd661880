using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WxMall.Inventory;
using WxMall.Members;
using WxMall.Ordering;
using WxMall.Payments;
using WxMall.Tests.Infrastructure;

namespace WxMall.Tests.Payments;

/// <summary>What loses money in other malls: duplicated, reordered, dropped and late notifications, forged ones.</summary>
public sealed class PaymentFaultTests(PaySandbox app) : IClassFixture<PaySandbox>
{
    [Fact]
    public async Task Every_notification_duplicated_and_reordered_still_pays_each_order_exactly_once()
    {
        var (shopper, userId, _) = await app.WeChatShopperAsync();
        var orders = new List<OrderView>();
        for (var i = 0; i < 3; i++)
        {
            orders.Add(await app.OrderAsync(shopper, skip: 10 + i));
        }

        var payments = new List<PaymentView>();
        foreach (var order in orders)
        {
            payments.Add(await PaySandbox.StartAsync(shopper, order.Number, "native"));
        }

        await app.NotificationFaultsAsync(new { duplicate = true, reorder = 3 });
        try
        {
            foreach (var payment in payments)
            {
                await app.PayAtWeChatAsync(payment.CodeUrl!, userId);
            }

            await Eventually.TrueAsync(
                async () => (await Task.WhenAll(orders.Select(o => app.OrderRowAsync(o.Number)))).All(o => o.Status == OrderStatus.Paid),
                "all three orders are paid", seconds: 60);
            await Eventually.TrueAsync(
                async () => (await app.EmulatorControl.GetFromJsonAsync<JsonElement>("/emulator/pay/notifications")).EnumerateArray().Count() >= 3,
                "the emulator delivered the notifications");
        }
        finally
        {
            await app.ClearFaultsAsync();
        }

        foreach (var order in orders)
        {
            await Eventually.TrueAsync(
                () => app.DbAsync(db => db.PointsEntries.AnyAsync(p => p.OrderNumber == order.Number && p.Reason == PointsReasons.EarnedOnPayment)),
                "points for " + order.Number);

            // Stock is committed by its own handler, which may finish after the points one.
            await Eventually.TrueAsync(
                () => app.DbAsync(db => db.StockMovements.AnyAsync(m => m.OrderNumber == order.Number && m.Kind == StockMovementKind.Commit)),
                "stock commit for " + order.Number);
            Assert.Equal(1, await app.DbAsync(db => db.PointsEntries.CountAsync(p => p.OrderNumber == order.Number && p.Reason == PointsReasons.EarnedOnPayment)));
            Assert.Equal(1, await app.DbAsync(db => db.StockMovements.CountAsync(m => m.OrderNumber == order.Number && m.Kind == StockMovementKind.Commit)));
            Assert.Empty(await app.RefundsAsync(order.Number));
        }
    }

    [Fact]
    public async Task A_payment_that_lands_after_the_shopper_cancelled_goes_back_to_the_payer_automatically()
    {
        var (shopper, userId, _) = await app.WeChatShopperAsync();
        var order = await app.OrderAsync(shopper, skip: 14);
        var payment = await PaySandbox.StartAsync(shopper, order.Number, "native");
        await app.NotificationFaultsAsync(new { drop = true });
        try
        {
            await app.PayAtWeChatAsync(payment.CodeUrl!, userId);
            var cancel = await shopper.Client.PostAsync($"/api/orders/{order.Number}/cancel", null);
            Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);

            await Eventually.TrueAsync(
                async () => (await app.RefundsAsync(order.Number)).SingleOrDefault()?.Status == RefundStatus.Succeeded,
                "closing the paid WeChat order finds the payment and refunds it");
        }
        finally
        {
            await app.ClearFaultsAsync();
        }

        var refund = (await app.RefundsAsync(order.Number)).Single();
        var emulatorRefunds = await app.EmulatorControl.GetFromJsonAsync<JsonElement>("/emulator/pay/refunds");
        Assert.Equal(RefundKind.UnpayableOrder, refund.Kind);
        Assert.Equal(order.PayableFen, refund.AmountFen);
        Assert.Equal(OrderStatus.Cancelled, (await app.OrderRowAsync(order.Number)).Status);
        Assert.Contains(refund.OutRefundNumber, emulatorRefunds.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_forged_probe_skewed_or_cut_short_notification_is_refused_and_changes_nothing()
    {
        var (shopper, _, _) = await app.WeChatShopperAsync();
        var order = await app.OrderAsync(shopper, skip: 15);
        var payment = await PaySandbox.StartAsync(shopper, order.Number, "native");
        using var store = new HttpClient { BaseAddress = app.StoreUrl };
        var genuine = PaySandbox.Transaction(payment.OutTradeNumber, order.PayableFen);

        var forged = app.SignedNotification(genuine);
        forged.Headers.Remove("Wechatpay-Signature");
        forged.Headers.TryAddWithoutValidation("Wechatpay-Signature", Convert.ToBase64String(new byte[256]));
        var probe = app.SignedNotification(genuine);
        probe.Headers.Remove("Wechatpay-Signature");
        probe.Headers.TryAddWithoutValidation("Wechatpay-Signature", "WECHATPAY/SIGNTEST/" + Convert.ToBase64String(new byte[256]));
        var responses = new[]
        {
            await store.SendAsync(forged),
            await store.SendAsync(probe),
            await store.SendAsync(app.SignedNotification(genuine, timestamp: DateTimeOffset.UtcNow.AddMinutes(-6).ToUnixTimeSeconds())),
            await store.SendAsync(app.SignedNotification(genuine, cutShort: true)),
            await store.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/wechat/pay/notify") { Content = new StringContent("{}") }),
        };

        Assert.All(responses, response => Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode));
        Assert.All(responses, response => Assert.Contains("\"code\":\"FAIL\"", response.Content.ReadAsStringAsync().Result, StringComparison.Ordinal));
        Assert.Equal(OrderStatus.AwaitingPayment, (await app.OrderRowAsync(order.Number)).Status);
    }

    [Fact]
    public async Task A_genuine_notification_with_the_wrong_amount_app_merchant_or_order_is_refused_and_changes_nothing()
    {
        var (shopper, _, _) = await app.WeChatShopperAsync();
        var order = await app.OrderAsync(shopper, skip: 16);
        var payment = await PaySandbox.StartAsync(shopper, order.Number, "native");
        using var store = new HttpClient { BaseAddress = app.StoreUrl };

        var wrongAmount = await store.SendAsync(app.SignedNotification(PaySandbox.Transaction(payment.OutTradeNumber, order.PayableFen - 1)));
        var wrongApp = await store.SendAsync(app.SignedNotification(PaySandbox.Transaction(payment.OutTradeNumber, order.PayableFen, appId: "wx0000000000000000")));
        var wrongMerchant = await store.SendAsync(app.SignedNotification(PaySandbox.Transaction(payment.OutTradeNumber, order.PayableFen, mchid: "1900000999")));
        var unknownOrder = await store.SendAsync(app.SignedNotification(PaySandbox.Transaction("WX2026000000000000000000", order.PayableFen)));

        Assert.Equal(HttpStatusCode.BadRequest, wrongAmount.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, wrongApp.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, wrongMerchant.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownOrder.StatusCode);
        var row = await app.OrderRowAsync(order.Number);
        Assert.Equal(OrderStatus.AwaitingPayment, row.Status);
        Assert.Null(row.PaymentTransactionId);
    }

    [Fact]
    public async Task Concurrent_deliveries_of_the_same_notification_apply_it_once()
    {
        var (shopper, _, _) = await app.WeChatShopperAsync();
        var order = await app.OrderAsync(shopper, skip: 17);
        var payment = await PaySandbox.StartAsync(shopper, order.Number, "native");
        using var store = new HttpClient { BaseAddress = app.StoreUrl };
        var transaction = PaySandbox.Transaction(payment.OutTradeNumber, order.PayableFen);

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => store.SendAsync(app.SignedNotification(transaction))));

        Assert.All(responses, response => Assert.Equal(HttpStatusCode.NoContent, response.StatusCode));
        Assert.Equal(OrderStatus.Paid, (await app.OrderRowAsync(order.Number)).Status);
        await Eventually.TrueAsync(
            () => app.DbAsync(db => db.StockMovements.AnyAsync(m => m.OrderNumber == order.Number && m.Kind == StockMovementKind.Commit)),
            "stock is committed");
        Assert.Equal(1, await app.DbAsync(db => db.StockMovements.CountAsync(m => m.OrderNumber == order.Number && m.Kind == StockMovementKind.Commit)));
        Assert.Empty(await app.RefundsAsync(order.Number));
    }
}
