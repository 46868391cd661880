using Microsoft.EntityFrameworkCore;
using WxMall.Inventory;
using WxMall.Members;
using WxMall.Ordering;
using WxMall.Tests.Infrastructure;

namespace WxMall.Tests.Ordering;

/// <summary>Payment: the order is marked paid at once; stock commit and points follow through the outbox, once each.</summary>
public sealed class PaymentTests(MallAppFactory app) : IClassFixture<MallAppFactory>
{
    [Fact]
    public async Task A_payment_marks_the_order_paid_then_commits_its_stock_and_awards_points_once()
    {
        using var shopper = app.NewShopper();
        var member = await shopper.RegisterAsync();
        var (sku, price) = await app.SkuWithStockAsync(10);
        var before = await app.StockAsync(sku);
        var order = await shopper.PlacePickupOrderAsync(sku, quantity: 2);

        var first = await app.PayAsync(order.Number, order.PayableFen, "4200000001");
        var duplicate = await app.PayAsync(order.Number, order.PayableFen, "4200000001");

        Assert.Equal(PaymentOutcome.Recorded, first.Outcome);
        Assert.Equal(PaymentOutcome.AlreadyRecorded, duplicate.Outcome);
        await Eventually.TrueAsync(async () => (await app.StockAsync(sku)).Sold == before.Sold + 2, "stock committed");
        await Eventually.TrueAsync(
            () => app.QueryAsync(db => db.PointsEntries.AnyAsync(p => p.OrderNumber == order.Number && p.Reason == PointsReasons.EarnedOnPayment)),
            "points awarded");
        Assert.Equal(before with { Available = before.Available - 2, Sold = before.Sold + 2 }, await app.StockAsync(sku));
        Assert.Equal(await app.StockAsync(sku), await app.LedgerSumAsync(sku));
        var me = await shopper.GetAsync<MemberView>("/api/members/me");
        Assert.Equal(price * 2 / 100, me.PointsBalance);
        Assert.Equal(price * 2, me.TotalPaidFen);
        Assert.Equal(OrderStatus.Paid, await app.OrderStatusAsync(order.Number));
        Assert.Equal(1, await app.QueryAsync(db => db.StockMovements.CountAsync(m => m.OrderNumber == order.Number && m.Kind == StockMovementKind.Commit)));
        Assert.Equal(member.Id, me.Id);
    }

    [Fact]
    public async Task A_payment_of_the_wrong_amount_changes_nothing()
    {
        using var shopper = app.NewShopper();
        await shopper.RegisterAsync();
        var (sku, _) = await app.SkuWithStockAsync(10, skip: 1);
        var order = await shopper.PlacePickupOrderAsync(sku);

        var outcome = await app.PayAsync(order.Number, order.PayableFen - 1);

        Assert.Equal(PaymentOutcome.AmountMismatch, outcome.Outcome);
        Assert.Equal(OrderStatus.AwaitingPayment, await app.OrderStatusAsync(order.Number));
    }

    [Fact]
    public async Task Money_for_a_cancelled_order_is_not_kept_and_does_not_revive_the_order()
    {
        using var shopper = app.NewShopper();
        await shopper.RegisterAsync();
        var (sku, _) = await app.SkuWithStockAsync(10, skip: 2);
        var order = await shopper.PlacePickupOrderAsync(sku);
        await shopper.Client.PostAsync($"/api/orders/{order.Number}/cancel", null);

        var outcome = await app.PayAsync(order.Number, order.PayableFen);

        Assert.Equal(PaymentOutcome.OrderNotPayable, outcome.Outcome);
        Assert.Contains("退款", outcome.Detail, StringComparison.Ordinal);
        Assert.Equal(OrderStatus.Cancelled, await app.OrderStatusAsync(order.Number));
    }

    [Fact]
    public async Task Concurrent_deliveries_of_one_payment_record_it_once()
    {
        using var shopper = app.NewShopper();
        await shopper.RegisterAsync();
        var (sku, _) = await app.SkuWithStockAsync(10, skip: 3);
        var order = await shopper.PlacePickupOrderAsync(sku);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => app.PayAsync(order.Number, order.PayableFen, "4200000042")));

        Assert.Single(outcomes, o => o.Outcome == PaymentOutcome.Recorded);
        Assert.All(outcomes, o => Assert.Contains(o.Outcome, new[] { PaymentOutcome.Recorded, PaymentOutcome.AlreadyRecorded }));
        await Eventually.TrueAsync(async () => (await app.StockAsync(sku)).Sold >= 1, "stock committed");
        Assert.Equal(await app.StockAsync(sku), await app.LedgerSumAsync(sku));
    }

    [Fact]
    public async Task Points_spent_at_checkout_are_capped_discounted_and_returned_on_cancel()
    {
        using var shopper = app.NewShopper();
        var member = await shopper.RegisterAsync();
        await app.QueryAsync(db => db.Members.Where(m => m.Id == member.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.PointsBalance, 5000)));
        var (sku, price) = await app.SkuWithStockAsync(10, skip: 4);

        var tooMany = await shopper.PlaceOrderAsync(new { lines = new[] { new { sku, quantity = 1 } }, delivery = "pickup", pickupStore = "bj-zgc", usePoints = price });
        var response = await shopper.PlaceOrderAsync(new { lines = new[] { new { sku, quantity = 1 } }, delivery = "pickup", pickupStore = "bj-zgc", usePoints = 3000 });
        var order = (await response.Content.ReadFromJsonAsync<OrderView>(Shopper.Json))!;

        await tooMany.ProblemAsync(System.Net.HttpStatusCode.BadRequest);
        Assert.Equal(price - 3000, order.PayableFen);
        Assert.Equal(2000, (await shopper.GetAsync<MemberView>("/api/members/me")).PointsBalance);
        await shopper.Client.PostAsync($"/api/orders/{order.Number}/cancel", null);
        Assert.Equal(5000, (await shopper.GetAsync<MemberView>("/api/members/me")).PointsBalance);
        var ledger = await shopper.GetAsync<List<PointsEntryView>>("/api/members/me/points");
        Assert.Equal([PointsReasons.ReturnedOnCancel, PointsReasons.SpentOnOrder], ledger.Select(p => p.Reason));
    }
}

/// <summary>Unpaid orders cancel themselves through a durable scheduled message.</summary>
public sealed class PaymentTimeoutTests(PaymentTimeoutTests.ShortTimeoutApp app) : IClassFixture<PaymentTimeoutTests.ShortTimeoutApp>
{
    public sealed class ShortTimeoutApp : MallAppFactory
    {
        protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string> { ["Orders:PaymentTimeout"] = "00:00:02" };
    }

    [Fact]
    public async Task An_unpaid_order_cancels_itself_after_the_timeout_and_releases_its_stock()
    {
        using var shopper = app.NewShopper();
        await shopper.RegisterAsync();
        var (sku, _) = await app.SkuWithStockAsync(10);
        var before = await app.StockAsync(sku);
        var order = await shopper.PlacePickupOrderAsync(sku, quantity: 2);
        Assert.Equal(before.Reserved + 2, (await app.StockAsync(sku)).Reserved);

        await Eventually.TrueAsync(async () => await app.OrderStatusAsync(order.Number) == OrderStatus.Cancelled, "the timeout cancel");

        Assert.Equal(before, await app.StockAsync(sku));
        Assert.Equal(before, await app.LedgerSumAsync(sku));
        var view = await shopper.GetAsync<OrderView>($"/api/orders/{order.Number}");
        Assert.Equal("超时未支付，系统自动取消", view.CancelReason);
    }

    [Fact]
    public async Task Orders_placed_at_the_same_moment_each_cancel_themselves_and_release_their_stock()
    {
        // Orders written in one checkout batch share one scheduled message, which hands each order its own cancel.
        var shoppers = Enumerable.Range(0, 6).Select(_ => app.NewShopper()).ToList();
        foreach (var shopper in shoppers)
        {
            await shopper.RegisterAsync();
        }

        var (sku, _) = await app.SkuWithStockAsync(20, skip: 2);
        var before = await app.StockAsync(sku);
        var orders = await Task.WhenAll(shoppers.Select(shopper => shopper.PlacePickupOrderAsync(sku)));
        Assert.Equal(before.Reserved + shoppers.Count, (await app.StockAsync(sku)).Reserved);

        foreach (var order in orders)
        {
            await Eventually.TrueAsync(async () => await app.OrderStatusAsync(order.Number) == OrderStatus.Cancelled, $"the timeout cancel of {order.Number}");
        }

        Assert.Equal(before, await app.StockAsync(sku));
        Assert.Equal(before, await app.LedgerSumAsync(sku));
        foreach (var shopper in shoppers)
        {
            shopper.Dispose();
        }
    }

    [Fact]
    public async Task A_paid_order_is_left_alone_when_its_timeout_fires()
    {
        using var shopper = app.NewShopper();
        await shopper.RegisterAsync();
        var (sku, _) = await app.SkuWithStockAsync(10, skip: 1);
        var order = await shopper.PlacePickupOrderAsync(sku);
        Assert.True(await PendingCancelExistsAsync(), "placing the order schedules its cancel");
        Assert.Equal(PaymentOutcome.Recorded, (await app.PayAsync(order.Number, order.PayableFen)).Outcome);

        // Wait until the scheduled cancel has certainly been handled: it leaves a paid order as it is.
        await Eventually.TrueAsync(async () => !await PendingCancelExistsAsync(), "the scheduled cancel to be consumed");

        Assert.Equal(OrderStatus.Paid, await app.OrderStatusAsync(order.Number));
    }

    private Task<bool> PendingCancelExistsAsync() => app.QueryAsync(db => db.Database.SqlQueryRaw<int>(
        "SELECT 1 AS \"Value\" FROM wolverine_incoming_envelopes WHERE status <> 'Handled' AND lower(message_type) LIKE '%cancel%unpaid%'").AnyAsync());
}
