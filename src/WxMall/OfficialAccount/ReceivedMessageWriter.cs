using Microsoft.EntityFrameworkCore;
using WxMall.Data;

namespace WxMall.OfficialAccount;

/// <summary>
/// Saves pushed messages in batches (one commit for every push waiting at that moment). A duplicate breaks the batch's
/// unique index; the batch is then written one message at a time and only the duplicate fails.
/// </summary>
public sealed partial class ReceivedMessageWriter(IServiceScopeFactory scopes, IWriteGate writeGate, ILogger<ReceivedMessageWriter> logger)
    : BatchWriter<ReceivedMessage, long>(logger)
{
    /// <summary>
    /// Most records are of keyword answers that nobody waits for; gathering them for a few milliseconds turns a
    /// commit per message or two into one per dozens. The desk path, which waits, barely notices next to the bot.
    /// </summary>
    protected override TimeSpan Linger => TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// Records an answered push without waiting for the commit. When an earlier try of the same push is already
    /// recorded (a retry that reached another instance, or came after a restart), the unique index keeps the first
    /// record and this one is dropped.
    /// </summary>
    public async ValueTask RecordAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        var written = await QueueAsync(message, cancellationToken);
        _ = ObserveAsync(written, message.DeduplicationKey);
    }

    private async Task ObserveAsync(Task<long> written, string deduplicationKey)
    {
        try
        {
            await written;
        }
        catch (Exception exception)
        {
            if (exception is DbUpdateException && await AlreadyRecordedAsync(deduplicationKey))
            {
                return;
            }

            LogNotRecorded(logger, exception, deduplicationKey);
        }
    }

    private async Task<bool> AlreadyRecordedAsync(string deduplicationKey)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<MallDb>().ReceivedMessages.AnyAsync(m => m.DeduplicationKey == deduplicationKey);
        }
        catch (Exception)
        {
            return false; // the caller logs the write's own failure
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Pushed message {DeduplicationKey} was answered but could not be recorded")]
    private static partial void LogNotRecorded(ILogger logger, Exception exception, string deduplicationKey);

    /// <summary>
    /// One prepared INSERT … RETURNING per message (<see cref="RowInserter{T}"/>) inside one transaction, not
    /// SaveChanges: at thousands of messages a second, EF's change tracking and command building were a fifth of the
    /// store's CPU. A unique-key violation surfaces as <see cref="DbUpdateException"/>, as from SaveChanges.
    /// </summary>
    protected override async Task<IReadOnlyList<long>> WriteBatchAsync(IReadOnlyList<ReceivedMessage> batch, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MallDb>();
        await using (await writeGate.EnterAsync(WritePriority.Background, cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await using var insert = new RowInserter<ReceivedMessage>(db);
            foreach (var message in batch)
            {
                await insert.InsertAsync(message, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        return batch.Select(message => message.Id).ToList();
    }
}
