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
    /// Records an answered push without waiting for the commit. When an earlier try of the same push is already
    /// recorded (a retry that reached another instance, or came after a restart), the unique index keeps the first
    /// record and this one is dropped.
    /// </summary>
    /// <summary>
    /// Most records are of keyword answers that nobody waits for; gathering them for a few milliseconds turns a
    /// commit per message or two into one per dozens. The desk path, which waits, barely notices next to the bot.
    /// </summary>
    protected override TimeSpan Linger => TimeSpan.FromMilliseconds(10);

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

    protected override async Task<IReadOnlyList<long>> WriteBatchAsync(IReadOnlyList<ReceivedMessage> batch, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MallDb>();
        var copies = batch.Select(Copy).ToList();
        db.ReceivedMessages.AddRange(copies);
        await using (await writeGate.EnterAsync(cancellationToken))
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return [.. copies.Select(m => m.Id)];
    }

    // The caller's instance stays untouched, so a failed batch can be written again.
    private static ReceivedMessage Copy(ReceivedMessage m) => new()
    {
        DeduplicationKey = m.DeduplicationKey, OpenId = m.OpenId, MessageType = m.MessageType, EventName = m.EventName, Content = m.Content,
        ReceivedAt = m.ReceivedAt, AnsweredBy = m.AnsweredBy, RuleId = m.RuleId, ReplyXml = m.ReplyXml, RepliedAt = m.RepliedAt,
    };
}
