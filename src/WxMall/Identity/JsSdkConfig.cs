using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using WxMall.Infrastructure;
using WxMall.WeChat.Crypto;
using WxMall.WeChat.OfficialAccount;

namespace WxMall.Identity;

/// <summary>What a page passes to <c>wx.config</c>; <see cref="Url"/> is the URL that was signed (without <c>#…</c>).</summary>
public sealed record JsSdkConfigView(string AppId, long Timestamp, string NonceStr, string Signature, string Url);

/// <summary>
/// <c>GET /api/wechat/jssdk-config?url=…</c>: signs a page of our own store for the JS-SDK. The jsapi ticket comes
/// from the protocol library's token service (cached, refreshed ahead of expiry by one lock holder). A single-page
/// app signs its URL without the fragment, which is what <see cref="JsSdkSignature"/> does.
/// </summary>
public static class JsSdkConfig
{
    public static async Task<Results<Ok<JsSdkConfigView>, ValidationProblem, ProblemHttpResult>> Get(
        string? url, [FromServices] OfficialAccountClient? officialAccount, WeChatApps apps, StoreAddress store, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (officialAccount is null || apps.OfficialAccountAppId is not { } appId)
        {
            return WeChatProblems.NotConnected();
        }

        if (string.IsNullOrWhiteSpace(url) || url.Length > 2048 || !Uri.TryCreate(url, UriKind.Absolute, out var page))
        {
            return Problems.Invalid("url", "请传入当前页面的完整地址（location.href，含 http(s)://），例如 https://shop.example.com/cart?from=menu");
        }

        if (!store.IsOwnPage(page))
        {
            return Problems.Invalid("url", $"只能为本商城的页面签名（{store.BaseUrl.GetLeftPart(UriPartial.Authority)}），请传入本商城页面的地址");
        }

        var ticket = await officialAccount.Tokens.GetJsApiTicketAsync(cancellationToken);
        if (!ticket.Succeeded)
        {
            return WeChatProblems.Unavailable("暂时无法获取微信 JS-SDK 凭证，请稍后刷新页面重试。");
        }

        var signedUrl = JsSdkSignature.WithoutFragment(url);
        var configuration = JsSdkConfiguration.Create(appId, ticket.Value.Value, signedUrl, clock);
        return TypedResults.Ok(new JsSdkConfigView(configuration.AppId, configuration.Timestamp, configuration.NonceString, configuration.Signature, signedUrl));
    }
}
