using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WxMall.Admin;
using WxMall.Data;
using WxMall.Infrastructure;

namespace WxMall.OfficialAccount;

public sealed record AutoReplyRuleRequest(
    string Name, RuleTrigger Trigger, string? Pattern, int Priority, RuleReplyKind ReplyKind, string? ReplyText,
    string? NewsTitle, string? NewsUrl, string? NewsPictureUrl, string? ProductCode, bool Enabled = true);

public sealed record AutoReplyRuleView(
    long Id, string Name, RuleTrigger Trigger, string Pattern, int Priority, RuleReplyKind ReplyKind, string ReplyText,
    string? NewsTitle, string? NewsUrl, string? NewsPictureUrl, string? ProductCode, bool Enabled, DateTimeOffset UpdatedAt);

/// <summary>Staff list, create, change and delete auto-reply rules (keywords, menu keys, greetings).</summary>
public static class ManageAutoReplyRules
{
    public static async Task<Ok<List<AutoReplyRuleView>>> List(MallDb db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await db.AutoReplyRules.AsNoTracking().OrderByDescending(r => r.Priority).ThenBy(r => r.Id).Select(r => ToView(r)).ToListAsync(cancellationToken));

    public static async Task<Results<Created<AutoReplyRuleView>, ValidationProblem>> Create(
        AutoReplyRuleRequest request, ClaimsPrincipal user, MallDb db, RuleBook rules, IOptions<OfficialAccountOptions> options, IWriteGate writeGate, TimeProvider clock, CancellationToken cancellationToken)
    {
        var validation = await ValidateAsync(request, db, options.Value, cancellationToken);
        if (!validation.IsValid)
        {
            return Problems.Invalid(validation);
        }

        var rule = new AutoReplyRule { Name = request.Name.Trim() };
        Apply(rule, request, clock);
        db.AutoReplyRules.Add(rule);
        AuditTrail.Record(db, user, clock, "oa.rule.create", $"rule:{rule.Name}", $"{request.Trigger} {request.Pattern}");
        await SaveAsync(db, writeGate, cancellationToken);
        rules.Invalidate();
        return TypedResults.Created($"/api/admin/official-account/rules/{rule.Id}", ToView(rule));
    }

    public static async Task<Results<Ok<AutoReplyRuleView>, ProblemHttpResult, ValidationProblem>> Update(
        long id, AutoReplyRuleRequest request, ClaimsPrincipal user, MallDb db, RuleBook rules, IOptions<OfficialAccountOptions> options, IWriteGate writeGate, TimeProvider clock, CancellationToken cancellationToken)
    {
        var validation = await ValidateAsync(request, db, options.Value, cancellationToken);
        if (!validation.IsValid)
        {
            return Problems.Invalid(validation);
        }

        var rule = await db.AutoReplyRules.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (rule is null)
        {
            return Problems.NotFound($"自动回复规则 {id} 不存在");
        }

        rule.Name = request.Name.Trim();
        Apply(rule, request, clock);
        AuditTrail.Record(db, user, clock, "oa.rule.update", $"rule:{id}", $"{request.Trigger} {request.Pattern}");
        await SaveAsync(db, writeGate, cancellationToken);
        rules.Invalidate();
        return TypedResults.Ok(ToView(rule));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(long id, ClaimsPrincipal user, MallDb db, RuleBook rules, IWriteGate writeGate, TimeProvider clock, CancellationToken cancellationToken)
    {
        var rule = await db.AutoReplyRules.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (rule is null)
        {
            return Problems.NotFound($"自动回复规则 {id} 不存在");
        }

        db.AutoReplyRules.Remove(rule);
        AuditTrail.Record(db, user, clock, "oa.rule.delete", $"rule:{id}", rule.Name);
        await SaveAsync(db, writeGate, cancellationToken);
        rules.Invalidate();
        return TypedResults.NoContent();
    }

    private static async Task<Validation> ValidateAsync(AutoReplyRuleRequest request, MallDb db, OfficialAccountOptions options, CancellationToken cancellationToken)
    {
        var pattern = request.Pattern ?? string.Empty;
        var validation = new Validation()
            .Require(!string.IsNullOrWhiteSpace(request.Name) && request.Name.Trim().Length <= 60, "name", "规则名称必填，不超过 60 个字")
            .Require(Enum.IsDefined(request.Trigger), "trigger", "触发方式只能是 Exact、Contains、Regex、MenuClick 或 Follow")
            .Require(Enum.IsDefined(request.ReplyKind), "replyKind", "回复类型只能是 Text、News 或 Product")
            .Require(request.Trigger == RuleTrigger.Follow || pattern.Trim().Length > 0, "pattern", "关键词或菜单 key 必填（关注欢迎语可留空）")
            .Require(pattern.Length <= 300, "pattern", "关键词不超过 300 个字")
            .Require(request.Trigger != RuleTrigger.MenuClick || System.Text.Encoding.UTF8.GetByteCount(pattern) <= 128, "pattern", "菜单 key 不超过 128 字节")
            .Require((request.ReplyText ?? string.Empty).Length <= 2000, "replyText", "回复文字不超过 2000 个字")
            .Require(request.ReplyKind != RuleReplyKind.Text || !string.IsNullOrWhiteSpace(request.ReplyText), "replyText", "文字回复必须填写回复内容")
            .Require(request.ReplyKind != RuleReplyKind.News || (!string.IsNullOrWhiteSpace(request.NewsTitle) && !string.IsNullOrWhiteSpace(request.NewsUrl)), "newsTitle", "图文回复需要标题和链接")
            .Require(request.ReplyKind != RuleReplyKind.Product || !string.IsNullOrWhiteSpace(request.ProductCode), "productCode", "商品卡片需要商品编码");
        if (request.Trigger == RuleTrigger.Regex && pattern.Length > 0 && RuleBook.CheckRegex(pattern, options.RegexTimeout) is { } regexError)
        {
            validation.Require(false, "pattern", regexError);
        }

        if (request.ReplyKind == RuleReplyKind.Product && !string.IsNullOrWhiteSpace(request.ProductCode)
            && !await db.Products.AnyAsync(p => p.Code == request.ProductCode, cancellationToken))
        {
            validation.Require(false, "productCode", $"商品 {request.ProductCode} 不存在，请填写商品编码（如 lenovo-legion-y9000p-2024）");
        }

        return validation;
    }

    private static void Apply(AutoReplyRule rule, AutoReplyRuleRequest request, TimeProvider clock)
    {
        rule.Trigger = request.Trigger;
        rule.Pattern = (request.Pattern ?? string.Empty).Trim();
        rule.Priority = request.Priority;
        rule.ReplyKind = request.ReplyKind;
        rule.ReplyText = request.ReplyText?.Trim() ?? string.Empty;
        rule.NewsTitle = request.NewsTitle?.Trim();
        rule.NewsUrl = request.NewsUrl?.Trim();
        rule.NewsPictureUrl = request.NewsPictureUrl?.Trim();
        rule.ProductCode = request.ProductCode?.Trim();
        rule.Enabled = request.Enabled;
        rule.UpdatedAt = clock.GetUtcNow();
    }

    private static async Task SaveAsync(MallDb db, IWriteGate writeGate, CancellationToken cancellationToken)
    {
        await using (await writeGate.EnterAsync(cancellationToken))
        {
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    private static AutoReplyRuleView ToView(AutoReplyRule r) =>
        new(r.Id, r.Name, r.Trigger, r.Pattern, r.Priority, r.ReplyKind, r.ReplyText, r.NewsTitle, r.NewsUrl, r.NewsPictureUrl, r.ProductCode, r.Enabled, r.UpdatedAt);
}
