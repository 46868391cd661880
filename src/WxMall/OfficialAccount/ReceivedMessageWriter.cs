using WxMall.Data;

namespace WxMall.OfficialAccount;

/// <summary>
/// Saves pushed messages in batches (one commit for every push waiting at that moment). A duplicate breaks the batch's
/// unique index; the batch is then written one message at a time and only the duplicate fails.
/// </summary>
public sealed class ReceivedMessageWriter(IServiceScopeFactory scopes, IWriteGate writeGate, ILogger<ReceivedMessageWriter> logger)
    : BatchWriter<ReceivedMessage, long>(logger)
{
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
