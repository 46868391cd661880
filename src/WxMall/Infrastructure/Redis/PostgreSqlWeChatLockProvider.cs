using Medallion.Threading.Postgres;
using Npgsql;
using WxMall.WeChat.Tokens;

namespace WxMall.Infrastructure.Redis;

/// <summary>
/// WeChat token locks as PostgreSQL session advisory locks, for several instances on PostgreSQL without Redis.
/// A held lock keeps one pooled connection open; it is released when the holder disposes it or its session ends.
/// </summary>
public sealed class PostgreSqlWeChatLockProvider : IWeChatLockProvider, IDisposable, IAsyncDisposable
{
    private readonly NpgsqlDataSource dataSource;
    private readonly PostgresDistributedSynchronizationProvider locks;

    public PostgreSqlWeChatLockProvider(NpgsqlDataSource dataSource)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        this.dataSource = dataSource;
        locks = new PostgresDistributedSynchronizationProvider(dataSource);
    }

    /// <summary>Owns a data source of its own so its held connections never starve the store's pool.</summary>
    public static PostgreSqlWeChatLockProvider Create(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                "Database:Provider is PostgreSql but Database:ConnectionString is empty; the WeChat token locks need it. " +
                "Set it, for example: Host=localhost;Database=wxmall;Username=wxmall;Password=…, or set Redis:Configuration.");
        }

        return new PostgreSqlWeChatLockProvider(NpgsqlDataSource.Create(connectionString));
    }

    public async ValueTask<IWeChatLock?> TryAcquireAsync(string name, TimeSpan wait, CancellationToken cancellationToken)
    {
        // Names are longer than an advisory key holds, so they are hashed to 64 bits.
        var handle = await locks.CreateLock(new PostgresAdvisoryLockKey(name, allowHashing: true)).TryAcquireAsync(wait, cancellationToken);
        return handle is null ? null : new HeldDistributedLock(handle);
    }

    public void Dispose() => dataSource.Dispose();

    public ValueTask DisposeAsync() => dataSource.DisposeAsync();
}
