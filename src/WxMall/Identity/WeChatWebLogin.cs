using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using WxMall.Data;
using WxMall.Infrastructure;
using WxMall.Members;
using WxMall.WeChat.Http;
using WxMall.WeChat.OAuth;

namespace WxMall.Identity;

/// <summary>
/// Web OAuth inside WeChat. <c>scope=base</c> (silent) learns the openid and signs the browser in as an anonymous
/// WeChat visitor (the cart stays the device cart), or as the member this WeChat user already is.
/// <c>scope=userinfo</c> (one tap) also gets the unionid, nickname and avatar, and finds or creates the member.
/// </summary>
public static class WeChatWebLogin
{
    public const string CallbackPath = "/api/wechat/oauth/callback";

    public static Results<RedirectHttpResult, ValidationProblem, ProblemHttpResult> Start(
        string? scope, string? returnUrl, HttpContext http, [FromServices] WebOAuthClient? oauth, WeChatApps apps,
        OAuthStateProtector states, StoreAddress store)
    {
        if (oauth is null || apps.OfficialAccountAppId is null)
        {
            return WeChatProblems.NotConnected();
        }

        var validation = new Validation()
            .Require(scope is null or "base" or "userinfo", "scope", "scope 只能是 base（静默授权）或 userinfo（微信一键登录）")
            .Require(returnUrl is null || OAuthStateProtector.IsLocalReturnUrl(returnUrl), "returnUrl", "returnUrl 只能是本商城的页面路径，例如 /cart");
        if (!validation.IsValid)
        {
            return Problems.Invalid(validation);
        }

        var wireScope = scope == "userinfo" ? "snsapi_userinfo" : "snsapi_base";
        var state = states.Start(http, apps.OfficialAccountAppId, wireScope, returnUrl ?? "/");
        var authorize = oauth.BuildAuthorizeUrl(
            store.Absolute(CallbackPath), wireScope == "snsapi_userinfo" ? WebOAuthScope.UserInfo : WebOAuthScope.Base, state);
        return TypedResults.Redirect(authorize);
    }

    public static async Task<Results<RedirectHttpResult, ProblemHttpResult>> Callback(
        string? code, string? state, HttpContext http, [FromServices] WebOAuthClient? oauth, WeChatApps apps,
        OAuthStateProtector states, MallDb db, IWriteGate gate, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (oauth is null || apps.OfficialAccountAppId is null)
        {
            return WeChatProblems.NotConnected();
        }

        var trip = states.Complete(http, state, apps.OfficialAccountAppId);
        if (trip is null)
        {
            return TypedResults.Problem(
                "登录请求已失效或不是从本浏览器发起的（state 不匹配、已使用或超过 10 分钟），请返回商城页面重新进入。",
                statusCode: StatusCodes.Status400BadRequest, title: "微信授权状态无效");
        }

        if (string.IsNullOrEmpty(code))
        {
            return TypedResults.Problem("未获得微信授权（可能已取消），请返回商城重新进入并同意授权。", statusCode: StatusCodes.Status400BadRequest, title: "未授权");
        }

        var exchanged = await oauth.ExchangeCodeAsync(new ExchangeCodeRequest { Code = code }, cancellationToken);
        if (!exchanged.Succeeded)
        {
            return WeChatProblems.FromCodeExchange(exchanged);
        }

        var profile = new WeChatProfile(trip.AppId, exchanged.Value.OpenId, exchanged.Value.UnionId, null, null);
        if (trip.Scope == "snsapi_userinfo")
        {
            var info = await oauth.GetWebUserInfoAsync(
                new GetWebUserInfoRequest { WebAccessToken = exchanged.Value.AccessToken, OpenId = exchanged.Value.OpenId }, cancellationToken);
            if (!info.Succeeded || !string.Equals(info.Value.OpenId, exchanged.Value.OpenId, StringComparison.Ordinal))
            {
                return WeChatProblems.Unavailable("读取微信昵称和头像失败，请返回商城重新登录。");
            }

            profile = profile with { UnionId = info.Value.UnionId ?? profile.UnionId, Nickname = info.Value.Nickname, AvatarUrl = NullIfEmpty(info.Value.HeadImageUrl) };
        }

        var sessionMemberId = http.User.MemberId();
        var subject = await WeChatMembers.InTransactionAsync(db, gate, async () =>
        {
            var now = clock.GetUtcNow();
            var identity = await WeChatMembers.RecordAsync(db, profile, now, cancellationToken);
            var member = await WeChatMembers.FindMemberAsync(db, identity, cancellationToken);
            if (member is null && trip.Scope == "snsapi_userinfo")
            {
                // The shopper consented to WeChat login: join the member already signed in on this browser, or a new one.
                member = sessionMemberId is { } current ? await db.Members.FindAsync([current], cancellationToken) : null;
                if (member is null || member.IsMerged)
                {
                    member = WeChatMembers.NewMember(profile.Nickname, now);
                    db.Members.Add(member);
                    await db.SaveChangesAsync(cancellationToken);
                }
            }

            if (member is not null)
            {
                await WeChatMembers.AttachAsync(db, identity, member.Id, cancellationToken);
                return new SessionSubject(member.Id, member.Nickname, identity.AppId, identity.OpenId);
            }

            // Silent OAuth for someone who is not a member yet: keep a password sign-in on this browser, add the openid.
            return new SessionSubject(sessionMemberId, http.User.Identity?.Name ?? WeChatMembers.DefaultNickname, identity.AppId, identity.OpenId);
        }, cancellationToken);

        await StorefrontSessions.SignInCookieAsync(http, db, subject, clock, cancellationToken);
        return TypedResults.Redirect(trip.ReturnUrl);
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}

/// <summary>ProblemDetails for WeChat failures, in words a shopper can act on.</summary>
public static class WeChatProblems
{
    public static ProblemHttpResult NotConnected() => TypedResults.Problem(
        "本商城当前未接入微信（WeChat:Mode=Off），请使用手机号登录；管理员可将 WeChat:Mode 设为 Sandbox 或 Live。",
        statusCode: StatusCodes.Status503ServiceUnavailable, title: "未接入微信");

    public static ProblemHttpResult Unavailable(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status502BadGateway, title: "微信服务暂时不可用");

    /// <summary>Codes are single-use and live 5 minutes: 40029 unknown, 40163 used, 42003 expired.</summary>
    public static ProblemHttpResult FromCodeExchange<T>(WeChatResult<T> result)
        where T : class => result.ErrorCode switch
        {
            40029 or 40163 or 42003 => TypedResults.Problem(
                $"微信登录凭证无效、已使用或已过期（{result.ErrorCode}），请返回商城重新进入或重新点击登录。",
                statusCode: StatusCodes.Status400BadRequest, title: "微信登录凭证无效"),
            40013 => TypedResults.Problem(
                "微信拒绝了本商城的 AppID（40013），请联系商家检查公众号/小程序配置。", statusCode: StatusCodes.Status502BadGateway, title: "AppID 无效"),
            _ => Unavailable($"微信登录暂时失败（{result}），请稍后重试。"),
        };
}
