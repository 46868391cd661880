using System.Net;
using WxMall.Tests.Infrastructure;

namespace WxMall.Tests.Inventory;

/// <summary>
/// Many shoppers at once, one SKU with stock K: exactly min(N, K) orders succeed, stock never goes negative and
/// the ledger sums to the counters. Run on SQLite and on PostgreSQL.
/// </summary>
public static class Oversell
{
    public static async Task ProveAsync(MallAppFactory app, int stock, int attempts)
    {
        var (sku, _) = await app.SkuWithStockAsync(1);
        await app.SetAvailableAsync(sku, stock);
        var before = await app.StockAsync(sku);
        var shoppers = new List<Shopper>();
        for (var i = 0; i < 8; i++)
        {
            var shopper = app.NewShopper();
            await shopper.RegisterAsync();
            shoppers.Add(shopper);
        }

        using var start = new SemaphoreSlim(0);
        var tasks = Enumerable.Range(0, attempts).Select(async i =>
        {
            await start.WaitAsync();
            return await shoppers[i % shoppers.Count].PlaceOrderAsync(new { lines = new[] { new { sku, quantity = 1 } }, delivery = "pickup", pickupStore = "bj-zgc" });
        }).ToList();
        start.Release(attempts);
        var responses = await Task.WhenAll(tasks);

        var created = responses.Count(r => r.StatusCode == HttpStatusCode.Created);
        var refused = responses.Count(r => r.StatusCode == HttpStatusCode.Conflict);
        Assert.Equal(Math.Min(attempts, stock), created);
        Assert.Equal(attempts - created, refused);
        var after = await app.StockAsync(sku);
        Assert.Equal(Math.Max(0, stock - attempts), after.Available);
        Assert.Equal(before.Reserved + created, after.Reserved);
        Assert.True(after.Available >= 0);
        Assert.Equal(after, await app.LedgerSumAsync(sku));
        foreach (var shopper in shoppers)
        {
            shopper.Dispose();
        }
    }
}

public sealed class SqliteOversellTests(MallAppFactory app) : IClassFixture<MallAppFactory>
{
    [Fact]
    public Task Forty_shoppers_racing_for_ten_units_get_exactly_ten() => Oversell.ProveAsync(app, stock: 10, attempts: 40);

    [Fact]
    public Task Fewer_shoppers_than_units_all_succeed() => Oversell.ProveAsync(app, stock: 30, attempts: 12);
}

public sealed class PostgreSqlOversellTests
{
    [Fact]
    public async Task Forty_shoppers_racing_for_ten_units_get_exactly_ten()
    {
        await using var app = await PostgresMallAppFactory.CreateAsync();
        await Oversell.ProveAsync(app, stock: 10, attempts: 40);
    }
}
