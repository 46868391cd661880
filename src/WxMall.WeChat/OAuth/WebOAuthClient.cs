using WxMall.WeChat.Http;
using WxMall.WeChat.OfficialAccount;
using static WxMall.WeChat.Http.WeChatApiCall;

namespace WxMall.WeChat.OAuth;

/// <summary>
/// Web OAuth for pages opened inside WeChat: the authorize URL, code exchange, refresh, user profile and token check
/// (developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/Wechat_webpage_authorization.html). None of these use the
/// account's access token.
/// </summary>
public sealed class WebOAuthClient
{
    private readonly WeChatApiInvoker invoker;
    private readonly WeChatOfficialAccountOptions options;

    internal WebOAuthClient(WeChatApiInvoker invoker, WeChatOfficialAccountOptions options)
    {
        this.invoker = invoker;
        this.options = options;
    }

    /// <summary>
    /// <c>https://open.weixin.qq.com/connect/oauth2/authorize?appid=…&amp;redirect_uri=…&amp;response_type=code&amp;scope=…&amp;state=…#wechat_redirect</c>.
    /// </summary>
    /// <param name="redirectUri">Where WeChat sends the user back with <c>code</c> and <c>state</c>; its domain must be the configured web-auth domain.</param>
    /// <param name="scope">Silent (<see cref="WebOAuthScope.Base"/>) or with consent (<see cref="WebOAuthScope.UserInfo"/>).</param>
    /// <param name="state">Returned unchanged: <c>[a-zA-Z0-9]</c>, at most 128 bytes.</param>
    /// <exception cref="ArgumentException">The state has other characters or is too long.</exception>
    public string BuildAuthorizeUrl(string redirectUri, WebOAuthScope scope, string state = "")
    {
        ArgumentException.ThrowIfNullOrEmpty(redirectUri);
        ArgumentNullException.ThrowIfNull(state);
        if (state.Length > 128 || !state.All(char.IsAsciiLetterOrDigit))
        {
            throw new ArgumentException("The OAuth state must be at most 128 characters from [a-zA-Z0-9]; WeChat rejects anything else.", nameof(state));
        }

        var scopeText = scope == WebOAuthScope.UserInfo ? "snsapi_userinfo" : "snsapi_base";
        return options.OpenPlatformBaseUrl.TrimEnd('/') + "/connect/oauth2/authorize?appid=" + Uri.EscapeDataString(options.AppId)
            + "&redirect_uri=" + Uri.EscapeDataString(redirectUri)
            + "&response_type=code&scope=" + scopeText
            + "&state=" + state
            + "#wechat_redirect";
    }

    /// <summary>GET /sns/oauth2/access_token.</summary>
    public Task<WeChatResult<ExchangeCodeResponse>> ExchangeCodeAsync(ExchangeCodeRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return invoker.SendAsync<ExchangeCodeResponse>(
            Get("/sns/oauth2/access_token", Parameter("appid", options.AppId), Parameter("secret", options.AppSecret), Parameter("code", request.Code), Parameter("grant_type", "authorization_code"))
                with { RequiresAccessToken = false, Idempotent = false, Quota = WeChatQuota.OAuthAccessToken },
            cancellationToken);
    }

    /// <summary>GET /sns/oauth2/refresh_token.</summary>
    public Task<WeChatResult<RefreshWebAccessTokenResponse>> RefreshWebAccessTokenAsync(RefreshWebAccessTokenRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return invoker.SendAsync<RefreshWebAccessTokenResponse>(
            Get("/sns/oauth2/refresh_token", Parameter("appid", options.AppId), Parameter("grant_type", "refresh_token"), Parameter("refresh_token", request.RefreshToken))
                with { RequiresAccessToken = false, Quota = WeChatQuota.OAuthRefreshToken },
            cancellationToken);
    }

    /// <summary>GET /sns/userinfo.</summary>
    public Task<WeChatResult<GetWebUserInfoResponse>> GetWebUserInfoAsync(GetWebUserInfoRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return invoker.SendAsync<GetWebUserInfoResponse>(
            Get("/sns/userinfo", Parameter("access_token", request.WebAccessToken), Parameter("openid", request.OpenId), Parameter("lang", request.Language))
                with { RequiresAccessToken = false, Quota = WeChatQuota.OAuthUserInfo },
            cancellationToken);
    }

    /// <summary>GET /sns/auth.</summary>
    public Task<WeChatResult<CheckWebAccessTokenResponse>> CheckWebAccessTokenAsync(CheckWebAccessTokenRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return invoker.SendAsync<CheckWebAccessTokenResponse>(
            Get("/sns/auth", Parameter("access_token", request.WebAccessToken), Parameter("openid", request.OpenId)) with { RequiresAccessToken = false },
            cancellationToken);
    }
}
