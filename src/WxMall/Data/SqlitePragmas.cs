using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace WxMall.Data;

/// <summary>
/// Per-connection SQLite settings. In WAL mode <c>synchronous=NORMAL</c> skips the fsync on every commit: a crash of
/// the store loses nothing, a power cut may lose the last commits but never corrupts the file. FULL (configurable)
/// fsyncs each commit and caps a single writer at a few hundred commits a second on ordinary disks.
/// </summary>
public sealed class SqlitePragmas(string synchronous) : DbConnectionInterceptor
{
    private readonly string pragmas = $"PRAGMA synchronous={synchronous}; PRAGMA busy_timeout=30000;";

    // Pooled connections keep their native handle, and the pragmas with it: apply them once per handle.
    private readonly ConditionalWeakTable<object, object> configured = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default) =>
        ApplyAsync(connection, cancellationToken);

    private bool NeedsPragmas(DbConnection connection) =>
        connection is not SqliteConnection { Handle: { } handle } || configured.TryAdd(handle, handle);

    public void Apply(DbConnection connection)
    {
        if (!NeedsPragmas(connection))
        {
            return;
        }

        using var command = connection.CreateCommand();
        command.CommandText = pragmas;
        command.ExecuteNonQuery();
    }

    private async Task ApplyAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        if (!NeedsPragmas(connection))
        {
            return;
        }

        await using var command = connection.CreateCommand();
        command.CommandText = pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

/// <summary>
/// Wolverine's own connections to the store's SQLite file (marking messages handled, scheduling, recovery) with the
/// same settings as the store's: without them each of Wolverine's small commits fsyncs while holding the single write
/// lock, and every writer of the store waits behind it.
/// </summary>
public sealed class SqliteStoreDataSource(string connectionString, SqlitePragmas pragmas) : DbDataSource
{
    public override string ConnectionString => connectionString;

    protected override DbConnection CreateDbConnection() => new ConfiguredConnection(connectionString, pragmas);

    private sealed class ConfiguredConnection(string connectionString, SqlitePragmas pragmas) : SqliteConnection(connectionString)
    {
        public override void Open()
        {
            base.Open();
            pragmas.Apply(this);
        }
    }
}
