using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WxMall.Inventory;
using WxMall.Ordering;

namespace WxMall.Tests.Infrastructure;

public sealed record StockCounters(int Available, int Reserved, int Sold);

/// <summary>Reads and prepares store data directly, for arranging tests and checking what was written.</summary>
public static class StoreData
{
    /// <summary>
    /// The <paramref name="skip"/>-th SKU seeded with at least <paramref name="minimumStock"/> units. Chosen by seed stock,
    /// not current stock, so each test of a class keeps its own SKU whatever the others did first.
    /// </summary>
    public static async Task<(string Code, long PriceFen)> SkuWithStockAsync(this MallAppFactory app, int minimumStock, int skip = 0)
    {
        var sku = await app.QueryAsync(db => db.StockMovements
            .Where(m => m.Kind == StockMovementKind.Receive && m.Actor == "seed" && m.AvailableDelta >= minimumStock)
            .Join(db.Skus, m => m.SkuId, s => s.Id, (m, s) => new { s.Id, s.Code, s.PriceFen })
            .OrderBy(x => x.Id).Skip(skip).FirstAsync());
        return (sku.Code, sku.PriceFen);
    }

    /// <summary>Sets a SKU's available stock exactly (test arrangement), keeping the ledger in step.</summary>
    public static async Task SetAvailableAsync(this MallAppFactory app, string skuCode, int available)
    {
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<WxMall.Data.MallDb>();
        var stock = scope.ServiceProvider.GetRequiredService<StockService>();
        var skuId = await db.Skus.Where(s => s.Code == skuCode).Select(s => s.Id).FirstAsync();
        var current = await db.Stock.Where(s => s.SkuId == skuId).Select(s => s.Available).FirstAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        Assert.True(await stock.TryAdjustAvailableAsync(skuId, available - current, StockMovementKind.Adjust, "测试准备", "test", CancellationToken.None));
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
    }

    public static Task<StockCounters> StockAsync(this MallAppFactory app, string skuCode) =>
        app.QueryAsync(db => db.Stock.Where(st => db.Skus.Any(s => s.Id == st.SkuId && s.Code == skuCode))
            .Select(st => new StockCounters(st.Available, st.Reserved, st.Sold)).FirstAsync());

    /// <summary>The ledger of a SKU summed up; it must always equal the counters.</summary>
    public static Task<StockCounters> LedgerSumAsync(this MallAppFactory app, string skuCode) =>
        app.QueryAsync(async db =>
        {
            var movements = await db.StockMovements.Where(m => db.Skus.Any(s => s.Id == m.SkuId && s.Code == skuCode)).ToListAsync();
            return new StockCounters(movements.Sum(m => m.AvailableDelta), movements.Sum(m => m.ReservedDelta), movements.Sum(m => m.SoldDelta));
        });

    public static Task<OrderStatus> OrderStatusAsync(this MallAppFactory app, string number) =>
        app.QueryAsync(db => db.Orders.Where(o => o.Number == number).Select(o => o.Status).FirstAsync());

    public static async Task<(PaymentOutcome Outcome, string? Detail)> PayAsync(this MallAppFactory app, string orderNumber, long amountFen, string? transactionId = null)
    {
        await using var scope = app.Scope();
        var record = scope.ServiceProvider.GetRequiredService<RecordPayment>();
        return await record.HandleAsync(orderNumber, transactionId ?? "4200" + orderNumber[2..], amountFen, DateTimeOffset.UtcNow, CancellationToken.None);
    }
}
