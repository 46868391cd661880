using System.Text.Json.Serialization;
using WxMall.WeChat.Http;

namespace WxMall.WeChat.OfficialAccount;

/// <summary>
/// POST /cgi-bin/stable_token — the recommended access token: repeated calls return the same token until it is
/// rotated, and it is isolated from /cgi-bin/token
/// (developers.weixin.qq.com/doc/offiaccount/Basic_Information/getStableAccessToken.html).
/// </summary>
public sealed record StableAccessTokenRequest
{
    /// <summary><c>grant_type</c>: always <c>client_credential</c>.</summary>
    [JsonPropertyName("grant_type")]
    public string GrantType { get; init; } = "client_credential";

    /// <summary><c>appid</c>.</summary>
    [JsonPropertyName("appid")]
    public required string AppId { get; init; }

    /// <summary><c>secret</c>: the AppSecret.</summary>
    [JsonPropertyName("secret")]
    public required string AppSecret { get; init; }

    /// <summary><c>force_refresh</c>: true invalidates the current token at once (20 a day, 30 s apart).</summary>
    [JsonPropertyName("force_refresh")]
    public bool ForceRefresh { get; init; }
}

/// <summary>Response of POST /cgi-bin/stable_token.</summary>
public sealed record StableAccessTokenResponse : WeChatResponse
{
    /// <summary><c>access_token</c> (store at least 512 characters).</summary>
    [JsonPropertyName("access_token")]
    public string AccessToken { get; init; } = string.Empty;

    /// <summary><c>expires_in</c>: seconds left, at most 7200.</summary>
    [JsonPropertyName("expires_in")]
    public int ExpiresInSeconds { get; init; }
}

/// <summary>
/// GET /cgi-bin/token — the classic access token; each call invalidates the previous one, 2,000 calls a day.
/// Prefer <see cref="StableAccessTokenRequest"/> (developers.weixin.qq.com/doc/offiaccount/Basic_Information/Get_access_token.html).
/// </summary>
public sealed record AccessTokenRequest
{
    /// <summary><c>appid</c>.</summary>
    [JsonPropertyName("appid")]
    public required string AppId { get; init; }

    /// <summary><c>secret</c>.</summary>
    [JsonPropertyName("secret")]
    public required string AppSecret { get; init; }
}

/// <summary>Response of GET /cgi-bin/token.</summary>
public sealed record AccessTokenResponse : WeChatResponse
{
    /// <summary><c>access_token</c>.</summary>
    [JsonPropertyName("access_token")]
    public string AccessToken { get; init; } = string.Empty;

    /// <summary><c>expires_in</c> (7200).</summary>
    [JsonPropertyName("expires_in")]
    public int ExpiresInSeconds { get; init; }
}

/// <summary>
/// GET /cgi-bin/ticket/getticket?type=jsapi — the JS-SDK ticket; its quota is small, cache it for its lifetime
/// (developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/JS-SDK.html, appendix 1).
/// </summary>
public sealed record GetJsApiTicketRequest
{
    /// <summary><c>type</c>: <c>jsapi</c> (or <c>wx_card</c>).</summary>
    [JsonPropertyName("type")]
    public string TicketType { get; init; } = "jsapi";
}

/// <summary>Response of GET /cgi-bin/ticket/getticket.</summary>
public sealed record GetJsApiTicketResponse : WeChatResponse
{
    /// <summary><c>ticket</c>.</summary>
    [JsonPropertyName("ticket")]
    public string Ticket { get; init; } = string.Empty;

    /// <summary><c>expires_in</c> (7200).</summary>
    [JsonPropertyName("expires_in")]
    public int ExpiresInSeconds { get; init; }
}
