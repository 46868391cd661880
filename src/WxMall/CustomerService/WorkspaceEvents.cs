using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WxMall.Data;

namespace WxMall.CustomerService;

/// <summary>The agent's two lists, sent whenever either changes (a new waiting conversation, a new message, an assignment).</summary>
public sealed record WorkspaceLists(IReadOnlyList<ConversationSummary> Queue, IReadOnlyList<ConversationSummary> Mine);

/// <summary>The open conversation's state, sent when it changes (closed, claimed, the 48-hour window ran out).</summary>
public sealed record WorkspaceConversationState(long Id, ConversationStatus Status, string? Agent, bool CanReply, DateTimeOffset ReplyWindowEndsAt);

/// <summary>
/// <c>GET /api/admin/customer-service/events</c>: Server-Sent Events for the agent workspace page, so new waiting
/// conversations and new shopper messages appear without a reload. Events: <c>lists</c> (<see cref="WorkspaceLists"/>),
/// <c>turns</c> (new <see cref="TurnView"/>s of the open conversation, the event id is the last turn id, so a
/// reconnecting browser resumes after it with <c>Last-Event-ID</c>) and <c>conversation</c>
/// (<see cref="WorkspaceConversationState"/>).
/// </summary>
/// <remarks>
/// The stream reads the database once a second rather than listening to an in-process signal: messages arrive on
/// whichever instance WeChat calls, and the database is what all instances share. A stream ends after
/// <see cref="MaximumLifetime"/>; the browser reconnects, so no request holds a database context for ever.
/// </remarks>
public static class WorkspaceEvents
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaximumLifetime = TimeSpan.FromMinutes(5);

    public static ServerSentEventsResult<object> Stream(
        ClaimsPrincipal user, MallDb db, TimeProvider clock, HttpRequest request, CancellationToken cancellationToken, long? conversation = null, long? after = null)
    {
        // The browser's automatic reconnect sends the last turn id it saw; it wins over the URL's starting point.
        var lastTurn = long.TryParse(request.Headers["Last-Event-ID"], out var resumed) ? resumed : after ?? 0;
        return TypedResults.ServerSentEvents(EventsAsync(user, db, clock, conversation, lastTurn, cancellationToken));
    }

    private static async IAsyncEnumerable<SseItem<object>> EventsAsync(
        ClaimsPrincipal user, MallDb db, TimeProvider clock, long? conversationId, long lastTurn, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var staffId = await AgentWorkspace.StaffIdAsync(db, user, cancellationToken);
        var started = clock.GetUtcNow();
        string? lastLists = null;
        WorkspaceConversationState? lastState = null;
        while (!cancellationToken.IsCancellationRequested && clock.GetUtcNow() - started < MaximumLifetime)
        {
            var queue = await AgentWorkspace.Summaries(db, db.Conversations.Where(c => c.Status == ConversationStatus.Waiting).OrderBy(c => c.HandedOverAt), cancellationToken);
            var mine = staffId is { } agentId
                ? await AgentWorkspace.Summaries(db, db.Conversations.Where(c => c.Status == ConversationStatus.WithAgent && c.AgentId == agentId).OrderBy(c => c.AssignedAt), cancellationToken)
                : [];
            var lists = Signature(queue) + "|" + Signature(mine);
            if (lists != lastLists)
            {
                lastLists = lists;
                yield return new SseItem<object>(new WorkspaceLists(queue, mine), "lists");
            }

            if (conversationId is { } id)
            {
                var turns = await db.ConversationTurns.AsNoTracking().Where(t => t.ConversationId == id && t.Id > lastTurn).OrderBy(t => t.Id).Take(200)
                    .Select(t => new TurnView(t.Id, t.Author, t.AgentName, t.Text, t.Intent, t.Confidence, t.At, t.DeliveryError)).ToListAsync(cancellationToken);
                if (turns.Count > 0)
                {
                    lastTurn = turns[^1].Id;
                    yield return new SseItem<object>(turns, "turns") { EventId = lastTurn.ToString(System.Globalization.CultureInfo.InvariantCulture) };
                }

                var state = await StateAsync(db, id, clock, cancellationToken);
                if (state is not null && state != lastState)
                {
                    lastState = state;
                    yield return new SseItem<object>(state, "conversation");
                }
            }

            // Pacing only, not logic: a real delay even when a test replaces the clock.
            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private static async Task<WorkspaceConversationState?> StateAsync(MallDb db, long id, TimeProvider clock, CancellationToken cancellationToken)
    {
        var row = await db.Conversations.AsNoTracking().Where(c => c.Id == id)
            .Select(c => new { c.Status, c.LastShopperMessageAt, Agent = db.Staff.Where(s => s.Id == c.AgentId).Select(s => s.DisplayName).FirstOrDefault() })
            .FirstOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }

        var windowEnds = row.LastShopperMessageAt + Conversation.ReplyWindow;
        return new WorkspaceConversationState(id, row.Status, row.Agent, row.Status != ConversationStatus.Closed && clock.GetUtcNow() < windowEnds, windowEnds);
    }

    private static string Signature(List<ConversationSummary> conversations) =>
        string.Join(",", conversations.Select(c => $"{c.Id}:{(int)c.Status}:{c.LastShopperMessageAt.ToUnixTimeMilliseconds()}:{c.Agent}"));
}
