using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WxMall.CustomerService;
using WxMall.Data;
using WxMall.OfficialAccount;
using WxMall.Storefront;

namespace WxMall.Admin.Console.Pages;

/// <summary>
/// The agent workspace: the queue, my conversations, one conversation's whole history (bot turns included), a reply
/// box and closing with a resolution. Every write goes through the customer-service API methods (audit-logged); the
/// page works without JavaScript, and <c>service.js</c> keeps it live over <see cref="WorkspaceEvents"/>.
/// </summary>
[Authorize(Policy = CustomerServiceModule.AgentPolicy)]
public sealed class ServiceModel(MallDb db, IWriteGate writeGate, WeChatClients clients, AgentAssignment assignment, TimeProvider clock) : PageModel
{
    public static readonly IReadOnlyList<(string Code, string Name)> ResolutionNames =
    [
        ("resolved", "已解决"), ("unresolved", "未解决"), ("duplicate", "重复会话"), ("no_response", "顾客无回应"), ("spam", "骚扰/垃圾消息"),
    ];

    public IReadOnlyList<ConversationSummary> Queue { get; private set; } = [];
    public IReadOnlyList<ConversationSummary> Mine { get; private set; } = [];
    public ConversationDetail? Selected { get; private set; }
    public bool Online { get; private set; }

    [TempData] public string? Done { get; set; }

    [BindProperty]
    [Display(Name = "回复内容")]
    public string? Text { get; set; }

    [BindProperty]
    [Display(Name = "结案代码")]
    public string? Resolution { get; set; }

    public async Task<IActionResult> OnGetAsync(long? id, CancellationToken cancellationToken)
    {
        await LoadAsync(id, cancellationToken);
        return id is not null && Selected is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostReplyAsync(long id, CancellationToken cancellationToken)
    {
        var result = await ReplyToShopper.Handle(id, new AgentReplyRequest(Text ?? string.Empty), User, db, writeGate, clients, clock, cancellationToken);
        return await AfterAsync(id, result.Result, "回复已发送", cancellationToken);
    }

    public async Task<IActionResult> OnPostClaimAsync(long id, CancellationToken cancellationToken)
    {
        var result = await AgentWorkspace.Claim(id, User, db, writeGate, clock, cancellationToken);
        return await AfterAsync(id, result.Result, $"已接入会话 #{id}", cancellationToken);
    }

    public async Task<IActionResult> OnPostCloseAsync(long id, CancellationToken cancellationToken)
    {
        var result = await CloseConversation.Handle(id, new CloseRequest(Resolution ?? string.Empty), User, db, writeGate, clock, cancellationToken);
        return await AfterAsync(id, result.Result, $"会话 #{id} 已结案（{ResolutionName(Resolution)}）", cancellationToken);
    }

    public async Task<IActionResult> OnPostPresenceAsync(bool online, long? id, CancellationToken cancellationToken)
    {
        var result = await AgentWorkspace.SetPresence(new PresenceRequest(online), User, db, writeGate, assignment, clock, cancellationToken);
        return await AfterAsync(id, result.Result, online ? "已上线：排队的会话会自动分配给你" : "已下线：不再自动分配新会话", cancellationToken);
    }

    public static string ResolutionName(string? code) => ResolutionNames.FirstOrDefault(r => r.Code == code).Name ?? code ?? "";

    public static string AuthorName(TurnView turn) => turn.Author switch
    {
        TurnAuthor.Shopper => "顾客",
        TurnAuthor.Bot => "机器人",
        TurnAuthor.Agent => "客服 " + turn.AgentName,
        _ => "自动回复",
    };

    public static string StatusName(ConversationStatus status) => status switch
    {
        ConversationStatus.Bot => "机器人接待中",
        ConversationStatus.Waiting => "排队中",
        ConversationStatus.WithAgent => "人工接待中",
        _ => "已结案",
    };

    public static string BeijingTime(DateTimeOffset at, string format = "MM-dd HH:mm:ss") =>
        at.ToOffset(Money.ChinaOffset).ToString(format, System.Globalization.CultureInfo.InvariantCulture);

    private async Task<IActionResult> AfterAsync(long? id, IResult result, string done, CancellationToken cancellationToken)
    {
        // The reply's errors belong next to the reply box; the others (409s) go to the summary.
        if (PageOutcome.Succeeded(result, ModelState, fieldPrefix: ""))
        {
            Done = done;
            return Redirect(id is null ? "/admin/service" : $"/admin/service?id={id}");
        }

        await LoadAsync(id, cancellationToken);
        return Page();
    }

    private async Task LoadAsync(long? id, CancellationToken cancellationToken)
    {
        Queue = (await AgentWorkspace.Queue(db, cancellationToken)).Value!;
        Mine = (await AgentWorkspace.Mine(User, db, cancellationToken)).Result is Microsoft.AspNetCore.Http.HttpResults.Ok<List<ConversationSummary>> mine ? mine.Value! : [];
        var me = User.Identity?.Name;
        Online = (await AgentWorkspace.Agents(db, cancellationToken)).Value!.Any(a => a.UserName == me && a.Online);
        if (id is { } conversationId
            && (await AgentWorkspace.Get(conversationId, db, clock, cancellationToken)).Result is Microsoft.AspNetCore.Http.HttpResults.Ok<ConversationDetail> detail)
        {
            Selected = detail.Value;
        }
    }
}
