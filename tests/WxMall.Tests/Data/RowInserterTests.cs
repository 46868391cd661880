using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WxMall.Data;
using WxMall.Ordering;
using WxMall.Tests.Infrastructure;

namespace WxMall.Tests.Data;

/// <summary>
/// Checkout writes its rows with prepared inserts built from the EF model, not SaveChanges. A row written that way must
/// read back exactly like one EF wrote, column by column, on both databases; a broken constraint fails like SaveChanges.
/// </summary>
public sealed class RowInserterTests
{
    [Fact]
    public async Task On_sqlite_inserted_rows_read_back_like_rows_ef_saved()
    {
        await using var app = new MallAppFactory();
        await ProveAsync(app);
    }

    [Fact]
    public async Task On_postgresql_inserted_rows_read_back_like_rows_ef_saved()
    {
        await using var app = await PostgresMallAppFactory.CreateAsync();
        await ProveAsync(app);
    }

    private static async Task ProveAsync(MallAppFactory app)
    {
        using var shopper = new Shopper(app.CreateClient());
        var member = await shopper.RegisterAsync();
        var (skuCode, _) = await app.SkuWithStockAsync(minimumStock: 1);
        var skuId = await app.QueryAsync(db => db.Skus.Where(s => s.Code == skuCode).Select(s => s.Id).FirstAsync());
        var storeId = await app.QueryAsync(db => db.PickupStores.Select(s => s.Id).FirstAsync());

        var transactionId = "4200000000" + Guid.NewGuid().ToString("N")[..12];
        var byEf = SampleOrder(member.Id, skuId, storeId, transactionId);
        var byInserter = SampleOrder(member.Id, skuId, storeId, transactionId);
        await using (var scope = app.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MallDb>();
            db.Orders.Add(byEf);
            await db.SaveChangesAsync();
        }

        await using (var scope = app.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MallDb>();
            await db.Database.OpenConnectionAsync();
            await using var transaction = await db.Database.BeginTransactionAsync();
            await using var orders = new RowInserter<Order>(db);
            await using var lines = new RowInserter<OrderLine>(db);
            await orders.InsertAsync(byInserter, CancellationToken.None);
            foreach (var line in byInserter.Lines)
            {
                line.OrderId = byInserter.Id;
                await lines.InsertAsync(line, CancellationToken.None);
            }

            await transaction.CommitAsync();
        }

        Assert.True(byInserter.Id > byEf.Id, "the generated key is set on the inserted row");
        var saved = await app.QueryAsync(db => db.Orders.AsNoTracking().Include(o => o.Lines).FirstAsync(o => o.Id == byEf.Id));
        var inserted = await app.QueryAsync(db => db.Orders.AsNoTracking().Include(o => o.Lines).FirstAsync(o => o.Id == byInserter.Id));
        var model = await app.QueryAsync(db => Task.FromResult(db.Model));
        AssertSameColumns(model, saved, inserted, except: [nameof(Order.Id), nameof(Order.Number), nameof(Order.IdempotencyKey)]);
        Assert.Equal(saved.Lines.Count, inserted.Lines.Count);
        foreach (var (savedLine, insertedLine) in saved.Lines.OrderBy(l => l.Quantity).Zip(inserted.Lines.OrderBy(l => l.Quantity)))
        {
            AssertSameColumns(model, savedLine, insertedLine, except: [nameof(OrderLine.Id), nameof(OrderLine.OrderId)]);
        }

        // The order number is unique: a second insert of it fails as SaveChanges would, and leaves nothing behind.
        await using (var scope = app.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MallDb>();
            await db.Database.OpenConnectionAsync();
            await using var transaction = await db.Database.BeginTransactionAsync();
            await using var orders = new RowInserter<Order>(db);
            var duplicate = SampleOrder(member.Id, skuId, storeId, transactionId, number: byInserter.Number);
            await Assert.ThrowsAsync<DbUpdateException>(() => orders.InsertAsync(duplicate, CancellationToken.None));
        }

        Assert.Equal(1, await app.QueryAsync(db => db.Orders.CountAsync(o => o.Number == byInserter.Number)));
    }

    /// <summary>An order with every column set to something other than its default, paid and shipped.</summary>
    private static Order SampleOrder(long memberId, int skuId, int storeId, string transactionId, string? number = null)
    {
        var placedAt = new DateTimeOffset(2026, 11, 27, 5, 30, 15, 123, TimeSpan.Zero);
        var order = new Order
        {
            Number = number ?? "RI" + Guid.NewGuid().ToString("N")[..20],
            MemberId = memberId,
            GoodsFen = 729_900,
            ShippingFen = 1_200,
            PointsUsed = 300,
            PointsDiscountFen = 3_000,
            PayableFen = 728_100,
            Delivery = DeliveryMethod.StorePickup,
            PickupStoreId = storeId,
            RecipientNameCipher = "cipher-name",
            RecipientPhoneCipher = "cipher-phone",
            RegionText = "北京市北京市海淀区",
            AddressDetailCipher = "cipher-detail",
            IdempotencyKey = Guid.NewGuid().ToString("N"),
            PlacedAt = placedAt,
            PaymentDeadline = placedAt.AddMinutes(30),
            Lines =
            [
                new OrderLine { SkuId = skuId, ProductName = "天选 5 Pro", SkuName = "RTX 4060 16G 1T 灰", UnitPriceFen = 729_900, Quantity = 1 },
                new OrderLine { SkuId = skuId, ProductName = "天选 5 Pro", SkuName = "赠品", UnitPriceFen = 0, Quantity = 2 },
            ],
        };
        Assert.True(order.MarkPaid(transactionId, 728_100, placedAt.AddMinutes(3)).Applied);
        Assert.True(order.Ship("顺丰速运", "SF1234567890", placedAt.AddHours(5)).Applied);
        return order;
    }

    private static void AssertSameColumns<T>(Microsoft.EntityFrameworkCore.Metadata.IModel model, T expected, T actual, string[] except)
    {
        var properties = model.FindEntityType(typeof(T))!.GetProperties().Where(p => !except.Contains(p.Name)).ToList();
        Assert.NotEmpty(properties);
        foreach (var property in properties)
        {
            var info = property.PropertyInfo!;
            Assert.True(Equals(info.GetValue(expected), info.GetValue(actual)),
                $"{typeof(T).Name}.{property.Name}: EF saved {info.GetValue(expected)}, the inserter wrote {info.GetValue(actual)}");
        }
    }
}
