using System.Text.Json.Serialization;
using WxMall.WeChat.Http;

namespace WxMall.WeChat.OAuth;

/// <summary>The <c>scope</c> of a web authorization.</summary>
public enum WebOAuthScope
{
    /// <summary><c>snsapi_base</c>: silent, yields the openid only.</summary>
    Base,

    /// <summary><c>snsapi_userinfo</c>: the user confirms; yields nickname, avatar and (when bound) unionid.</summary>
    UserInfo,
}

/// <summary>
/// GET /sns/oauth2/access_token — exchanges the single-use, 5-minute <c>code</c> for a web access token
/// (developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/Wechat_webpage_authorization.html).
/// </summary>
public sealed record ExchangeCodeRequest
{
    /// <summary><c>code</c> from the redirect.</summary>
    [JsonPropertyName("code")]
    public required string Code { get; init; }
}

/// <summary>Response of GET /sns/oauth2/access_token (also of refresh_token, without unionid).</summary>
public sealed record ExchangeCodeResponse : WeChatResponse
{
    /// <summary><c>access_token</c>: the web token, not the account's access token.</summary>
    [JsonPropertyName("access_token")]
    public string AccessToken { get; init; } = string.Empty;

    /// <summary><c>expires_in</c> (7200).</summary>
    [JsonPropertyName("expires_in")]
    public int ExpiresInSeconds { get; init; }

    /// <summary><c>refresh_token</c>: valid 30 days.</summary>
    [JsonPropertyName("refresh_token")]
    public string RefreshToken { get; init; } = string.Empty;

    /// <summary><c>openid</c>.</summary>
    [JsonPropertyName("openid")]
    public string OpenId { get; init; } = string.Empty;

    /// <summary><c>scope</c>: comma-separated.</summary>
    [JsonPropertyName("scope")]
    public string Scope { get; init; } = string.Empty;

    /// <summary><c>unionid</c>: snsapi_userinfo on an account bound to an Open Platform account only.</summary>
    [JsonPropertyName("unionid")]
    public string? UnionId { get; init; }

    /// <summary><c>is_snapshotuser</c>: 1 for the virtual user of a snapshot page.</summary>
    [JsonPropertyName("is_snapshotuser")]
    public int? IsSnapshotUser { get; init; }
}

/// <summary>
/// GET /sns/oauth2/refresh_token — renews a web access token with the 30-day refresh token
/// (developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/Wechat_webpage_authorization.html).
/// </summary>
public sealed record RefreshWebAccessTokenRequest
{
    /// <summary><c>refresh_token</c>.</summary>
    [JsonPropertyName("refresh_token")]
    public required string RefreshToken { get; init; }
}

/// <summary>Response of GET /sns/oauth2/refresh_token.</summary>
public sealed record RefreshWebAccessTokenResponse : WeChatResponse
{
    /// <summary><c>access_token</c>.</summary>
    [JsonPropertyName("access_token")]
    public string AccessToken { get; init; } = string.Empty;

    /// <summary><c>expires_in</c>.</summary>
    [JsonPropertyName("expires_in")]
    public int ExpiresInSeconds { get; init; }

    /// <summary><c>refresh_token</c>.</summary>
    [JsonPropertyName("refresh_token")]
    public string RefreshToken { get; init; } = string.Empty;

    /// <summary><c>openid</c>.</summary>
    [JsonPropertyName("openid")]
    public string OpenId { get; init; } = string.Empty;

    /// <summary><c>scope</c>.</summary>
    [JsonPropertyName("scope")]
    public string Scope { get; init; } = string.Empty;
}

/// <summary>
/// GET /sns/userinfo — the profile behind a snsapi_userinfo web token (48001 for a snsapi_base token)
/// (developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/Wechat_webpage_authorization.html).
/// </summary>
public sealed record GetWebUserInfoRequest
{
    /// <summary><c>access_token</c>: the web token.</summary>
    [JsonPropertyName("access_token")]
    public required string WebAccessToken { get; init; }

    /// <summary><c>openid</c>.</summary>
    [JsonPropertyName("openid")]
    public required string OpenId { get; init; }

    /// <summary><c>lang</c>: zh_CN, zh_TW or en.</summary>
    [JsonPropertyName("lang")]
    public string Language { get; init; } = "zh_CN";
}

/// <summary>Response of GET /sns/userinfo.</summary>
public sealed record GetWebUserInfoResponse : WeChatResponse
{
    /// <summary><c>openid</c>.</summary>
    [JsonPropertyName("openid")]
    public string OpenId { get; init; } = string.Empty;

    /// <summary><c>nickname</c>.</summary>
    [JsonPropertyName("nickname")]
    public string? Nickname { get; init; }

    /// <summary><c>sex</c>: 1 male, 2 female, 0 unknown.</summary>
    [JsonPropertyName("sex")]
    public int Sex { get; init; }

    /// <summary><c>province</c>.</summary>
    [JsonPropertyName("province")]
    public string? Province { get; init; }

    /// <summary><c>city</c>.</summary>
    [JsonPropertyName("city")]
    public string? City { get; init; }

    /// <summary><c>country</c>.</summary>
    [JsonPropertyName("country")]
    public string? Country { get; init; }

    /// <summary><c>headimgurl</c>.</summary>
    [JsonPropertyName("headimgurl")]
    public string? HeadImageUrl { get; init; }

    /// <summary><c>privilege</c>.</summary>
    [JsonPropertyName("privilege")]
    public IReadOnlyList<string>? Privileges { get; init; }

    /// <summary><c>unionid</c>.</summary>
    [JsonPropertyName("unionid")]
    public string? UnionId { get; init; }
}

/// <summary>
/// GET /sns/auth — checks that a web access token is still valid for an openid
/// (developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/Wechat_webpage_authorization.html).
/// </summary>
public sealed record CheckWebAccessTokenRequest
{
    /// <summary><c>access_token</c>: the web token.</summary>
    [JsonPropertyName("access_token")]
    public required string WebAccessToken { get; init; }

    /// <summary><c>openid</c>.</summary>
    [JsonPropertyName("openid")]
    public required string OpenId { get; init; }
}

/// <summary>Response of GET /sns/auth: <c>errcode=0</c> when valid.</summary>
public sealed record CheckWebAccessTokenResponse : WeChatResponse;
