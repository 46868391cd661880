using Microsoft.EntityFrameworkCore;
using WxMall.Data;

namespace WxMall.OfficialAccount;

/// <summary>
/// The record of pushes already taken, keyed by WeChat's de-duplication key. The unique index decides which of
/// two racing tries (on one instance or several) owns a message; the loser finds the winner's reply.
/// </summary>
public sealed class MessageLog(MallDb db, IWriteGate writeGate, ReceivedMessageWriter writer)
{
    public Task<ReceivedMessage?> FindAsync(string deduplicationKey, CancellationToken cancellationToken) =>
        db.ReceivedMessages.AsNoTracking().FirstOrDefaultAsync(m => m.DeduplicationKey == deduplicationKey, cancellationToken);

    /// <summary>Adds the message; returns null when it was added, or the record that was there first.</summary>
    public async Task<ReceivedMessage?> TryAddAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        try
        {
            message.Id = await writer.WriteAsync(message, cancellationToken);
            return null;
        }
        catch (DbUpdateException)
        {
            return await FindAsync(message.DeduplicationKey, cancellationToken) ?? throw new InvalidOperationException(
                $"Saving pushed message {message.DeduplicationKey} failed and no earlier copy exists; see the inner exception.");
        }
    }

    /// <summary>Marks a message answered; false when something else answered it first.</summary>
    public async Task<bool> TryMarkRepliedAsync(long id, string? replyXml, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using (await writeGate.EnterAsync(cancellationToken))
        {
            return await db.ReceivedMessages.Where(m => m.Id == id && m.RepliedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.RepliedAt, at).SetProperty(m => m.ReplyXml, replyXml), cancellationToken) == 1;
        }
    }

    public async Task SetAnsweredByAsync(long id, AnsweredBy answeredBy, CancellationToken cancellationToken)
    {
        await using (await writeGate.EnterAsync(cancellationToken))
        {
            await db.ReceivedMessages.Where(m => m.Id == id).ExecuteUpdateAsync(s => s.SetProperty(m => m.AnsweredBy, answeredBy), cancellationToken);
        }
    }
}
