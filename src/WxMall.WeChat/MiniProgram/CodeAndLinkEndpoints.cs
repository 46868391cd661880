using System.Text.Json.Serialization;
using WxMall.WeChat.Http;

namespace WxMall.WeChat.MiniProgram;

/// <summary>RGB colour of a mini-program code's lines.</summary>
/// <param name="Red"><c>r</c>.</param>
/// <param name="Green"><c>g</c>.</param>
/// <param name="Blue"><c>b</c>.</param>
public sealed record LineColor([property: JsonPropertyName("r")] int Red, [property: JsonPropertyName("g")] int Green, [property: JsonPropertyName("b")] int Blue);

/// <summary>
/// POST /wxa/getwxacodeunlimit — an unlimited mini-program code image; the page reads the scene as
/// <c>decodeURIComponent(query.scene)</c> (5,000 a minute)
/// (developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/qrcode-link/qr-code/getUnlimitedQRCode.html).
/// </summary>
public sealed record GetUnlimitedWxaCodeRequest
{
    /// <summary><c>scene</c>: at most 32 visible characters, no <c>%</c>.</summary>
    [JsonPropertyName("scene")]
    public required string Scene { get; init; }

    /// <summary><c>page</c>: a published page, no leading slash, no query; default the home page.</summary>
    [JsonPropertyName("page")]
    public string? Page { get; init; }

    /// <summary><c>check_path</c>: false allows unpublished pages.</summary>
    [JsonPropertyName("check_path")]
    public bool? CheckPath { get; init; }

    /// <summary><c>env_version</c>: release, trial or develop.</summary>
    [JsonPropertyName("env_version")]
    public string? EnvironmentVersion { get; init; }

    /// <summary><c>width</c>: 280–1280 pixels, default 430.</summary>
    [JsonPropertyName("width")]
    public int? Width { get; init; }

    /// <summary><c>auto_color</c>.</summary>
    [JsonPropertyName("auto_color")]
    public bool? AutoColor { get; init; }

    /// <summary><c>line_color</c>.</summary>
    [JsonPropertyName("line_color")]
    public LineColor? LineColor { get; init; }

    /// <summary><c>is_hyaline</c>: transparent background.</summary>
    [JsonPropertyName("is_hyaline")]
    public bool? IsTransparent { get; init; }
}

/// <summary>Response of POST /wxa/getwxacodeunlimit: image bytes on success (the JSON error otherwise comes back in the result).</summary>
public sealed record GetUnlimitedWxaCodeResponse : WeChatResponse
{
    /// <summary>The image bytes (JPEG or PNG).</summary>
    [JsonIgnore]
    public byte[] Image { get; init; } = [];

    /// <summary>The media type WeChat declared, if any.</summary>
    [JsonIgnore]
    public string? ContentType { get; init; }
}

/// <summary>
/// POST /wxa/generate_urllink — a <c>https://wxaurl.cn/…</c> link that opens the mini-program from outside WeChat; every
/// link expires within 30 days (developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/qrcode-link/url-link/generateUrlLink.html).
/// </summary>
public sealed record GenerateUrlLinkRequest
{
    /// <summary><c>path</c>: a published page without query.</summary>
    [JsonPropertyName("path")]
    public string? Path { get; init; }

    /// <summary><c>query</c>: at most 1024 characters.</summary>
    [JsonPropertyName("query")]
    public string? Query { get; init; }

    /// <summary><c>expire_type</c>: 0 at a time, 1 after an interval.</summary>
    [JsonPropertyName("expire_type")]
    public int? ExpireType { get; init; }

    /// <summary><c>expire_time</c> (Unix seconds, at most 30 days ahead).</summary>
    [JsonPropertyName("expire_time")]
    public long? ExpireTime { get; init; }

    /// <summary><c>expire_interval</c> (days, at most 30).</summary>
    [JsonPropertyName("expire_interval")]
    public int? ExpireIntervalDays { get; init; }

    /// <summary><c>env_version</c>.</summary>
    [JsonPropertyName("env_version")]
    public string? EnvironmentVersion { get; init; }
}

/// <summary>Response of POST /wxa/generate_urllink.</summary>
public sealed record GenerateUrlLinkResponse : WeChatResponse
{
    /// <summary><c>url_link</c>.</summary>
    [JsonPropertyName("url_link")]
    public string UrlLink { get; init; } = string.Empty;
}

/// <summary>
/// POST /wxa/genwxashortlink — a short link that opens only inside WeChat (1,000,000 a day)
/// (developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/qrcode-link/short-link/generateShortLink.html).
/// </summary>
public sealed record GenerateShortLinkRequest
{
    /// <summary><c>page_url</c>: page path, may carry a query.</summary>
    [JsonPropertyName("page_url")]
    public required string PageUrl { get; init; }

    /// <summary><c>page_title</c>.</summary>
    [JsonPropertyName("page_title")]
    public string? PageTitle { get; init; }

    /// <summary><c>is_permanent</c>: at most 100,000 permanent links in total.</summary>
    [JsonPropertyName("is_permanent")]
    public bool? IsPermanent { get; init; }
}

/// <summary>Response of POST /wxa/genwxashortlink.</summary>
public sealed record GenerateShortLinkResponse : WeChatResponse
{
    /// <summary><c>link</c>.</summary>
    [JsonPropertyName("link")]
    public string Link { get; init; } = string.Empty;
}

/// <summary>
/// POST /wxa/generatescheme — a <c>weixin://dl/business/?t=…</c> URL scheme (30-day cap)
/// (developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/qrcode-link/url-scheme/generateScheme.html).
/// </summary>
public sealed record GenerateSchemeRequest
{
    /// <summary><c>jump_wxa</c>.</summary>
    [JsonPropertyName("jump_wxa")]
    public SchemeTarget? Target { get; init; }

    /// <summary><c>is_expire</c> (legacy: all schemes expire).</summary>
    [JsonPropertyName("is_expire")]
    public bool? IsExpire { get; init; }

    /// <summary><c>expire_type</c>.</summary>
    [JsonPropertyName("expire_type")]
    public int? ExpireType { get; init; }

    /// <summary><c>expire_time</c>.</summary>
    [JsonPropertyName("expire_time")]
    public long? ExpireTime { get; init; }

    /// <summary><c>expire_interval</c> (days).</summary>
    [JsonPropertyName("expire_interval")]
    public int? ExpireIntervalDays { get; init; }
}

/// <summary><c>jump_wxa:{path, query, env_version}</c>.</summary>
public sealed record SchemeTarget
{
    /// <summary><c>path</c>.</summary>
    [JsonPropertyName("path")]
    public string? Path { get; init; }

    /// <summary><c>query</c>.</summary>
    [JsonPropertyName("query")]
    public string? Query { get; init; }

    /// <summary><c>env_version</c>.</summary>
    [JsonPropertyName("env_version")]
    public string? EnvironmentVersion { get; init; }
}

/// <summary>Response of POST /wxa/generatescheme.</summary>
public sealed record GenerateSchemeResponse : WeChatResponse
{
    /// <summary><c>openlink</c>.</summary>
    [JsonPropertyName("openlink")]
    public string OpenLink { get; init; } = string.Empty;
}
