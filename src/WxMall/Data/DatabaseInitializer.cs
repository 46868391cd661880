using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WxMall.Admin;
using WxMall.Catalog;

namespace WxMall.Data;

public static class DatabaseInitializer
{
    /// <summary>Applies migrations, switches SQLite to WAL, loads the seed catalog and the first admin.</summary>
    public static async Task InitializeDatabaseAsync(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<DatabaseOptions>();
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<MallDb>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("WxMall.Database");
        if (options.MigrateOnStartup)
        {
            if (options.Provider == DatabaseProvider.Sqlite)
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
            }

            await db.Database.MigrateAsync();
        }

        var clock = services.GetRequiredService<TimeProvider>();
        if (options.SeedOnStartup && await CatalogSeed.SeedAsync(db, clock))
        {
            logger.LogInformation("Loaded the seed catalog");
        }

        await StaffAccounts.EnsureInitialAdminAsync(
            db, services.GetRequiredService<IPasswordHasher<StaffUser>>(), services.GetRequiredService<IOptions<AdminOptions>>().Value,
            clock, logger, CancellationToken.None);
    }
}
