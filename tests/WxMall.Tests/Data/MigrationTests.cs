using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WxMall.Data;
using WxMall.Tests.Infrastructure;

namespace WxMall.Tests.Data;

/// <summary>Both providers' migrations apply from an empty database and match the model exactly.</summary>
public sealed class MigrationTests
{
    [Fact]
    public async Task Sqlite_migrations_apply_from_empty_and_match_the_model()
    {
        await using var app = new MallAppFactory();
        await ProveAsync(app, typeof(SqliteMallDb));
    }

    [Fact]
    public async Task PostgreSql_migrations_apply_from_empty_and_match_the_model()
    {
        await using var app = await PostgresMallAppFactory.CreateAsync();
        await ProveAsync(app, typeof(PostgreSqlMallDb));
    }

    private static async Task ProveAsync(MallAppFactory app, Type expectedContext)
    {
        using var client = app.CreateClient();
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<MallDb>();

        Assert.IsType(expectedContext, db);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync());
        Assert.False(db.Database.HasPendingModelChanges(), "the model has changes no migration captures: run scripts/add-migration.sh");
        Assert.True(await db.Skus.CountAsync() >= 200, "seed catalog loaded");
        Assert.Equal("Healthy", await client.GetStringAsync("/health/ready"));
    }
}
