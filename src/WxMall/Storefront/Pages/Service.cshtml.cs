using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using WxMall.Catalog;
using WxMall.CustomerService;
using WxMall.Data;
using WxMall.Infrastructure;
using WxMall.OfficialAccount;

namespace WxMall.Storefront.Pages;

/// <summary>One question the keyword auto-reply answers: what to send, and the answer.</summary>
public sealed record CommonQuestion(string Keyword, string Answer);

/// <summary>
/// Customer-service entry. Service happens in the official account's chat (keyword replies, the bot, human agents), so
/// the page says who is there right now, offers the way into the chat (back to it inside WeChat, the account's QR code
/// elsewhere), answers the common questions with the same keyword rules the chat uses, and lists the stores' phones.
/// </summary>
public sealed class ServiceModel(MallDb db, WeChatClients clients, IWriteGate writeGate, TimeProvider clock) : PageModel
{
    private const int QuestionCount = 6;

    public IReadOnlyList<PickupStoreView> Stores { get; private set; } = [];
    public IReadOnlyList<CommonQuestion> Questions { get; private set; } = [];
    public int AgentsOnline { get; private set; }
    public int Waiting { get; private set; }
    public bool InWeChat { get; private set; }
    public bool HasQrCode { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        InWeChat = WeChatBrowser.IsWeChat(Request);
        AgentsOnline = await db.AgentPresence.CountAsync(p => p.Online, cancellationToken);
        Waiting = await db.Conversations.CountAsync(c => c.Status == ConversationStatus.Waiting, cancellationToken);
        Questions = await db.AutoReplyRules.AsNoTracking()
            .Where(r => r.Enabled && r.ReplyKind == RuleReplyKind.Text && (r.Trigger == RuleTrigger.Exact || r.Trigger == RuleTrigger.Contains) && r.Pattern != "")
            .OrderByDescending(r => r.Priority).ThenBy(r => r.Id).Take(QuestionCount)
            .Select(r => new CommonQuestion(r.Pattern, r.ReplyText)).ToListAsync(cancellationToken);
        Stores = await db.PickupStores.AsNoTracking().OrderBy(s => s.Id)
            .Select(s => new PickupStoreView(s.Code, s.Name, s.City, s.Address, s.Hours, s.Phone)).ToListAsync(cancellationToken);
        if (!InWeChat)
        {
            HasQrCode = await ServiceQrCode.UrlAsync(db, clients, writeGate, clock, cancellationToken) is not null;
        }
    }

    /// <summary>The official account's customer-service QR code as SVG (<c>/service?handler=QrCode</c>).</summary>
    public async Task<IActionResult> OnGetQrCodeAsync(CancellationToken cancellationToken)
    {
        if (await ServiceQrCode.UrlAsync(db, clients, writeGate, clock, cancellationToken) is not { } url)
        {
            return NotFound();
        }

        return File(QrCodeSvg.Render(url), QrCodeSvg.ContentType);
    }
}
