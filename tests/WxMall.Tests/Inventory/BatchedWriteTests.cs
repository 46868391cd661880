using System.Net;
using Microsoft.EntityFrameworkCore;
using WxMall.Ordering;
using WxMall.Tests.Infrastructure;

namespace WxMall.Tests.Inventory;

/// <summary>
/// Orders are written in batches, each in its own savepoint: an order refused half-way (its first line reserved, its
/// second short) must leave nothing of itself behind, while the orders around it in the batch are kept.
/// </summary>
public sealed class BatchedWriteTests(MallAppFactory app) : IClassFixture<MallAppFactory>
{
    [Fact]
    public async Task A_multi_line_order_refused_inside_a_batch_keeps_none_of_its_reservations()
    {
        var (first, _) = await app.SkuWithStockAsync(50, skip: 0);
        var (second, _) = await app.SkuWithStockAsync(50, skip: 1);
        await app.SetAvailableAsync(first, 40);
        await app.SetAvailableAsync(second, 5);
        var shoppers = new List<Shopper>();
        for (var i = 0; i < 6; i++)
        {
            var shopper = app.NewShopper();
            await shopper.RegisterAsync();
            shoppers.Add(shopper);
        }

        // Every order passes the stock check made before the writer (5 of the second SKU are free), but together they
        // want 6 x 3 of it: the writer must refuse some after their first line was already reserved.
        var responses = await Task.WhenAll(shoppers.Select(shopper => shopper.PlaceOrderAsync(new
        {
            lines = new[] { new { sku = first, quantity = 2 }, new { sku = second, quantity = 3 } }, delivery = "pickup", pickupStore = "bj-zgc",
        })));

        var placed = responses.Count(r => r.StatusCode == HttpStatusCode.Created);
        Assert.Equal(1, placed);
        Assert.Equal(responses.Length - placed, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        Assert.Equal(new StockCounters(40 - 2 * placed, 2 * placed, 0) with { Sold = (await app.StockAsync(first)).Sold }, await app.StockAsync(first));
        Assert.Equal(await app.StockAsync(first), await app.LedgerSumAsync(first));
        Assert.Equal(await app.StockAsync(second), await app.LedgerSumAsync(second));
        var reservedByOrders = await app.QueryAsync(db => db.OrderLines
            .Where(l => db.Skus.Any(s => s.Id == l.SkuId && s.Code == first) && db.Orders.Any(o => o.Id == l.OrderId && o.Status == OrderStatus.AwaitingPayment))
            .SumAsync(l => l.Quantity));
        Assert.Equal((await app.StockAsync(first)).Reserved, reservedByOrders);
        foreach (var shopper in shoppers)
        {
            shopper.Dispose();
        }
    }
}
