using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using WxMall.Compliance;
using WxMall.Data;
using WxMall.Infrastructure;
using WxMall.Members;

namespace WxMall.Identity;

public sealed record LinkRequest(string? Phone, string? Password);

/// <summary>The session after linking: <see cref="Merged"/> when another member was folded in; <see cref="Token"/> for bearer sessions.</summary>
public sealed record LinkResult(MeView Me, MergeSummary? Merged, BearerSession? Token);

/// <summary>
/// A shopper signed in through WeChat links an existing store account (phone + password); the store account is the
/// one that stays. When the WeChat identity already belongs to another member that holds orders, points or
/// addresses, <see cref="Link"/> explains the conflict (409) and <see cref="Merge"/> — an explicit second request
/// with the password again — moves everything into the store account in one transaction.
/// </summary>
public static class LinkStoreAccount
{
    public const string MergePath = "/api/wechat/link/merge";

    public static Task<Results<Ok<LinkResult>, ValidationProblem, ProblemHttpResult>> Link(
        LinkRequest request, HttpContext http, MallDb db, IWriteGate gate, PersonalDataProtector protector,
        IPasswordHasher<Member> hasher, WeChatApps apps, TimeProvider clock, CancellationToken cancellationToken) =>
        RunAsync(request, mergeConfirmed: false, http, db, gate, protector, hasher, apps, clock, cancellationToken);

    public static Task<Results<Ok<LinkResult>, ValidationProblem, ProblemHttpResult>> Merge(
        LinkRequest request, HttpContext http, MallDb db, IWriteGate gate, PersonalDataProtector protector,
        IPasswordHasher<Member> hasher, WeChatApps apps, TimeProvider clock, CancellationToken cancellationToken) =>
        RunAsync(request, mergeConfirmed: true, http, db, gate, protector, hasher, apps, clock, cancellationToken);

    private static async Task<Results<Ok<LinkResult>, ValidationProblem, ProblemHttpResult>> RunAsync(
        LinkRequest request, bool mergeConfirmed, HttpContext http, MallDb db, IWriteGate gate, PersonalDataProtector protector,
        IPasswordHasher<Member> hasher, WeChatApps apps, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (http.User.WeChatAppId() is not { } appId || http.User.WeChatOpenId() is not { } openId)
        {
            return Problems.Unauthorized("请先在微信中打开商城（或用微信登录）后再绑定商城账号");
        }

        var validation = new Validation()
            .Require(!string.IsNullOrWhiteSpace(request.Phone), "phone", "请输入商城账号的手机号")
            .Require(!string.IsNullOrEmpty(request.Password), "password", "请输入商城账号的密码");
        if (!validation.IsValid)
        {
            return Problems.Invalid(validation);
        }

        var lookup = protector.Lookup(request.Phone!.Trim());
        var account = await db.Members.AsNoTracking().FirstOrDefaultAsync(m => m.PhoneLookup == lookup, cancellationToken);
        if (account?.PasswordHash is null || hasher.VerifyHashedPassword(account, account.PasswordHash, request.Password!) == PasswordVerificationResult.Failed)
        {
            return Problems.Unauthorized("手机号或密码不正确；没有密码的账号请先用手机号注册或找回密码");
        }

        if (account.IsMerged)
        {
            return Problems.Unauthorized("该账号已合并到另一个账号，请使用合并后的账号");
        }

        var identity = await db.WeChatIdentities.AsNoTracking().FirstOrDefaultAsync(i => i.AppId == appId && i.OpenId == openId, cancellationToken);
        if (identity is null)
        {
            return Problems.Unauthorized("微信登录状态已失效，请重新从微信进入商城后再绑定");
        }

        // The store account must not already belong to a different WeChat user: that would be two people in one member.
        var unionId = identity.UnionId;
        var otherPerson = await db.WeChatIdentities.AnyAsync(i => i.MemberId == account.Id
            && ((i.AppId == appId && i.OpenId != openId) || (unionId != null && i.UnionId != null && i.UnionId != unionId)), cancellationToken);
        if (otherPerson)
        {
            return Problems.Conflict("该商城账号已绑定另一个微信号。请用那个微信登录；如需改绑，请联系客服。");
        }

        var current = await WeChatMembers.FindMemberAsync(db, identity, cancellationToken);
        if (current is not null && current.Id != account.Id)
        {
            var holdings = await MergeMembers.HoldingsAsync(db, current.Id, cancellationToken);
            if (!holdings.IsEmpty && !mergeConfirmed)
            {
                return Problems.Conflict(
                    $"当前微信已关联另一个会员账号（{holdings.Orders} 个订单、{holdings.Points} 积分、{holdings.Addresses} 个收货地址）。"
                    + "如确认两个账号都是您本人，请选择“合并账号”并再次输入该商城账号的手机号和密码：订单、积分、地址、购物车和微信绑定将全部并入手机号账号，原微信会员账号停用。",
                    new Dictionary<string, object?>
                    {
                        ["code"] = "wechat-member-conflict",
                        ["orders"] = holdings.Orders,
                        ["points"] = holdings.Points,
                        ["addresses"] = holdings.Addresses,
                        ["merge"] = MergePath,
                    });
            }

            if (holdings.UnsettledOrders > 0)
            {
                return Problems.Conflict($"当前微信会员还有 {holdings.UnsettledOrders} 个待付款、退款中或积分尚未到账的订单，请先完成支付或取消订单，等退款和积分到账后再合并。");
            }
        }

        var merged = await WeChatMembers.InTransactionAsync(db, gate, async () =>
        {
            MergeSummary? summary = null;
            if (current is not null && current.Id != account.Id)
            {
                summary = await MergeMembers.MergeAsync(db, current.Id, account.Id, clock, cancellationToken)
                    ?? throw new DbUpdateConcurrencyException("The member to merge changed meanwhile.");
            }

            var tracked = await db.WeChatIdentities.FirstAsync(i => i.Id == identity.Id, cancellationToken);
            await WeChatMembers.AttachAsync(db, tracked, account.Id, cancellationToken);
            return summary;
        }, cancellationToken);

        var subject = new SessionSubject(account.Id, account.Nickname, appId, openId);
        var token = await StorefrontSessions.RenewAsync(http, db, subject, clock, cancellationToken);
        return TypedResults.Ok(new LinkResult(await WhoAmI.ViewAsync(db, protector, apps, subject, cancellationToken), merged, token));
    }
}
