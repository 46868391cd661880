using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WxMall.Data;
using WxMall.Tests.Infrastructure;

namespace WxMall.Tests.Data;

/// <summary>
/// <see cref="PlainSql"/> keeps one prepared command per statement on a pooled context. A kept command must run on the
/// context's current connection and inside its current transaction, also after that connection was closed and opened
/// again while another context held one. (Keeping commands past a close broke checkout outright: PlaceOrderTests' double
/// submit and express order time out when the kept commands are not dropped on close.)
/// </summary>
public sealed class PlainSqlTests
{
    [Fact]
    public async Task On_sqlite_kept_statements_follow_the_contexts_connection_and_transaction()
    {
        await using var app = new MallAppFactory();
        await ProveAsync(app);
    }

    [Fact]
    public async Task On_postgresql_kept_statements_follow_the_contexts_connection_and_transaction()
    {
        await using var app = await PostgresMallAppFactory.CreateAsync();
        await ProveAsync(app);
    }

    private static async Task ProveAsync(MallAppFactory app)
    {
        var skuId = await app.QueryAsync(db => db.Stock.OrderBy(s => s.SkuId).Select(s => s.SkuId).FirstAsync());
        var before = await AvailableAsync(app, skuId);

        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<MallDb>();
        FormattableString AddOne() => $"""UPDATE "Stock" SET "Available" = "Available" + {1} WHERE "SkuId" = {skuId}""";

        // Inside a transaction that then fails (as a checkout batch does on a duplicate order): rolled back, nothing changed.
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            Assert.Equal(1, await db.Sql.ExecuteAsync(AddOne(), CancellationToken.None));
            await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => db.Sql.ExecuteAsync(
                $"""UPDATE "Stock" SET "SkuId" = {(int?)null} WHERE "SkuId" = {skuId}""", CancellationToken.None));
        }

        Assert.Equal(before, await AvailableAsync(app, skuId));

        // The connection closed with the transaction. Another context now holds an open connection (on SQLite, most
        // likely the native handle ours had); our next transaction gets a different one.
        await using var otherScope = app.Scope();
        var other = otherScope.ServiceProvider.GetRequiredService<MallDb>();
        await other.Database.OpenConnectionAsync();
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            Assert.Equal(1, await db.Sql.ExecuteAsync(AddOne(), CancellationToken.None));
            await transaction.RollbackAsync();
        }

        Assert.Equal(before, await AvailableAsync(app, skuId));

        // Outside a transaction the statement commits on its own; RETURNING reads the row it changed, or nothing.
        Assert.Equal(1, await db.Sql.ExecuteAsync(AddOne(), CancellationToken.None));
        Assert.Equal(before + 2, await db.Sql.ScalarAsync<int>(
            $"""UPDATE "Stock" SET "Available" = "Available" + {1} WHERE "SkuId" = {skuId} RETURNING "Available" """, CancellationToken.None));
        Assert.Null(await db.Sql.ScalarAsync<int>(
            $"""UPDATE "Stock" SET "Available" = "Available" + {1} WHERE "SkuId" = {-1} RETURNING "Available" """, CancellationToken.None));
        Assert.Equal(before + 2, await AvailableAsync(app, skuId));
        await other.Database.CloseConnectionAsync();
    }

    private static Task<int> AvailableAsync(MallAppFactory app, int skuId) =>
        app.QueryAsync(db => db.Stock.Where(s => s.SkuId == skuId).Select(s => s.Available).FirstAsync());
}
