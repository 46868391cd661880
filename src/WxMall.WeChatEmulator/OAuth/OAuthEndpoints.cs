using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using WxMall.WeChatEmulator.Accounts;
using WxMall.WeChatEmulator.Hosting;

namespace WxMall.WeChatEmulator.OAuth;

/// <summary>The authorize page and /sns/oauth2/access_token, /sns/oauth2/refresh_token, /sns/userinfo, /sns/auth.</summary>
internal static class OAuthEndpoints
{
    public const string UserCookie = "wxemu_user";

    public static void MapOAuth(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/connect/oauth2/authorize", (HttpContext context, AppRegistry apps, UserDirectory users, OAuthGrants grants, EmulatorOptions options) =>
        {
            var query = context.Request.Query;
            string appId = query["appid"].ToString(), redirectUri = query["redirect_uri"].ToString(), scope = query["scope"].ToString(), state = query["state"].ToString();
            if (appId.Length == 0)
            {
                return AuthorizePage.Error(10012, "appid 参数错误");
            }

            if (apps.Find(appId) is not { Kind: AppKind.OfficialAccount })
            {
                return AuthorizePage.Error(10016, "不支持的 appid");
            }

            if (redirectUri.Length == 0 || !Uri.TryCreate(redirectUri, UriKind.Absolute, out var redirect) || redirect.Scheme is not ("http" or "https"))
            {
                return AuthorizePage.Error(redirectUri.Length == 0 ? 10011 : 10003, "redirect_uri 参数错误");
            }

            if (scope.Length == 0)
            {
                return AuthorizePage.Error(10010, "scope 参数错误");
            }

            if (scope is not ("snsapi_base" or "snsapi_userinfo") || query["response_type"] != "code")
            {
                return AuthorizePage.Error(10005, "此公众号并没有这些 scope 的权限");
            }

            if (state.Length > 128 || !state.All(char.IsAsciiLetterOrDigit))
            {
                return AuthorizePage.Error(10013, "state 参数错误");
            }

            var user = users.Find(query["emulator_user"]) ?? users.Find(context.Request.Cookies[UserCookie]);
            if (user is null)
            {
                return AuthorizePage.PickUser(users.All(), context.Request);
            }

            context.Response.Cookies.Append(UserCookie, user.UserId, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax });
            if (scope == "snsapi_userinfo" && query["confirm"] != "1")
            {
                var allow = AuthorizePage.WithUser(context.Request, user.UserId) + "&confirm=1";
                return AuthorizePage.Consent(options.OfficialAccount.Name, user, allow, Append(redirectUri, "state=" + state));
            }

            var code = grants.IssueCode(appId, user.UserId, scope);
            return Results.Redirect(Append(redirectUri, "code=" + code + "&state=" + state));
        });

        routes.MapGet("/sns/oauth2/access_token", (HttpRequest request, AppRegistry apps, OAuthGrants grants, UserDirectory users) =>
        {
            var query = request.Query;
            var app = apps.Find(query["appid"]);
            if (app is null)
            {
                return WeChatReply.Error(40013, "invalid appid");
            }

            if (app.AppSecret != query["secret"])
            {
                return WeChatReply.Error(40125, "invalid appsecret");
            }

            if (query["grant_type"] != "authorization_code")
            {
                return WeChatReply.Error(40002, "invalid grant_type");
            }

            if (string.IsNullOrEmpty(query["code"]))
            {
                return WeChatReply.Error(41008, "missing code");
            }

            var (errorCode, grant) = grants.RedeemCode(app.AppId, query["code"]);
            if (errorCode != 0 || users.Find(grant!.UserId) is not { } user)
            {
                return CodeError(errorCode);
            }

            var (access, refresh) = grants.IssueTokens(grant);
            return WeChatReply.Data(new
            {
                access_token = access,
                expires_in = (int)OAuthGrants.AccessLifetime.TotalSeconds,
                refresh_token = refresh,
                openid = user.OfficialAccountOpenId,
                scope = grant.Scope,
                unionid = grant.Scope == "snsapi_userinfo" ? user.UnionId : null,
            });
        });

        routes.MapGet("/sns/oauth2/refresh_token", (HttpRequest request, AppRegistry apps, OAuthGrants grants, UserDirectory users) =>
        {
            var query = request.Query;
            if (apps.Find(query["appid"]) is not { } app)
            {
                return WeChatReply.Error(40013, "invalid appid");
            }

            if (query["grant_type"] != "refresh_token")
            {
                return WeChatReply.Error(40002, "invalid grant_type");
            }

            var (errorCode, grant, access) = grants.Refresh(app.AppId, query["refresh_token"]);
            if (errorCode != 0 || users.Find(grant!.UserId) is not { } user)
            {
                return errorCode == 42002 ? WeChatReply.Error(42002, "refresh_token expired") : WeChatReply.Error(40030, "invalid refresh_token");
            }

            return WeChatReply.Data(new
            {
                access_token = access,
                expires_in = (int)OAuthGrants.AccessLifetime.TotalSeconds,
                refresh_token = query["refresh_token"].ToString(),
                openid = user.OfficialAccountOpenId,
                scope = grant.Scope,
            });
        });

        routes.MapGet("/sns/userinfo", (HttpRequest request, OAuthGrants grants, UserDirectory users) =>
        {
            var (errorCode, grant) = grants.CheckAccessToken(request.Query["access_token"]);
            if (errorCode != 0)
            {
                return errorCode == 42001 ? WeChatReply.ExpiredAccessToken() : WeChatReply.InvalidCredential();
            }

            var user = users.Find(grant!.UserId);
            if (user is null || user.OfficialAccountOpenId != request.Query["openid"])
            {
                return WeChatReply.InvalidOpenId();
            }

            if (grant.Scope != "snsapi_userinfo")
            {
                return WeChatReply.Error(48001, "api unauthorized");
            }

            return WeChatReply.Data(new
            {
                openid = user.OfficialAccountOpenId,
                nickname = user.Nickname,
                sex = user.Sex,
                province = user.Province,
                city = user.City,
                country = user.Country,
                headimgurl = user.HeadImageUrl,
                privilege = Array.Empty<string>(),
                unionid = user.UnionId,
            });
        });

        routes.MapGet("/sns/auth", (HttpRequest request, OAuthGrants grants, UserDirectory users) =>
        {
            var (errorCode, grant) = grants.CheckAccessToken(request.Query["access_token"]);
            if (errorCode != 0)
            {
                return errorCode == 42001 ? WeChatReply.ExpiredAccessToken() : WeChatReply.InvalidCredential();
            }

            return users.Find(grant!.UserId)?.OfficialAccountOpenId == request.Query["openid"]
                ? WeChatReply.Ok()
                : WeChatReply.InvalidOpenId();
        });
    }

    private static IResult CodeError(int errorCode) => errorCode switch
    {
        40163 => WeChatReply.Error(40163, "code been used"),
        42003 => WeChatReply.Error(42003, "code expired"),
        _ => WeChatReply.Error(40029, "invalid code"),
    };

    private static string Append(string uri, string query)
    {
        var hash = uri.IndexOf('#', StringComparison.Ordinal);
        var fragment = hash < 0 ? string.Empty : uri[hash..];
        var head = hash < 0 ? uri : uri[..hash];
        return head + (head.Contains('?', StringComparison.Ordinal) ? "&" : "?") + query + fragment;
    }
}
