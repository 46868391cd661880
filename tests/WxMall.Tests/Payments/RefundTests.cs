using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using WxMall.Inventory;
using WxMall.Members;
using WxMall.Ordering;
using WxMall.Payments;
using WxMall.Tests.Infrastructure;

namespace WxMall.Tests.Payments;

/// <summary>Refunds from the admin API and from approved returns, confirmed by WeChat's refund notification.</summary>
public sealed class RefundTests(PaySandbox app) : IClassFixture<PaySandbox>
{
    private async Task<(Shopper Shopper, OrderView Order)> PaidOrderAsync(int skip)
    {
        var (shopper, userId, _) = await app.WeChatShopperAsync();
        var order = await app.OrderAsync(shopper, skip);
        var payment = await PaySandbox.StartAsync(shopper, order.Number, "native");
        await app.PayAtWeChatAsync(payment.CodeUrl!, userId);
        await Eventually.TrueAsync(
            () => app.DbAsync(db => db.PointsEntries.AnyAsync(p => p.OrderNumber == order.Number && p.Reason == PointsReasons.EarnedOnPayment)),
            "the order is paid and its points awarded");
        await Eventually.TrueAsync(
            () => app.DbAsync(db => db.StockMovements.AnyAsync(m => m.OrderNumber == order.Number && m.Kind == StockMovementKind.Commit)),
            "stock is committed");
        return (shopper, order);
    }

    [Fact]
    public async Task A_partial_then_a_full_refund_settle_through_WeChat_restock_and_take_the_points_back()
    {
        var (shopper, order) = await PaidOrderAsync(skip: 20);
        var sku = order.Lines[0].Sku;
        var stockBefore = await app.StockAsync(sku);
        var pointsBefore = (await shopper.GetAsync<MemberView>("/api/members/me")).PointsBalance;
        using var finance = await app.StaffClientAsync();

        var partial = await finance.PostAsJsonAsync($"/api/admin/orders/{order.Number}/refunds", new { amountFen = 100_00, reason = "价保补差" });
        var tooMuch = await finance.PostAsJsonAsync($"/api/admin/orders/{order.Number}/refunds", new { amountFen = order.PayableFen, reason = "全额退款" });
        await Eventually.TrueAsync(async () => (await app.OrderRowAsync(order.Number)).RefundedFen == 100_00, "the partial refund is confirmed");
        Assert.Equal(OrderStatus.Paid, (await app.OrderRowAsync(order.Number)).Status);

        var rest = await finance.PostAsJsonAsync($"/api/admin/orders/{order.Number}/refunds", new { reason = "缺货退款" });
        await Eventually.TrueAsync(async () => (await app.OrderRowAsync(order.Number)).Status == OrderStatus.Refunded, "the full refund is confirmed");
        await Eventually.TrueAsync(
            () => app.DbAsync(db => db.StockMovements.AnyAsync(m => m.OrderNumber == order.Number && m.Kind == StockMovementKind.Restock)),
            "the goods go back on sale");
        await Eventually.TrueAsync(
            () => app.DbAsync(db => db.PointsEntries.CountAsync(p => p.Reason == PointsReasons.RevokedOnRefund && p.OrderNumber!.StartsWith(order.Number)).ContinueWith(t => t.Result == 2)),
            "points are taken back for both refunds");

        Assert.Equal(HttpStatusCode.OK, partial.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, tooMuch.StatusCode);
        Assert.Contains("可退金额", await tooMuch.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, rest.StatusCode);
        var refunds = await app.RefundsAsync(order.Number);
        Assert.Equal([order.Number + "R1", order.Number + "R2"], refunds.Select(r => r.OutRefundNumber));
        Assert.All(refunds, r => Assert.Equal(RefundStatus.Succeeded, r.Status));
        Assert.Equal(order.PayableFen, refunds.Sum(r => r.AmountFen));
        var stockAfter = await app.StockAsync(sku);
        Assert.Equal((stockBefore.Available + 1, stockBefore.Sold - 1), (stockAfter.Available, stockAfter.Sold));
        Assert.Equal(await app.LedgerSumAsync(sku), stockAfter);
        var pointsAfter = (await shopper.GetAsync<MemberView>("/api/members/me")).PointsBalance;
        Assert.True(pointsAfter < pointsBefore, $"points {pointsBefore} -> {pointsAfter}");
        Assert.True(await app.DbAsync(db => db.AuditLog.AnyAsync(a => a.Action == "order.refund" && a.Target == "order:" + order.Number)));
    }

    [Fact]
    public async Task An_approved_return_request_refunds_what_was_paid()
    {
        var (shopper, order) = await PaidOrderAsync(skip: 21);
        using var finance = await app.StaffClientAsync();

        var request = await shopper.Client.PostAsJsonAsync($"/api/orders/{order.Number}/return-request", new { reason = "屏幕有坏点" });
        var approve = await finance.PostAsync($"/api/admin/orders/{order.Number}/return/approve", null);
        var again = await finance.PostAsync($"/api/admin/orders/{order.Number}/return/approve", null);

        Assert.Equal(HttpStatusCode.OK, request.StatusCode);
        Assert.Equal(HttpStatusCode.OK, approve.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        await Eventually.TrueAsync(async () => (await app.OrderRowAsync(order.Number)).Status == OrderStatus.Refunded, "the return is refunded");
        var refund = (await app.RefundsAsync(order.Number)).Single();
        Assert.Equal((RefundKind.Return, order.PayableFen), (refund.Kind, refund.AmountFen));
    }

    [Fact]
    public async Task A_rejected_return_needs_a_reason_the_shopper_then_reads_on_the_order()
    {
        var (shopper, order) = await PaidOrderAsync(skip: 24);
        using var finance = await app.StaffClientAsync();
        var request = await shopper.Client.PostAsJsonAsync($"/api/orders/{order.Number}/return-request", new { reason = "不想要了" });

        var noReason = await finance.PostAsJsonAsync($"/api/admin/orders/{order.Number}/return/reject", new { reason = " " });
        var stillRequested = await app.OrderRowAsync(order.Number);
        var reject = await finance.PostAsJsonAsync($"/api/admin/orders/{order.Number}/return/reject", new { reason = "商品已激活使用" });
        var seen = await shopper.GetAsync<OrderView>($"/api/orders/{order.Number}");

        Assert.Equal(HttpStatusCode.OK, request.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("\"reason\"", await noReason.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal((OrderStatus.ReturnRequested, (string?)null), (stillRequested.Status, stillRequested.ReturnRejection));
        Assert.Equal(HttpStatusCode.OK, reject.StatusCode);
        Assert.Equal(("Paid", "商品已激活使用"), (seen.Status, seen.ReturnRejection));
        Assert.Empty(await app.RefundsAsync(order.Number));
    }

    [Fact]
    public async Task Shoppers_and_agents_cannot_refund_and_unpaid_orders_have_nothing_to_refund()
    {
        var (shopper, order) = await PaidOrderAsync(skip: 22);
        var unpaid = await app.OrderAsync(shopper, skip: 23);
        using var finance = await app.StaffClientAsync();

        var byShopper = await shopper.Client.PostAsJsonAsync($"/api/admin/orders/{order.Number}/refunds", new { reason = "我要退款" });
        var ofUnpaid = await finance.PostAsJsonAsync($"/api/admin/orders/{unpaid.Number}/refunds", new { reason = "退款" });
        var noReason = await finance.PostAsJsonAsync($"/api/admin/orders/{order.Number}/refunds", new { amountFen = -5 });

        Assert.Equal(HttpStatusCode.Unauthorized, byShopper.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, ofUnpaid.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Empty(await app.RefundsAsync(order.Number));
    }
}
