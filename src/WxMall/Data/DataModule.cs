using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace WxMall.Data;

public static class DataModule
{
    /// <summary>One <see cref="MallDb"/>, on SQLite by default or PostgreSQL when configured.</summary>
    public static WebApplicationBuilder AddData(this WebApplicationBuilder builder)
    {
        var options = ReadOptions(builder.Configuration, builder.Environment.ContentRootPath);
        builder.Services.AddSingleton(options);
        switch (options.Provider)
        {
            case DatabaseProvider.Sqlite:
                builder.Services.AddDbContextPool<MallDb, SqliteMallDb>(db => db.UseSqlite(options.ConnectionString).AddInterceptors(options.CreateSqlitePragmas()));
                builder.Services.AddSingleton<IWriteGate, SingleWriterGate>();
                builder.Services.AddSingleton<IHotReads, SqliteHotReads>();
                KeepThreadsForBlockingSqlite();
                break;
            case DatabaseProvider.PostgreSql:
                builder.Services.AddDbContextPool<MallDb, PostgreSqlMallDb>(db => db.UseNpgsql(options.ConnectionString));
                builder.Services.AddSingleton<IWriteGate, OpenWriteGate>();
                builder.Services.AddSingleton<IHotReads, PooledHotReads>();
                break;
        }

        builder.Services.AddSingleton<SharedWrites>();
        builder.Services.AddHostedService(services => services.GetRequiredService<SharedWrites>());
        builder.Services.AddHealthChecks().AddDbContextCheck<MallDb>("database", tags: ["ready"]);
        return builder;
    }

    /// <summary>Worker threads ready before the thread pool starts adding its own.</summary>
    public const int SqliteMinimumWorkerThreads = 64;

    /// <summary>
    /// Microsoft.Data.Sqlite's async methods run synchronously, so every command, and every wait for SQLite's write lock,
    /// holds a pool thread: the store's writer, Wolverine's handlers and its inbox bookkeeping easily block a dozen at once
    /// under load. The pool adds threads beyond its minimum (the core count) only a couple of times a second, and until it
    /// catches up a burst of notifications or orders queues behind blocked threads: the payment-notification load ran at
    /// 215–370/s depending on how fast the pool grew, and at 440–530/s with threads ready from the start.
    /// </summary>
    private static void KeepThreadsForBlockingSqlite()
    {
        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        if (workers < SqliteMinimumWorkerThreads)
        {
            ThreadPool.SetMinThreads(SqliteMinimumWorkerThreads, completionPorts);
        }
    }

    /// <summary>Reads the database settings; a relative SQLite path is taken from the content root, not the current folder.</summary>
    public static DatabaseOptions ReadOptions(IConfiguration configuration, string contentRoot)
    {
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        if (options.Provider == DatabaseProvider.Sqlite)
        {
            options.ConnectionString = NormaliseSqlite(options.ConnectionString, contentRoot);
        }
        else if (string.IsNullOrWhiteSpace(options.ConnectionString) || options.ConnectionString.Contains("Data Source=data/", StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                "Database:Provider is PostgreSql but Database:ConnectionString is not an Npgsql connection string. " +
                "Set it, for example: Host=localhost;Database=wxmall;Username=wxmall;Password=…");
        }
        else
        {
            _ = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        }

        return options;
    }

    /// <summary>Accepts a bare file path or a connection string; creates the folder; waits on a busy writer instead of failing.</summary>
    private static string NormaliseSqlite(string value, string contentRoot)
    {
        var connection = value.Contains('=', StringComparison.Ordinal)
            ? new SqliteConnectionStringBuilder(value)
            : new SqliteConnectionStringBuilder { DataSource = value };
        if (connection.DataSource is { Length: > 0 } path && path != ":memory:")
        {
            connection.DataSource = Path.GetFullPath(path, contentRoot);
            var folder = Path.GetDirectoryName(connection.DataSource);
            if (folder is not null)
            {
                Directory.CreateDirectory(folder);
            }
        }

        if (connection.DefaultTimeout < 30)
        {
            connection.DefaultTimeout = 30;
        }

        return connection.ToString();
    }
}
