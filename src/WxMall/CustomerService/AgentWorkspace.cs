using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WxMall.Admin;
using WxMall.Compliance;
using WxMall.Data;
using WxMall.Identity;
using WxMall.Infrastructure;

namespace WxMall.CustomerService;

public sealed record ConversationSummary(
    long Id, string Shopper, long? MemberId, ConversationStatus Status, string? Agent, DateTimeOffset StartedAt,
    DateTimeOffset LastShopperMessageAt, DateTimeOffset? HandedOverAt, string? HandoverReason, string? BotIntent, string? LastText);

public sealed record TurnView(long Id, TurnAuthor Author, string? AgentName, string Text, string? Intent, float? Confidence, DateTimeOffset At, string? DeliveryError);

public sealed record ConversationDetail(ConversationSummary Conversation, bool CanReply, DateTimeOffset ReplyWindowEndsAt, string? Resolution, string? LabelledIntent, IReadOnlyList<TurnView> Turns);

public sealed record PresenceRequest(bool Online);

public sealed record AgentView(int StaffId, string UserName, string DisplayName, bool Online, int OpenConversations);

public sealed record LabelRequest(string Intent);

/// <summary>The agent workspace: the queue, my conversations, a conversation's whole history, online status, intent labels.</summary>
public static class AgentWorkspace
{
    /// <summary>The intents an agent may label a conversation with (the bot's wire names).</summary>
    public static readonly IReadOnlySet<string> IntentNames = new HashSet<string>(StringComparer.Ordinal)
    {
        "order_status", "shipping", "return_refund", "invoice", "product_recommend", "product_spec", "price_promotion",
        "warranty_repair", "payment_issue", "store_pickup", "human_agent", "greeting", "other",
    };

    public static async Task<Ok<List<ConversationSummary>>> Queue(MallDb db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await Summaries(db, db.Conversations.Where(c => c.Status == ConversationStatus.Waiting).OrderBy(c => c.HandedOverAt), cancellationToken));

    public static async Task<Results<Ok<List<ConversationSummary>>, ProblemHttpResult>> Mine(ClaimsPrincipal user, MallDb db, CancellationToken cancellationToken)
    {
        if (await StaffIdAsync(db, user, cancellationToken) is not { } staffId)
        {
            return Problems.Unauthorized("请重新登录客服账号");
        }

        return TypedResults.Ok(await Summaries(db, db.Conversations.Where(c => c.Status == ConversationStatus.WithAgent && c.AgentId == staffId).OrderBy(c => c.AssignedAt), cancellationToken));
    }

    public static async Task<Results<Ok<ConversationDetail>, ProblemHttpResult>> Get(long id, MallDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var summary = (await Summaries(db, db.Conversations.Where(c => c.Id == id), cancellationToken)).FirstOrDefault();
        if (summary is null)
        {
            return Problems.NotFound($"会话 {id} 不存在");
        }

        var extra = await db.Conversations.Where(c => c.Id == id).Select(c => new { c.Resolution, c.LabelledIntent }).FirstAsync(cancellationToken);
        var turns = await db.ConversationTurns.AsNoTracking().Where(t => t.ConversationId == id).OrderBy(t => t.Id)
            .Select(t => new TurnView(t.Id, t.Author, t.AgentName, t.Text, t.Intent, t.Confidence, t.At, t.DeliveryError)).ToListAsync(cancellationToken);
        var windowEnds = summary.LastShopperMessageAt + Conversation.ReplyWindow;
        return TypedResults.Ok(new ConversationDetail(summary, clock.GetUtcNow() < windowEnds && summary.Status != ConversationStatus.Closed, windowEnds, extra.Resolution, extra.LabelledIntent, turns));
    }

    /// <summary>An agent takes a waiting conversation (or one of a colleague's) themselves.</summary>
    public static async Task<Results<Ok<ConversationSummary>, ProblemHttpResult>> Claim(long id, ClaimsPrincipal user, MallDb db, IWriteGate writeGate, TimeProvider clock, CancellationToken cancellationToken)
    {
        var conversation = await db.Conversations.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (conversation is null)
        {
            return Problems.NotFound($"会话 {id} 不存在");
        }

        if (await StaffIdAsync(db, user, cancellationToken) is not { } staffId)
        {
            return Problems.Unauthorized("请重新登录客服账号");
        }

        if (!conversation.AssignTo(staffId, clock.GetUtcNow()))
        {
            return Problems.Conflict(conversation.Status == ConversationStatus.Closed ? "会话已关闭，不能接入" : "会话仍由机器人接待，顾客尚未请求人工");
        }

        AuditTrail.Record(db, user, clock, "cs.claim", $"conversation:{id}");
        await using (await writeGate.EnterAsync(cancellationToken))
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return TypedResults.Ok((await Summaries(db, db.Conversations.Where(c => c.Id == id), cancellationToken))[0]);
    }

    public static async Task<Results<Ok<AgentView>, ProblemHttpResult>> SetPresence(
        PresenceRequest request, ClaimsPrincipal user, MallDb db, IWriteGate writeGate, AgentAssignment assignment, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await StaffIdAsync(db, user, cancellationToken) is not { } staffId)
        {
            return Problems.Unauthorized("请重新登录客服账号");
        }

        var presence = await db.AgentPresence.FirstOrDefaultAsync(p => p.StaffId == staffId, cancellationToken);
        if (presence is null)
        {
            db.AgentPresence.Add(presence = new AgentPresence { StaffId = staffId });
        }

        presence.Online = request.Online;
        presence.ChangedAt = clock.GetUtcNow();
        AuditTrail.Record(db, user, clock, request.Online ? "cs.online" : "cs.offline", $"staff:{staffId}");
        await using (await writeGate.EnterAsync(cancellationToken))
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        if (request.Online)
        {
            await assignment.AssignWaitingAsync(cancellationToken);
        }

        return TypedResults.Ok((await AgentViews(db, cancellationToken)).First(a => a.StaffId == staffId));
    }

    public static async Task<Ok<List<AgentView>>> Agents(MallDb db, CancellationToken cancellationToken) => TypedResults.Ok(await AgentViews(db, cancellationToken));

    public static async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> Label(
        long id, LabelRequest request, ClaimsPrincipal user, MallDb db, IWriteGate writeGate, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!IntentNames.Contains(request.Intent ?? string.Empty))
        {
            return Problems.Invalid("intent", $"意图必须是以下之一：{string.Join("、", IntentNames.Order(StringComparer.Ordinal))}");
        }

        var conversation = await db.Conversations.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (conversation is null)
        {
            return Problems.NotFound($"会话 {id} 不存在");
        }

        conversation.LabelledIntent = request.Intent;
        AuditTrail.Record(db, user, clock, "cs.label", $"conversation:{id}", request.Intent!);
        await using (await writeGate.EnterAsync(cancellationToken))
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return TypedResults.NoContent();
    }

    internal static Task<int?> StaffIdAsync(MallDb db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var name = user.StaffName();
        return db.Staff.Where(s => s.UserName == name && s.IsActive).Select(s => (int?)s.Id).FirstOrDefaultAsync(cancellationToken);
    }

    internal static async Task<List<ConversationSummary>> Summaries(MallDb db, IQueryable<Conversation> conversations, CancellationToken cancellationToken)
    {
        var rows = await conversations.AsNoTracking().Take(200).Select(c => new
        {
            c.Id, c.OpenId, c.MemberId, c.Status, c.StartedAt, c.LastShopperMessageAt, c.HandedOverAt, c.HandoverReason, c.BotIntent,
            Agent = db.Staff.Where(s => s.Id == c.AgentId).Select(s => s.DisplayName).FirstOrDefault(),
            LastText = db.ConversationTurns.Where(t => t.ConversationId == c.Id && t.Author == TurnAuthor.Shopper).OrderByDescending(t => t.Id).Select(t => t.Text).FirstOrDefault(),
        }).ToListAsync(cancellationToken);
        return rows.Select(r => new ConversationSummary(r.Id, MaskOpenId(r.OpenId), r.MemberId, r.Status, r.Agent, r.StartedAt, r.LastShopperMessageAt, r.HandedOverAt, r.HandoverReason, r.BotIntent, r.LastText)).ToList();
    }

    /// <summary>Agents see which shopper without the full openid (a stable identifier of a person).</summary>
    public static string MaskOpenId(string openId) => openId.Length <= 8 ? "****" : openId[..4] + "****" + openId[^4..];

    private static async Task<List<AgentView>> AgentViews(MallDb db, CancellationToken cancellationToken) =>
        await db.Staff.Where(s => s.IsActive && (s.Role == StaffRoles.Agent || s.Role == StaffRoles.Admin))
            .OrderBy(s => s.Id)
            .Select(s => new AgentView(
                s.Id, s.UserName, s.DisplayName,
                db.AgentPresence.Any(p => p.StaffId == s.Id && p.Online),
                db.Conversations.Count(c => c.AgentId == s.Id && c.Status == ConversationStatus.WithAgent)))
            .ToListAsync(cancellationToken);
}
