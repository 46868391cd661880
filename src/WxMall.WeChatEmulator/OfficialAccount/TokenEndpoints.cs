using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using WxMall.WeChatEmulator.Accounts;
using WxMall.WeChatEmulator.Hosting;

namespace WxMall.WeChatEmulator.OfficialAccount;

/// <summary>GET /cgi-bin/token, POST /cgi-bin/stable_token, GET /cgi-bin/ticket/getticket, POST /cgi-bin/clear_quota.</summary>
internal static class TokenEndpoints
{
    public static void MapTokens(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/cgi-bin/token", (HttpRequest request, AppRegistry apps, AccessTokenIssuer issuer, QuotaLedger quotas) =>
        {
            var query = request.Query;
            var error = CheckCredentials(apps, query["grant_type"], query["appid"], query["secret"], out var app);
            if (error is not null)
            {
                return error;
            }

            if (!quotas.TryConsume(app!.AppId, "token"))
            {
                return WeChatReply.QuotaReached();
            }

            var (token, expiresIn) = issuer.IssuePlain(app.AppId);
            return WeChatReply.Data(new { access_token = token, expires_in = expiresIn });
        });

        routes.MapPost("/cgi-bin/stable_token", async (HttpRequest request, AppRegistry apps, AccessTokenIssuer issuer, QuotaLedger quotas) =>
        {
            var (body, bodyError) = await JsonBody.ReadAsync(request);
            using (body)
            {
                if (bodyError is not null)
                {
                    return bodyError;
                }

                if (body.IsWrongType("force_refresh", JsonValueKind.True)
                    || body.IsWrongType("appid", JsonValueKind.String) || body.IsWrongType("secret", JsonValueKind.String))
                {
                    return WeChatReply.BadJson();
                }

                var error = CheckCredentials(apps, body.String("grant_type"), body.String("appid"), body.String("secret"), out var app);
                if (error is not null)
                {
                    return error;
                }

                if (!quotas.TryConsume(app!.AppId, "stable_token"))
                {
                    return WeChatReply.QuotaReached();
                }

                var forceRefresh = body.Root.TryGetProperty("force_refresh", out var force) && force.ValueKind == JsonValueKind.True;
                var allowed = !forceRefresh || quotas.TryConsume(app.AppId, "stable_token_force_refresh");
                var (token, expiresIn) = issuer.GetStable(app.AppId, forceRefresh, allowed);
                return WeChatReply.Data(new { access_token = token, expires_in = expiresIn });
            }
        });

        routes.MapGet("/cgi-bin/ticket/getticket", (HttpContext context, AccessTokenGuard guard, JsApiTickets tickets, QuotaLedger quotas) =>
        {
            if (!guard.TryAuthorize(context, out var app, out var error))
            {
                return error!;
            }

            var type = context.Request.Query["type"].ToString();
            if (type is not ("jsapi" or "wx_card"))
            {
                return WeChatReply.Error(40097, "invalid args");
            }

            if (!quotas.TryConsume(app.AppId, "ticket"))
            {
                return WeChatReply.QuotaReached();
            }

            var (ticket, expiresIn) = tickets.Get(app.AppId, type);
            return WeChatReply.Data(new { errcode = 0, errmsg = "ok", ticket, expires_in = expiresIn });
        });

        routes.MapPost("/cgi-bin/clear_quota", async (HttpContext context, AccessTokenGuard guard, QuotaLedger quotas) =>
        {
            if (!guard.TryAuthorize(context, out var app, out var error))
            {
                return error!;
            }

            var (body, bodyError) = await JsonBody.ReadAsync(context.Request);
            using (body)
            {
                if (bodyError is not null)
                {
                    return bodyError;
                }

                if (body.String("appid") != app.AppId)
                {
                    return WeChatReply.Error(40013, "invalid appid");
                }

                quotas.Clear(app.AppId);
                return WeChatReply.Ok();
            }
        });
    }

    private static IResult? CheckCredentials(AppRegistry apps, string? grantType, string? appId, string? secret, out AppAccount? app)
    {
        app = null;
        if (grantType != "client_credential")
        {
            return WeChatReply.Error(40002, "invalid grant_type");
        }

        if (string.IsNullOrEmpty(appId))
        {
            return WeChatReply.Error(41002, "appid missing");
        }

        if (string.IsNullOrEmpty(secret))
        {
            return WeChatReply.Error(41004, "appsecret missing");
        }

        app = apps.Find(appId);
        if (app is null)
        {
            return WeChatReply.Error(40013, "invalid appid");
        }

        return app.AppSecret == secret ? null : WeChatReply.Error(40125, "invalid appsecret");
    }
}
