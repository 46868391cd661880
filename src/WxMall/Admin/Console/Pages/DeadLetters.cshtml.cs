using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wolverine.Persistence.Durability;
using WxMall.Data;
using WxMall.Identity;

namespace WxMall.Admin.Console.Pages;

/// <summary>Messages that failed every retry; replaying one or all is audit-logged by the API methods used here.</summary>
[Authorize(Policy = AuthPolicies.CatalogStaff)]
public sealed class DeadLettersModel(IMessageStore store, MallDb db, TimeProvider clock) : PageModel
{
    public IReadOnlyList<DeadLetterView> Letters { get; private set; } = [];
    [TempData] public string? Done { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Letters = (await DeadLetters.List(store, cancellationToken)).Value!;

    public async Task<IActionResult> OnPostReplayAsync(Guid id, CancellationToken cancellationToken)
    {
        var result = await DeadLetters.ReplayOne(id, store, db, User, clock, cancellationToken);
        if (Storefront.PageOutcome.Read<ReplayResult>(result.Result, ModelState, fieldPrefix: "") is { } replayed)
        {
            Done = $"已重新投递 {replayed.Replayed} 条消息";
            return RedirectToPage();
        }

        await OnGetAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostReplayAllAsync(CancellationToken cancellationToken)
    {
        var result = await DeadLetters.ReplayAll(store, db, User, clock, cancellationToken);
        Done = $"已重新投递 {result.Value!.Replayed} 条消息";
        return RedirectToPage();
    }
}
