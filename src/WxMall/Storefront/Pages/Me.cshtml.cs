using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WxMall.Compliance;
using WxMall.Data;
using WxMall.Identity;
using WxMall.Members;

namespace WxMall.Storefront.Pages;

public sealed class LinkInput
{
    [Display(Name = "商城账号手机号")] public string? Phone { get; set; }
    [Display(Name = "商城账号密码")][DataType(DataType.Password)] public string? Password { get; set; }
}

/// <summary>
/// Member centre: level, points and their history, links to orders, addresses and customer service; for a shopper
/// signed in with WeChat, linking an existing store account (phone + password), with an explicit merge step when needed.
/// </summary>
[Authorize(Policy = AuthPolicies.Member)]
public sealed class MeModel(
    MallDb db, PersonalDataProtector protector, WeChatApps apps, IWriteGate gate, IPasswordHasher<Member> hasher, TimeProvider clock) : PageModel
{
    public MemberView? Member { get; private set; }
    public MeView? Session { get; private set; }
    public IReadOnlyList<PointsEntryView> Points { get; private set; } = [];

    [BindProperty] public LinkInput Input { get; set; } = new();
    [TempData] public string? Done { get; set; }

    /// <summary>The store account holds another member's data: linking needs the shopper's explicit "merge".</summary>
    public bool OfferMerge { get; private set; }

    /// <summary>Signed in through WeChat (an openid in the session) to a member without a password: an existing store account can be linked.</summary>
    public bool CanLink => Session is { WeChatAppId: not null, HasPassword: false };

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : await SignOutAsync();

    public async Task<IActionResult> OnPostLinkAsync(CancellationToken cancellationToken) => await LinkAsync(merge: false, cancellationToken);

    public async Task<IActionResult> OnPostMergeAsync(CancellationToken cancellationToken) => await LinkAsync(merge: true, cancellationToken);

    public async Task<IActionResult> OnPostLogoutAsync() => await SignOutAsync();

    private async Task<IActionResult> LinkAsync(bool merge, CancellationToken cancellationToken)
    {
        var request = new LinkRequest(Input.Phone?.Trim(), Input.Password);
        var result = merge
            ? await LinkStoreAccount.Merge(request, HttpContext, db, gate, protector, hasher, apps, clock, cancellationToken)
            : await LinkStoreAccount.Link(request, HttpContext, db, gate, protector, hasher, apps, clock, cancellationToken);
        if (result.Result is ProblemHttpResult { StatusCode: StatusCodes.Status409Conflict } && !merge)
        {
            OfferMerge = true;
        }

        if (PageOutcome.Read<LinkResult>(result.Result, ModelState) is { } linked)
        {
            Done = linked.Merged is null ? "已绑定商城账号，以后用微信或手机号登录都是同一个账号" : "已合并到商城账号，订单、积分和地址都已转入";
            return Redirect("/me");
        }

        return await LoadAsync(cancellationToken) ? Page() : await SignOutAsync();
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        if (PageOutcome.Read<MemberView>((await MemberAccounts.Me(User, db, protector, cancellationToken)).Result, new()) is not { } member)
        {
            return false;
        }

        Member = member;
        Session = (await WhoAmI.Get(User, db, protector, apps, cancellationToken)).Value;
        Points = (await MemberAddresses.Points(User, db, cancellationToken)).Value!.Take(20).ToList();
        return true;
    }

    private async Task<IActionResult> SignOutAsync()
    {
        await HttpContext.SignOutAsync(AuthSchemes.Member);
        return Redirect("/login");
    }
}
