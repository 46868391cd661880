using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WxMall.Data;
using WxMall.Storefront;
using WxMall.WeChat.Messages;

namespace WxMall.OfficialAccount;

/// <summary>
/// The enabled auto-reply rules, held in memory (a message must not cost a query per rule) and reloaded when
/// staff change them here, or every few seconds so that edits on another instance arrive too.
/// </summary>
public sealed partial class RuleBook(IOptions<OfficialAccountOptions> options, TimeProvider clock, ILogger<RuleBook> logger)
{
    private static readonly TimeSpan ReloadEvery = TimeSpan.FromSeconds(5);
    private volatile Snapshot? current;

    public void Invalidate() => current = null;

    /// <summary>The best keyword rule for a text: highest priority first, then the oldest. A rule that throws or times out is skipped.</summary>
    public async ValueTask<AutoReplyRule?> MatchTextAsync(Func<MallDb> db, string text, CancellationToken cancellationToken)
    {
        var snapshot = await LoadAsync(db, cancellationToken);
        var trimmed = text.Trim();
        foreach (var rule in snapshot.Keyword)
        {
            try
            {
                var matched = rule.Rule.Trigger switch
                {
                    RuleTrigger.Exact => string.Equals(trimmed, rule.Rule.Pattern.Trim(), StringComparison.OrdinalIgnoreCase),
                    RuleTrigger.Contains => trimmed.Contains(rule.Rule.Pattern, StringComparison.OrdinalIgnoreCase),
                    RuleTrigger.Regex => rule.Regex!.IsMatch(trimmed),
                    _ => false,
                };
                if (matched)
                {
                    return rule.Rule;
                }
            }
            catch (RegexMatchTimeoutException exception)
            {
                LogRegexTimeout(logger, exception, rule.Rule.Id);
            }
        }

        return null;
    }

    public async ValueTask<AutoReplyRule?> MatchMenuKeyAsync(Func<MallDb> db, string key, CancellationToken cancellationToken) =>
        (await LoadAsync(db, cancellationToken)).MenuKeys.FirstOrDefault(r => string.Equals(r.Pattern, key, StringComparison.Ordinal));

    /// <summary>The greeting for a follow: a rule for this QR scene first, then a rule for any follow.</summary>
    public async ValueTask<AutoReplyRule?> MatchFollowAsync(Func<MallDb> db, string? scene, CancellationToken cancellationToken)
    {
        var follows = (await LoadAsync(db, cancellationToken)).Follows;
        return (scene is null ? null : follows.FirstOrDefault(r => r.Pattern == scene))
            ?? follows.FirstOrDefault(r => r.Pattern.Length == 0);
    }

    /// <summary>Compiles a pattern the way matching will, or says why it cannot be used.</summary>
    public static string? CheckRegex(string pattern, TimeSpan timeout)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, timeout);
            return null;
        }
        catch (ArgumentException exception)
        {
            return "正则表达式无效：" + exception.Message;
        }
    }

    /// <summary>The database is only asked for (<paramref name="db"/>) when the rules are reloaded.</summary>
    private async ValueTask<Snapshot> LoadAsync(Func<MallDb> db, CancellationToken cancellationToken)
    {
        var snapshot = current;
        var now = clock.GetUtcNow();
        if (snapshot is not null && now - snapshot.LoadedAt < ReloadEvery)
        {
            return snapshot;
        }

        var rules = await db().AutoReplyRules.AsNoTracking().Where(r => r.Enabled)
            .OrderByDescending(r => r.Priority).ThenBy(r => r.Id).ToListAsync(cancellationToken);
        var timeout = options.Value.RegexTimeout;
        var keyword = new List<CompiledRule>();
        foreach (var rule in rules.Where(r => r.Trigger is RuleTrigger.Exact or RuleTrigger.Contains or RuleTrigger.Regex))
        {
            if (rule.Trigger != RuleTrigger.Regex)
            {
                keyword.Add(new CompiledRule(rule, null));
            }
            else if (CheckRegex(rule.Pattern, timeout) is null)
            {
                keyword.Add(new CompiledRule(rule, new Regex(rule.Pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, timeout)));
            }
        }

        snapshot = new Snapshot(now, keyword, [.. rules.Where(r => r.Trigger == RuleTrigger.MenuClick)], [.. rules.Where(r => r.Trigger == RuleTrigger.Follow)]);
        current = snapshot;
        return snapshot;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Auto-reply rule {RuleId} timed out on a message and was skipped")]
    private static partial void LogRegexTimeout(ILogger logger, Exception exception, long ruleId);

    private sealed record CompiledRule(AutoReplyRule Rule, Regex? Regex);

    private sealed record Snapshot(DateTimeOffset LoadedAt, IReadOnlyList<CompiledRule> Keyword, IReadOnlyList<AutoReplyRule> MenuKeys, IReadOnlyList<AutoReplyRule> Follows);
}

/// <summary>Turns a rule into the reply it stands for (a product card reads the live product).</summary>
public sealed class RuleReplies(StoreLinks links)
{
    /// <summary>Only a product card reads the database (<paramref name="db"/>).</summary>
    public async Task<ReplyContent?> RenderAsync(Func<MallDb> db, AutoReplyRule rule, string? scene, CancellationToken cancellationToken)
    {
        var text = rule.ReplyText.Replace("{scene}", scene ?? string.Empty, StringComparison.Ordinal);
        switch (rule.ReplyKind)
        {
            case RuleReplyKind.News:
                return ReplyContent.OfArticle(new NewsArticle(rule.NewsTitle ?? rule.Name, text, links.Absolute(rule.NewsPictureUrl ?? string.Empty), links.Absolute(rule.NewsUrl ?? "/")));
            case RuleReplyKind.Product:
                var product = await db().Products.AsNoTracking().Where(p => p.Code == rule.ProductCode && p.OnSale)
                    .Select(p => new { p.Code, p.Name, p.Subtitle, PriceFen = p.Skus.Min(s => (long?)s.PriceFen) })
                    .FirstOrDefaultAsync(cancellationToken);
                if (product is null)
                {
                    return text.Length > 0 ? ReplyContent.OfText(text) : null;
                }

                var description = (product.PriceFen is { } fen ? $"¥{Money.Plain(fen)} 起。" : string.Empty) + (text.Length > 0 ? text : product.Subtitle);
                return ReplyContent.OfArticle(new NewsArticle(product.Name, description, links.ProductImage(product.Code), links.Product(product.Code)));
            default:
                return text.Length > 0 ? ReplyContent.OfText(text) : null;
        }
    }
}
