using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WxMall.Data;
using WxMall.Infrastructure;
using WxMall.OfficialAccount;

namespace WxMall.CustomerService;

public sealed record DurationStats(int Count, double? AverageSeconds, double? MedianSeconds, double? P90Seconds);

public sealed record RuleHits(long RuleId, string Name, int Messages);

public sealed record ServiceMetricsView(
    DateTimeOffset From, DateTimeOffset To,
    int Conversations,
    DurationStats FirstAutomaticReply,
    DurationStats FirstHumanReply,
    double FirstHumanReplyGoalSeconds,
    double? ShareOfHumanRepliesWithinGoal,
    int ClosedConversations,
    double? ResolutionRate,
    int TextMessages,
    double? KeywordMatchRate,
    IReadOnlyList<RuleHits> RuleHits,
    int LabelledConversations,
    double? BotIntentAccuracy);

/// <summary>
/// Service metrics over a period: time to the first automatic and the first human reply (goal under 30 s),
/// resolution rate, keyword-match rate, and the bot's intent accuracy on conversations agents labelled.
/// </summary>
public static class ServiceMetrics
{
    public const double HumanReplyGoalSeconds = 30;

    public static async Task<Results<Ok<ServiceMetricsView>, ValidationProblem>> Get(MallDb db, TimeProvider clock, CancellationToken cancellationToken, DateTimeOffset? from = null, DateTimeOffset? to = null)
    {
        var end = to ?? clock.GetUtcNow();
        var start = from ?? end.AddDays(-7);
        if (start >= end || end - start > TimeSpan.FromDays(366))
        {
            return Problems.Invalid("from", "统计区间需要 from 早于 to，且不超过 366 天（时间格式如 2026-11-01T00:00:00+08:00）");
        }

        var conversations = await db.Conversations.AsNoTracking().Where(c => c.StartedAt >= start && c.StartedAt < end)
            .Select(c => new { c.StartedAt, c.FirstAutomaticReplyAt, c.HandedOverAt, c.FirstHumanReplyAt, c.Status, c.Resolution, c.BotIntent, c.LabelledIntent })
            .ToListAsync(cancellationToken);
        var messages = await db.ReceivedMessages.AsNoTracking().Where(m => m.ReceivedAt >= start && m.ReceivedAt < end && m.MessageType == "text")
            .GroupBy(m => new { m.AnsweredBy, m.RuleId }).Select(g => new { g.Key.AnsweredBy, g.Key.RuleId, Count = g.Count() }).ToListAsync(cancellationToken);
        var ruleNames = await db.AutoReplyRules.AsNoTracking().ToDictionaryAsync(r => r.Id, r => r.Name, cancellationToken);

        var automatic = conversations.Where(c => c.FirstAutomaticReplyAt is not null).Select(c => (c.FirstAutomaticReplyAt!.Value - c.StartedAt).TotalSeconds).ToList();
        var human = conversations.Where(c => c.FirstHumanReplyAt is not null && c.HandedOverAt is not null).Select(c => (c.FirstHumanReplyAt!.Value - c.HandedOverAt!.Value).TotalSeconds).ToList();
        var closed = conversations.Where(c => c.Status == ConversationStatus.Closed).ToList();
        var labelled = conversations.Where(c => c.LabelledIntent is not null && c.BotIntent is not null).ToList();
        var textMessages = messages.Sum(m => m.Count);
        var keyword = messages.Where(m => m.AnsweredBy == AnsweredBy.KeywordRule).ToList();

        return TypedResults.Ok(new ServiceMetricsView(
            start, end, conversations.Count,
            Stats(automatic), Stats(human), HumanReplyGoalSeconds,
            human.Count == 0 ? null : (double)human.Count(s => s < HumanReplyGoalSeconds) / human.Count,
            closed.Count, closed.Count == 0 ? null : (double)closed.Count(c => c.Resolution == "resolved") / closed.Count,
            textMessages, textMessages == 0 ? null : (double)keyword.Sum(m => m.Count) / textMessages,
            [.. keyword.Where(m => m.RuleId is not null).GroupBy(m => m.RuleId!.Value)
                .Select(g => new RuleHits(g.Key, ruleNames.GetValueOrDefault(g.Key, "（已删除）"), g.Sum(m => m.Count))).OrderByDescending(r => r.Messages)],
            labelled.Count, labelled.Count == 0 ? null : (double)labelled.Count(c => c.BotIntent == c.LabelledIntent) / labelled.Count));
    }

    private static DurationStats Stats(List<double> seconds)
    {
        if (seconds.Count == 0)
        {
            return new DurationStats(0, null, null, null);
        }

        seconds.Sort();
        return new DurationStats(seconds.Count, Math.Round(seconds.Average(), 3), Percentile(seconds, 0.5), Percentile(seconds, 0.9));
    }

    private static double Percentile(List<double> sorted, double percentile) =>
        Math.Round(sorted[Math.Clamp((int)Math.Ceiling(percentile * sorted.Count) - 1, 0, sorted.Count - 1)], 3);
}
