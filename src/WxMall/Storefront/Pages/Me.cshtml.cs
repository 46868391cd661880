using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WxMall.Compliance;
using WxMall.Data;
using WxMall.Identity;
using WxMall.Members;

namespace WxMall.Storefront.Pages;

/// <summary>Member centre: level, points and their history, links to orders, addresses and customer service.</summary>
[Authorize(Policy = AuthPolicies.Member)]
public sealed class MeModel(MallDb db, PersonalDataProtector protector) : PageModel
{
    public MemberView? Member { get; private set; }
    public IReadOnlyList<PointsEntryView> Points { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (PageOutcome.Read<MemberView>((await MemberAccounts.Me(User, db, protector, cancellationToken)).Result, ModelState) is not { } member)
        {
            await HttpContext.SignOutAsync(AuthSchemes.Member);
            return Redirect("/login");
        }

        Member = member;
        Points = (await MemberAddresses.Points(User, db, cancellationToken)).Value!.Take(20).ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostLogoutAsync()
    {
        await HttpContext.SignOutAsync(AuthSchemes.Member);
        return Redirect("/");
    }
}
