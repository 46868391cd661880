using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WxMall.CustomerService;
using WxMall.Data;
using WxMall.OfficialAccount;
using WxMall.Storefront;

namespace WxMall.Admin.Console.Pages;

/// <summary>Auto-reply rules: the list (priority order) with the last 7 days' match figures, enable/disable and delete.</summary>
[Authorize(Policy = OfficialAccountModule.StaffPolicy)]
public sealed class AutoRepliesModel(MallDb db, RuleBook rules, IOptions<OfficialAccountOptions> options, IWriteGate writeGate, TimeProvider clock) : PageModel
{
    public IReadOnlyList<AutoReplyRuleView> Rules { get; private set; } = [];
    public ServiceMetricsView? Metrics { get; private set; }
    [TempData] public string? Done { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Rules = (await ManageAutoReplyRules.List(db, cancellationToken)).Value!;
        Metrics = (await ServiceMetrics.Get(db, clock, cancellationToken)).Result is Ok<ServiceMetricsView> ok ? ok.Value : null;
    }

    public int Hits(long ruleId) => Metrics?.RuleHits.FirstOrDefault(h => h.RuleId == ruleId)?.Messages ?? 0;

    public async Task<IActionResult> OnPostToggleAsync(long id, CancellationToken cancellationToken)
    {
        var rule = await db.AutoReplyRules.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (rule is null)
        {
            return NotFound();
        }

        var request = new AutoReplyRuleRequest(rule.Name, rule.Trigger, rule.Pattern, rule.Priority, rule.ReplyKind, rule.ReplyText,
            rule.NewsTitle, rule.NewsUrl, rule.NewsPictureUrl, rule.ProductCode, !rule.Enabled);
        var result = await ManageAutoReplyRules.Update(id, request, User, db, rules, options, writeGate, clock, cancellationToken);
        return await AfterAsync(result.Result, $"规则“{rule.Name}”已{(rule.Enabled ? "停用" : "启用")}", cancellationToken);
    }

    public async Task<IActionResult> OnPostDeleteAsync(long id, CancellationToken cancellationToken)
    {
        var name = await db.AutoReplyRules.Where(r => r.Id == id).Select(r => r.Name).FirstOrDefaultAsync(cancellationToken);
        var result = await ManageAutoReplyRules.Delete(id, User, db, rules, writeGate, clock, cancellationToken);
        return await AfterAsync(result.Result, $"规则“{name}”已删除", cancellationToken);
    }

    public static string TriggerName(RuleTrigger trigger) => AutoReplyEditModel.Triggers.First(t => t.Value == trigger).Name;

    public static string ReplyKindName(RuleReplyKind kind) => AutoReplyEditModel.ReplyKinds.First(k => k.Value == kind).Name;

    private async Task<IActionResult> AfterAsync(IResult result, string done, CancellationToken cancellationToken)
    {
        if (PageOutcome.Succeeded(result, ModelState, fieldPrefix: ""))
        {
            Done = done;
            return RedirectToPage();
        }

        await OnGetAsync(cancellationToken);
        return Page();
    }
}
