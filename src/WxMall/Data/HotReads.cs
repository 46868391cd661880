using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace WxMall.Data;

/// <summary>
/// Single-row reads that run on nearly every request (is the signed-in member still active; the SKU, price and stock a
/// checkout line needs; the pickup store), in plain SQL that is the same on both databases. They bypass EF Core: for
/// a primary-key read its per-query machinery (connection open and close, command and shaper set-up) cost several times
/// the read, and on SQLite every new command is parsed and planned again.
/// </summary>
public interface IHotReads
{
    /// <summary>The first row, mapped by <paramref name="map"/>, or null when there is none. Interpolated values are parameters.</summary>
    Task<T?> FirstAsync<T>(FormattableString sql, Func<DbDataReader, T> map, CancellationToken cancellationToken)
        where T : class;
}

/// <summary>
/// SQLite: a pool of connections kept open for the store's lifetime, each keeping its commands prepared. In WAL mode an
/// open connection that is not reading holds no lock and does not hold back checkpoints; each read is its own snapshot.
/// </summary>
public sealed class SqliteHotReads(DatabaseOptions options) : IHotReads, IDisposable
{
    private readonly ConcurrentBag<Reader> idle = [];
    private readonly SqlitePragmas pragmas = options.CreateSqlitePragmas();
    private int disposed;

    public async Task<T?> FirstAsync<T>(FormattableString sql, Func<DbDataReader, T> map, CancellationToken cancellationToken)
        where T : class
    {
        ObjectDisposedException.ThrowIf(disposed != 0, this);
        if (!idle.TryTake(out var reader))
        {
            reader = new Reader(options.ConnectionString, pragmas);
        }

        var healthy = false;
        try
        {
            var command = reader.Commands.GetOrAdd(sql.Format, _ => SqlText.CreateCommand(reader.Connection, sql));
            SqlText.Bind(command, sql);
            await using var rows = await command.ExecuteReaderAsync(cancellationToken);
            var result = await rows.ReadAsync(cancellationToken) ? map(rows) : null;
            healthy = true;
            return result;
        }
        finally
        {
            // A connection that failed mid-read is not trusted with the next one.
            if (healthy && disposed == 0)
            {
                idle.Add(reader);
            }
            else
            {
                reader.Dispose();
            }
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        while (idle.TryTake(out var reader))
        {
            reader.Dispose();
        }
    }

    private sealed class Reader : IDisposable
    {
        public Reader(string connectionString, SqlitePragmas pragmas)
        {
            // Its own native handle, outside the pool EF's connections share: it is never handed back.
            Connection = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
            Connection.Open();
            pragmas.Apply(Connection);
        }

        public SqliteConnection Connection { get; }

        public ConcurrentDictionary<string, DbCommand> Commands { get; } = new(StringComparer.Ordinal);

        public void Dispose()
        {
            foreach (var command in Commands.Values)
            {
                command.Dispose();
            }

            Connection.Dispose();
        }
    }
}

/// <summary>PostgreSQL: a connection from Npgsql's pool per read; the server keeps what it planned.</summary>
public sealed class PooledHotReads(DatabaseOptions options) : IHotReads, IDisposable
{
    private readonly NpgsqlDataSource source = NpgsqlDataSource.Create(options.ConnectionString);

    public async Task<T?> FirstAsync<T>(FormattableString sql, Func<DbDataReader, T> map, CancellationToken cancellationToken)
        where T : class
    {
        await using var connection = await source.OpenConnectionAsync(cancellationToken);
        await using var command = SqlText.CreateCommand(connection, sql);
        SqlText.Bind(command, sql);
        await using var rows = await command.ExecuteReaderAsync(cancellationToken);
        return await rows.ReadAsync(cancellationToken) ? map(rows) : null;
    }

    public void Dispose() => source.Dispose();
}

/// <summary>Turns an interpolated statement into a command with one named parameter (<c>@p0</c>, <c>@p1</c>…) per value.</summary>
public static class SqlText
{
    public static DbCommand CreateCommand(DbConnection connection, FormattableString sql)
    {
        var command = connection.CreateCommand();
        var names = new object[sql.ArgumentCount];
        for (var index = 0; index < names.Length; index++)
        {
            // The parameter carries the placeholder's exact name: Microsoft.Data.Sqlite otherwise tries each prefix in turn.
            var name = "@p" + index.ToString(CultureInfo.InvariantCulture);
            names[index] = name;
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            command.Parameters.Add(parameter);
        }

        command.CommandText = string.Format(CultureInfo.InvariantCulture, sql.Format, names);
        return command;
    }

    /// <summary>Sets the statement's values on a command <see cref="CreateCommand"/> made from the same text.</summary>
    public static void Bind(DbCommand command, FormattableString sql)
    {
        for (var index = 0; index < sql.ArgumentCount; index++)
        {
            command.Parameters[index].Value = sql.GetArgument(index) ?? DBNull.Value;
        }
    }
}
