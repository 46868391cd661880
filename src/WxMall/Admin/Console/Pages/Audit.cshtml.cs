using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using WxMall.Data;
using WxMall.Identity;

namespace WxMall.Admin.Console.Pages;

[Authorize(Policy = AuthPolicies.AdminOnly)]
public sealed class AuditModel(MallDb db) : PageModel
{
    public const int PageSize = 100;

    [BindProperty(SupportsGet = true)] public string? Action { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<AuditEntryView> Entries { get; private set; } = [];
    public IReadOnlyList<string> Actions { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        PageNumber = Math.Clamp(PageNumber, 1, 10_000);
        var action = string.IsNullOrWhiteSpace(Action) ? null : Action;
        Actions = await db.AuditLog.AsNoTracking().Select(a => a.Action).Distinct().OrderBy(a => a).ToListAsync(cancellationToken);
        Entries = await db.AuditLog.AsNoTracking().Where(a => action == null || a.Action == action)
            .OrderByDescending(a => a.Id).Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(a => new AuditEntryView(a.At, a.Actor, a.Action, a.Target, a.Detail)).ToListAsync(cancellationToken);
    }
}
