using System.Text.Json.Serialization;
using WxMall.WeChat.Http;

namespace WxMall.WeChat.MiniProgram;

/// <summary>
/// GET /sns/jscode2session — exchanges the <c>wx.login</c> code for openid and session_key (never send the session_key
/// to the client) (developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/user-login/code2Session.html).
/// </summary>
public sealed record CodeToSessionRequest
{
    /// <summary><c>js_code</c>.</summary>
    [JsonPropertyName("js_code")]
    public required string JsCode { get; init; }
}

/// <summary>Response of GET /sns/jscode2session.</summary>
public sealed record CodeToSessionResponse : WeChatResponse
{
    /// <summary><c>openid</c>.</summary>
    [JsonPropertyName("openid")]
    public string OpenId { get; init; } = string.Empty;

    /// <summary><c>session_key</c>: decrypts encryptedData; keep it on the server.</summary>
    [JsonPropertyName("session_key")]
    public string SessionKey { get; init; } = string.Empty;

    /// <summary><c>unionid</c>, when bound to an Open Platform account.</summary>
    [JsonPropertyName("unionid")]
    public string? UnionId { get; init; }
}

/// <summary>
/// POST /wxa/business/getuserphonenumber — the phone number behind a getPhoneNumber button code (single use, 5 minutes)
/// (developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/user-info/phone-number/getPhoneNumber.html).
/// </summary>
public sealed record GetPhoneNumberRequest
{
    /// <summary><c>code</c>.</summary>
    [JsonPropertyName("code")]
    public required string Code { get; init; }

    /// <summary><c>openid</c>: optional; binds and checks the user.</summary>
    [JsonPropertyName("openid")]
    public string? OpenId { get; init; }
}

/// <summary>Response of POST /wxa/business/getuserphonenumber.</summary>
public sealed record GetPhoneNumberResponse : WeChatResponse
{
    /// <summary><c>phone_info</c>.</summary>
    [JsonPropertyName("phone_info")]
    public PhoneInfo? Phone { get; init; }
}

/// <summary><c>phone_info</c>.</summary>
public sealed record PhoneInfo
{
    /// <summary><c>phoneNumber</c>: with country code for foreign numbers.</summary>
    [JsonPropertyName("phoneNumber")]
    public string PhoneNumber { get; init; } = string.Empty;

    /// <summary><c>purePhoneNumber</c>: without country code.</summary>
    [JsonPropertyName("purePhoneNumber")]
    public string PurePhoneNumber { get; init; } = string.Empty;

    /// <summary><c>countryCode</c>: documented as a string, sent as a number.</summary>
    [JsonPropertyName("countryCode")]
    [JsonConverter(typeof(StringOrNumberConverter))]
    public string? CountryCode { get; init; }

    /// <summary><c>watermark</c>.</summary>
    [JsonPropertyName("watermark")]
    public Watermark? Watermark { get; init; }
}

/// <summary><c>watermark:{timestamp, appid}</c>.</summary>
public sealed record Watermark
{
    /// <summary><c>timestamp</c>.</summary>
    [JsonPropertyName("timestamp")]
    public long Timestamp { get; init; }

    /// <summary><c>appid</c>: check it is ours.</summary>
    [JsonPropertyName("appid")]
    public string AppId { get; init; } = string.Empty;
}
