using System.Net;
using Microsoft.EntityFrameworkCore;
using WxMall.Admin;
using WxMall.Inventory;
using WxMall.Members;
using WxMall.Tests.Infrastructure;

namespace WxMall.Tests.Admin;

/// <summary>Manual compensation: a message that fails every retry waits as a dead letter until staff replay it.</summary>
public sealed class DeadLetterTests(MallAppFactory app) : IClassFixture<MallAppFactory>
{
    [Fact]
    public async Task A_stock_commit_that_keeps_failing_becomes_a_dead_letter_and_succeeds_when_replayed_after_the_fix()
    {
        using var admin = await app.StaffClientAsync();
        using var shopper = app.NewShopper();
        await shopper.RegisterAsync();
        var (sku, _) = await app.SkuWithStockAsync(10);
        var order = await shopper.PlacePickupOrderAsync(sku, quantity: 2);

        // Break the data the handler relies on: the reservation has vanished.
        await app.QueryAsync(db => db.Stock.Where(s => db.Skus.Any(k => k.Id == s.SkuId && k.Code == sku))
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Reserved, x => x.Reserved - 2)));
        await app.PayAsync(order.Number, order.PayableFen);

        List<DeadLetterView>? letters = null;
        await Eventually.TrueAsync(async () =>
        {
            letters = await admin.GetFromJsonAsync<List<DeadLetterView>>("/api/admin/dead-letters", Shopper.Json);
            return letters!.Any(l => l.Body.Contains(order.Number, StringComparison.Ordinal));
        }, "the failing message to reach the dead letters");
        var letter = letters!.First(l => l.Body.Contains(order.Number, StringComparison.Ordinal));
        Assert.Contains("InvalidOperationException", letter.ExceptionType, StringComparison.Ordinal);

        // The payment's other bookkeeping does not wait for the stock: the points and the sale are in, and stay single.
        Assert.True(await app.QueryAsync(db => db.PointsEntries.AnyAsync(p => p.OrderNumber == order.Number && p.Reason == PointsReasons.EarnedOnPayment)));
        Assert.True(await app.QueryAsync(db => db.SaleFacts.AnyAsync(f => f.OrderNumber == order.Number)));

        // The operator repairs the reservation, then replays.
        await app.QueryAsync(db => db.Stock.Where(s => db.Skus.Any(k => k.Id == s.SkuId && k.Code == sku))
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Reserved, x => x.Reserved + 2)));
        var replay = await admin.PostAsync($"/api/admin/dead-letters/{letter.Id}/replay", null);

        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        await Eventually.TrueAsync(
            () => app.QueryAsync(db => db.StockMovements.AnyAsync(m => m.OrderNumber == order.Number && m.Kind == StockMovementKind.Commit)),
            "the replayed stock commit");
        Assert.Equal(1, await app.QueryAsync(db => db.PointsEntries.CountAsync(p => p.OrderNumber == order.Number && p.Reason == PointsReasons.EarnedOnPayment)));
        Assert.Equal(1, await app.QueryAsync(db => db.SaleFacts.CountAsync(f => f.OrderNumber == order.Number)));
        var audit = await admin.GetFromJsonAsync<List<AuditEntryView>>("/api/admin/audit?action=dead-letter.replay", Shopper.Json);
        Assert.Contains(audit!, a => a.Actor == "admin" && a.Target == $"dead-letter:{letter.Id}");
        var missing = await admin.PostAsync($"/api/admin/dead-letters/{Guid.NewGuid()}/replay", null);
        await missing.ProblemAsync(HttpStatusCode.NotFound);
    }
}
