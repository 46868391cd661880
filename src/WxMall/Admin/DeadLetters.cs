using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Wolverine.Persistence.Durability;
using Wolverine.Persistence.Durability.DeadLetterManagement;
using WxMall.Data;
using WxMall.Infrastructure;

namespace WxMall.Admin;

public sealed record DeadLetterView(
    Guid Id, string MessageType, string ExceptionType, string ExceptionMessage, DateTimeOffset? SentAt, bool Replayable,
    int ReplayCount, string Body);

public sealed record ReplayResult(int Replayed);

/// <summary>
/// Manual compensation: messages that failed every retry wait here until an operator replays them,
/// one or all. Every replay is written to the audit log with who did it.
/// </summary>
public static class DeadLetters
{
    public static async Task<Ok<List<DeadLetterView>>> List(IMessageStore store, CancellationToken cancellationToken, string? messageType = null, int page = 1)
    {
        var query = new DeadLetterEnvelopeQuery { PageNumber = Math.Max(1, page), PageSize = 50 };
        if (!string.IsNullOrWhiteSpace(messageType))
        {
            query.MessageType = messageType;
        }

        var results = await store.DeadLetters.QueryAsync(query, cancellationToken);
        return TypedResults.Ok(results.Envelopes.Select(ToView).ToList());
    }

    public static async Task<Results<Ok<ReplayResult>, ProblemHttpResult>> ReplayOne(
        Guid id, IMessageStore store, MallDb db, ClaimsPrincipal user, TimeProvider clock, CancellationToken cancellationToken)
    {
        var query = new DeadLetterEnvelopeQuery { MessageIds = [id] };
        var found = await store.DeadLetters.QueryAsync(query, cancellationToken);
        var letter = found.Envelopes.FirstOrDefault();
        if (letter is null)
        {
            return Problems.NotFound($"死信 {id} 不存在或已重放");
        }

        var replayed = await store.DeadLetters.ReplayMatchingAsync(query, cancellationToken);
        AuditTrail.Record(db, user, clock, "dead-letter.replay", $"dead-letter:{id}", $"type={letter.MessageType}");
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new ReplayResult((replayed.Affected ?? 0)));
    }

    public static async Task<Ok<ReplayResult>> ReplayAll(
        IMessageStore store, MallDb db, ClaimsPrincipal user, TimeProvider clock, CancellationToken cancellationToken, string? messageType = null)
    {
        var query = new DeadLetterEnvelopeQuery();
        if (!string.IsNullOrWhiteSpace(messageType))
        {
            query.MessageType = messageType;
        }

        var replayed = await store.DeadLetters.ReplayMatchingAsync(query, cancellationToken);
        AuditTrail.Record(db, user, clock, "dead-letter.replay-all", "dead-letters", $"count={(replayed.Affected ?? 0)}; type={messageType ?? "*"}");
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new ReplayResult((replayed.Affected ?? 0)));
    }

    private static DeadLetterView ToView(DeadLetterEnvelope letter) => new(
        letter.Id, letter.MessageType ?? "", letter.ExceptionType ?? "", letter.ExceptionMessage ?? "", letter.SentAt, letter.Replayable,
        letter.ReplayCount, letter.Envelope?.Data is { } data ? Encoding.UTF8.GetString(data) : "");
}
