using System.Globalization;
using System.Runtime.ExceptionServices;

namespace WxMall.Data;

/// <summary>
/// Small units of database work from many callers, run together in one transaction. Event handlers (stock commit,
/// points, sales facts) write a row or two each; on SQLite's single writer their separate BEGIN/COMMITs, and the lock
/// waits in between, cost far more than the rows. Each unit runs in its own savepoint and saves its own changes, so a
/// unit that throws is rolled back and its exception goes to its caller alone, while the others commit. Batches are
/// first tried all at once (no savepoints, one save), which is what nearly always happens.
/// A unit must do all its reads and writes through the <see cref="MallDb"/> it is given.
/// </summary>
public sealed class SharedWrites(IServiceScopeFactory scopes, IWriteGate writeGate, ILogger<SharedWrites> logger)
    : BatchWriter<Func<MallDb, CancellationToken, Task>, ExceptionDispatchInfo?>(logger)
{
    public async Task RunAsync(Func<MallDb, CancellationToken, Task> unit, CancellationToken cancellationToken) =>
        (await WriteAsync(unit, cancellationToken))?.Throw();

    protected override async Task<IReadOnlyList<ExceptionDispatchInfo?>> WriteBatchAsync(
        IReadOnlyList<Func<MallDb, CancellationToken, Task>> batch, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MallDb>();
        await using (await writeGate.EnterAsync(WritePriority.Background, cancellationToken))
        {
            if (batch.Count > 1 && await TryAllAtOnceAsync(db, batch, cancellationToken))
            {
                return new ExceptionDispatchInfo?[batch.Count];
            }

            return await OneByOneAsync(db, batch, cancellationToken);
        }
    }

    /// <summary>
    /// The usual case, every unit succeeding: one transaction, no savepoints, and one save for all of them. Any failure
    /// rolls the whole batch back and reports false, and the batch runs again unit by unit.
    /// </summary>
    private static async Task<bool> TryAllAtOnceAsync(MallDb db, IReadOnlyList<Func<MallDb, CancellationToken, Task>> batch, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            foreach (var unit in batch)
            {
                await unit(db, cancellationToken);
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return false;
        }
    }

    /// <summary>Each unit in its own savepoint, so the one that throws is rolled back alone and the others commit.</summary>
    private static async Task<ExceptionDispatchInfo?[]> OneByOneAsync(
        MallDb db, IReadOnlyList<Func<MallDb, CancellationToken, Task>> batch, CancellationToken cancellationToken)
    {
        var failures = new ExceptionDispatchInfo?[batch.Count];
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        for (var index = 0; index < batch.Count; index++)
        {
            var savepoint = "unit" + index.ToString(CultureInfo.InvariantCulture);
            await transaction.CreateSavepointAsync(savepoint, cancellationToken);
            try
            {
                await batch[index](db, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                await transaction.RollbackToSavepointAsync(savepoint, cancellationToken);

                // The failed unit's pending changes go; the others' are saved already.
                db.ChangeTracker.Clear();
                failures[index] = ExceptionDispatchInfo.Capture(exception);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return failures;
    }
}
