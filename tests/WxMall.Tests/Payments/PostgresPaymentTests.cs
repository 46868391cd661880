using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using WxMall.Inventory;
using WxMall.Members;
using WxMall.Ordering;
using WxMall.Payments;
using WxMall.Tests.Infrastructure;

namespace WxMall.Tests.Payments;

/// <summary>The money path on PostgreSQL, where concurrent deliveries really run in parallel (no single SQLite writer).</summary>
public sealed class PostgresPaymentTests
{
    private sealed class PostgresPaySandbox(string connectionString) : PaySandbox(connectionString)
    {
        public static async Task<PostgresPaySandbox> CreateAsync() => new(await PostgresServer.CreateDatabaseAsync());
    }

    [Fact]
    public async Task Parallel_duplicate_notifications_pay_once_a_late_payment_is_refunded_and_a_refund_restocks()
    {
        await using var app = await PostgresPaySandbox.CreateAsync();
        var (shopper, userId, _) = await app.WeChatShopperAsync();
        using var store = new HttpClient { BaseAddress = app.StoreUrl };
        using var finance = await app.StaffClientAsync();

        // The payer pays (WeChat's own notification is held back), then eight copies of it arrive at the same moment.
        var order = await app.OrderAsync(shopper);
        var payment = await PaySandbox.StartAsync(shopper, order.Number, "native");
        await app.NotificationFaultsAsync(new { drop = true });
        await app.PayAtWeChatAsync(payment.CodeUrl!, userId);
        await app.ClearFaultsAsync();
        var paidAtWeChat = (await app.EmulatorControl.GetFromJsonAsync<System.Text.Json.JsonElement>("/emulator/pay/orders")).EnumerateArray()
            .Single(o => o.GetProperty("outTradeNumber").GetString() == payment.OutTradeNumber);
        var transaction = PaySandbox.Transaction(payment.OutTradeNumber, order.PayableFen, transactionId: paidAtWeChat.GetProperty("transactionId").GetString());
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => store.SendAsync(app.SignedNotification(transaction))));
        Assert.All(responses, response => Assert.Equal(HttpStatusCode.NoContent, response.StatusCode));
        Assert.Equal(OrderStatus.Paid, (await app.OrderRowAsync(order.Number)).Status);
        Assert.Empty(await app.RefundsAsync(order.Number));

        // A payment that lands after the shopper cancelled goes back.
        var cancelled = await app.OrderAsync(shopper, skip: 1);
        var qr = await PaySandbox.StartAsync(shopper, cancelled.Number, "native");
        await app.NotificationFaultsAsync(new { drop = true });
        try
        {
            await app.PayAtWeChatAsync(qr.CodeUrl!, userId);
            (await shopper.Client.PostAsync($"/api/orders/{cancelled.Number}/cancel", null)).EnsureSuccessStatusCode();
            await Eventually.TrueAsync(
                async () => (await app.RefundsAsync(cancelled.Number)).SingleOrDefault()?.Status == RefundStatus.Succeeded, "the stray payment is refunded");
        }
        finally
        {
            await app.ClearFaultsAsync();
        }

        // A full refund of the paid order puts its stock back.
        await Eventually.TrueAsync(
            () => app.DbAsync(db => db.StockMovements.AnyAsync(m => m.OrderNumber == order.Number && m.Kind == StockMovementKind.Commit)), "stock committed");
        await Eventually.TrueAsync(
            () => app.DbAsync(db => db.PointsEntries.AnyAsync(p => p.OrderNumber == order.Number && p.Reason == PointsReasons.EarnedOnPayment)), "points earned");
        await Eventually.TrueAsync(() => app.DbAsync(db => db.SaleFacts.AnyAsync(f => f.OrderNumber == order.Number)), "the sale recorded");
        Assert.Equal(order.PayableFen, (await shopper.GetAsync<MemberView>("/api/members/me")).TotalPaidFen);
        var refund = await finance.PostAsJsonAsync($"/api/admin/orders/{order.Number}/refunds", new { reason = "缺货退款" });
        Assert.Equal(HttpStatusCode.OK, refund.StatusCode);
        await Eventually.TrueAsync(async () => (await app.OrderRowAsync(order.Number)).Status == OrderStatus.Refunded, "WeChat confirms the refund");
        await Eventually.TrueAsync(
            () => app.DbAsync(db => db.StockMovements.AnyAsync(m => m.OrderNumber == order.Number && m.Kind == StockMovementKind.Restock)), "restocked");
        Assert.Equal(OrderStatus.Refunded, (await app.OrderRowAsync(order.Number)).Status);
        Assert.Equal(await app.LedgerSumAsync(order.Lines[0].Sku), await app.StockAsync(order.Lines[0].Sku));
    }
}
