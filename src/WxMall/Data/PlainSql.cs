using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace WxMall.Data;

/// <summary>
/// Plain parameterised SQL on a context's connection and current transaction, keeping one command per statement text.
/// <c>Database.ExecuteSqlAsync</c> builds a new command each call, and Microsoft.Data.Sqlite parses and plans every
/// new command again; a kept command is prepared once for as long as the connection stays open (a write batch), which
/// in the single writer's turn is most of what a small UPDATE costs. Statements are written as interpolated strings,
/// as with <c>ExecuteSqlAsync</c>: every interpolated value becomes a parameter, never text in the SQL. Values go to
/// ADO.NET as they are (numbers, text); EF's value conversions do not apply, so pass provider values.
/// </summary>
public sealed class PlainSql(DbContext db)
{
    private readonly Dictionary<string, DbCommand> commands = new(StringComparer.Ordinal);
    private DbConnection? connection;

    /// <summary>Runs the statement and returns how many rows it changed.</summary>
    public Task<int> ExecuteAsync(FormattableString statement, CancellationToken cancellationToken) =>
        RunAsync(statement, static (command, token) => command.ExecuteNonQueryAsync(token), cancellationToken);

    /// <summary>Runs the statement and returns the first column of its first row, or null when it returned none.</summary>
    public async Task<T?> ScalarAsync<T>(FormattableString statement, CancellationToken cancellationToken)
        where T : struct
    {
        var value = await RunAsync(statement, static (command, token) => command.ExecuteScalarAsync(token), cancellationToken);
        return value is null or DBNull ? null : (T)Convert.ChangeType(value, typeof(T), CultureInfo.InvariantCulture);
    }

    private void Drop()
    {
        foreach (var command in commands.Values)
        {
            command.Dispose();
        }

        commands.Clear();
    }

    private async Task<TResult> RunAsync<TResult>(
        FormattableString statement, Func<DbCommand, CancellationToken, Task<TResult>> run, CancellationToken cancellationToken)
    {
        var command = Prepare(statement);

        // Paired like EF's own commands: inside a transaction the connection stays open (and the command prepared);
        // outside one it is opened for this statement only.
        var relational = db.GetService<IRelationalConnection>();
        await relational.OpenAsync(cancellationToken);
        try
        {
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            return await run(command, cancellationToken);
        }
        finally
        {
            await relational.CloseAsync();
        }
    }

    private DbCommand Prepare(FormattableString statement)
    {
        // Commands live as long as the connection stays open: a closed SQLite connection hands its native handle back
        // to the pool, and a pooled context may be given another connection object next time.
        var current = db.Database.GetDbConnection();
        if (!ReferenceEquals(current, connection))
        {
            Drop();
            current.StateChange += (_, change) =>
            {
                if (change.CurrentState != System.Data.ConnectionState.Open)
                {
                    Drop();
                }
            };
            connection = current;
        }

        if (!commands.TryGetValue(statement.Format, out var command))
        {
            command = SqlText.CreateCommand(current, statement);
            commands.Add(statement.Format, command);
        }

        SqlText.Bind(command, statement);
        return command;
    }
}
