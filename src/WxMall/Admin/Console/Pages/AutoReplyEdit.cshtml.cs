using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WxMall.Data;
using WxMall.OfficialAccount;
using WxMall.Storefront;

namespace WxMall.Admin.Console.Pages;

public sealed class AutoReplyInput
{
    [Display(Name = "规则名称")] public string? Name { get; set; }
    [Display(Name = "触发方式")] public string? Trigger { get; set; } = nameof(RuleTrigger.Contains);
    [Display(Name = "关键词 / 正则 / 菜单 key")] public string? Pattern { get; set; }
    [Display(Name = "优先级（数字大者先匹配）")] public string? Priority { get; set; } = "0";
    [Display(Name = "回复类型")] public string? ReplyKind { get; set; } = nameof(RuleReplyKind.Text);
    [Display(Name = "回复文字（图文为摘要）")] public string? ReplyText { get; set; }
    [Display(Name = "图文标题")] public string? NewsTitle { get; set; }
    [Display(Name = "图文链接")] public string? NewsUrl { get; set; }
    [Display(Name = "图文图片地址")] public string? NewsPictureUrl { get; set; }
    [Display(Name = "商品编码")] public string? ProductCode { get; set; }
    [Display(Name = "启用")] public bool Enabled { get; set; } = true;
}

/// <summary>Create or edit one auto-reply rule; validation (an invalid regex, an unknown product) is the API's, shown next to the field.</summary>
[Authorize(Policy = OfficialAccountModule.StaffPolicy)]
public sealed class AutoReplyEditModel(MallDb db, RuleBook rules, IOptions<OfficialAccountOptions> options, IWriteGate writeGate, TimeProvider clock) : PageModel
{
    public static readonly IReadOnlyList<(RuleTrigger Value, string Name)> Triggers =
    [
        (RuleTrigger.Exact, "完全匹配"), (RuleTrigger.Contains, "包含关键词"), (RuleTrigger.Regex, "正则表达式"),
        (RuleTrigger.MenuClick, "菜单点击"), (RuleTrigger.Follow, "关注欢迎语"),
    ];

    public static readonly IReadOnlyList<(RuleReplyKind Value, string Name)> ReplyKinds =
        [(RuleReplyKind.Text, "文字"), (RuleReplyKind.News, "图文"), (RuleReplyKind.Product, "商品卡片")];

    [BindProperty] public AutoReplyInput Input { get; set; } = new();
    public long? Id { get; private set; }

    public async Task<IActionResult> OnGetAsync(long? id, CancellationToken cancellationToken)
    {
        Id = id;
        if (id is null)
        {
            return Page();
        }

        var rule = await db.AutoReplyRules.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (rule is null)
        {
            return NotFound();
        }

        Input = new AutoReplyInput
        {
            Name = rule.Name, Trigger = rule.Trigger.ToString(), Pattern = rule.Pattern,
            Priority = rule.Priority.ToString(System.Globalization.CultureInfo.InvariantCulture), ReplyKind = rule.ReplyKind.ToString(), ReplyText = rule.ReplyText,
            NewsTitle = rule.NewsTitle, NewsUrl = rule.NewsUrl, NewsPictureUrl = rule.NewsPictureUrl, ProductCode = rule.ProductCode, Enabled = rule.Enabled,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long? id, CancellationToken cancellationToken)
    {
        Id = id;
        if (!int.TryParse(Input.Priority?.Trim(), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var priority))
        {
            ModelState.AddModelError("Input.Priority", "优先级请填写整数，例如 10（数字大者先匹配）");
            return Page();
        }

        // An unknown choice becomes an undefined value, which the API refuses with its own message.
        var trigger = Enum.TryParse<RuleTrigger>(Input.Trigger, out var t) && Enum.IsDefined(t) ? t : (RuleTrigger)(-1);
        var replyKind = Enum.TryParse<RuleReplyKind>(Input.ReplyKind, out var k) && Enum.IsDefined(k) ? k : (RuleReplyKind)(-1);
        var request = new AutoReplyRuleRequest(Input.Name ?? string.Empty, trigger, Input.Pattern, priority, replyKind, Input.ReplyText,
            Blank(Input.NewsTitle), Blank(Input.NewsUrl), Blank(Input.NewsPictureUrl), Blank(Input.ProductCode), Input.Enabled);
        IResult result = id is { } ruleId
            ? (await ManageAutoReplyRules.Update(ruleId, request, User, db, rules, options, writeGate, clock, cancellationToken)).Result
            : (await ManageAutoReplyRules.Create(request, User, db, rules, options, writeGate, clock, cancellationToken)).Result;
        if (PageOutcome.Read<AutoReplyRuleView>(result, ModelState) is not { } saved)
        {
            return Page();
        }

        TempData["Done"] = $"规则“{saved.Name}”已保存";
        return Redirect("/admin/auto-replies");
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
