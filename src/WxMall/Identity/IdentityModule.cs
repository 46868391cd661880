using Microsoft.Extensions.Options;
using WxMall.WeChat.MiniProgram;
using WxMall.WeChat.OfficialAccount;

namespace WxMall.Identity;

/// <summary>The store's public origin (<c>WeChat:StoreBaseUrl</c>): OAuth callbacks point here, and only its pages get JS-SDK signatures.</summary>
public sealed class StoreAddress(Uri baseUrl)
{
    public Uri BaseUrl { get; } = baseUrl;

    public string Absolute(string path) => BaseUrl.GetLeftPart(UriPartial.Authority) + path;

    public bool IsOwnPage(Uri url) =>
        url.IsAbsoluteUri
        && string.Equals(url.Scheme, BaseUrl.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(url.IdnHost, BaseUrl.IdnHost, StringComparison.OrdinalIgnoreCase)
        && url.Port == BaseUrl.Port
        && string.IsNullOrEmpty(url.UserInfo);
}

/// <summary>The appids this store signs shoppers in with; null when that app is not configured (WeChat:Mode=Off).</summary>
public sealed class WeChatApps(IServiceProvider services)
{
    public string? OfficialAccountAppId { get; } = NullIfEmpty(services.GetService<IOptions<WeChatOfficialAccountOptions>>()?.Value.AppId);

    public string? MiniProgramAppId { get; } = NullIfEmpty(services.GetService<IOptions<WeChatMiniProgramOptions>>()?.Value.AppId);

    /// <summary><c>official-account</c>, <c>mini-program</c> or <c>other</c> (an app configured earlier).</summary>
    public string KindOf(string appId) =>
        appId == OfficialAccountAppId ? "official-account" : appId == MiniProgramAppId ? "mini-program" : "other";

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}

/// <summary>WeChat sign-in (web OAuth, mini-program), account linking and merging, JS-SDK configuration, <c>/api/me</c>.</summary>
public static class IdentityModule
{
    public static WebApplicationBuilder AddWeChatIdentity(this WebApplicationBuilder builder)
    {
        var storeUrl = builder.Configuration.GetValue<string>("WeChat:StoreBaseUrl") ?? "http://localhost:5000";
        builder.Services.AddSingleton(new StoreAddress(new Uri(storeUrl.TrimEnd('/') + "/")));
        builder.Services.AddSingleton<WeChatApps>();
        builder.Services.AddSingleton<OAuthStateProtector>();
        return builder;
    }

    public static IEndpointRouteBuilder MapWeChatIdentity(this IEndpointRouteBuilder app)
    {
        var wechat = app.MapGroup("/api/wechat").WithTags("WeChat identity");
        wechat.MapGet("/oauth/start", WeChatWebLogin.Start);
        wechat.MapGet("/oauth/callback", WeChatWebLogin.Callback);
        wechat.MapPost("/miniprogram/login", MiniProgramLogin.Login);
        wechat.MapPost("/link", LinkStoreAccount.Link);
        wechat.MapPost("/link/merge", LinkStoreAccount.Merge);
        wechat.MapGet("/jssdk-config", JsSdkConfig.Get);

        app.MapGet("/api/me", WhoAmI.Get).WithTags("WeChat identity");
        return app;
    }
}
