using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using WxMall.WeChatEmulator.Accounts;
using WxMall.WeChatEmulator.OfficialAccount;

namespace WxMall.WeChatEmulator.Hosting;

/// <summary>The checks every access-token API makes, in WeChat's order: token, quota, body.</summary>
internal static class ApiCall
{
    public static async Task<IResult> PostAsync(HttpContext context, string quota, Func<AppAccount, JsonBody, Task<IResult>> handle)
    {
        if (Authorize(context, quota, out var app) is { } error)
        {
            return error;
        }

        var (body, bodyError) = await JsonBody.ReadAsync(context.Request);
        using (body)
        {
            return bodyError ?? await handle(app, body);
        }
    }

    public static Task<IResult> PostAsync(HttpContext context, string quota, Func<AppAccount, JsonBody, IResult> handle) =>
        PostAsync(context, quota, (app, body) => Task.FromResult(handle(app, body)));

    public static IResult Get(HttpContext context, string quota, Func<AppAccount, IResult> handle) =>
        Authorize(context, quota, out var app) ?? handle(app);

    private static IResult? Authorize(HttpContext context, string quota, out AppAccount app)
    {
        var guard = context.RequestServices.GetRequiredService<AccessTokenGuard>();
        if (!guard.TryAuthorize(context, out app, out var error))
        {
            return error;
        }

        if (RequiredKind(context.Request.Path.Value ?? string.Empty) is { } kind && kind != app.Kind)
        {
            return WeChatReply.Error(48001, "api unauthorized");
        }

        return context.RequestServices.GetRequiredService<QuotaLedger>().TryConsume(app.AppId, quota) ? null : WeChatReply.QuotaReached();
    }

    // Mini-program APIs refuse an official-account token and the other way round (48001), as WeChat does.
    private static AppKind? RequiredKind(string path)
    {
        if (path.StartsWith("/wxa/", StringComparison.Ordinal) || path.StartsWith("/cgi-bin/message/subscribe/", StringComparison.Ordinal))
        {
            return AppKind.MiniProgram;
        }

        return path.StartsWith("/cgi-bin/clear_quota", StringComparison.Ordinal) || path.StartsWith("/cgi-bin/ticket/", StringComparison.Ordinal)
            ? null
            : AppKind.OfficialAccount;
    }
}
