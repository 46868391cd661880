using System.Text.Json.Serialization;
using WxMall.WeChat.Http;

namespace WxMall.WeChat.OfficialAccount;

/// <summary>
/// POST /cgi-bin/qrcode/create — a parametric QR code; scanning it pushes <c>subscribe</c> with
/// <c>qrscene_&lt;scene&gt;</c> or <c>SCAN</c> (100,000 a day)
/// (developers.weixin.qq.com/doc/offiaccount/Account_Management/Generating_a_Parametric_QR_Code.html).
/// </summary>
public sealed record CreateQrCodeRequest
{
    /// <summary><c>expire_seconds</c>: temporary codes only, at most 2,592,000 (30 days).</summary>
    [JsonPropertyName("expire_seconds")]
    public int? ExpireSeconds { get; init; }

    /// <summary><c>action_name</c>: QR_SCENE, QR_STR_SCENE, QR_LIMIT_SCENE or QR_LIMIT_STR_SCENE.</summary>
    [JsonPropertyName("action_name")]
    public required string ActionName { get; init; }

    /// <summary><c>action_info</c>.</summary>
    [JsonPropertyName("action_info")]
    public required QrCodeActionInfo ActionInfo { get; init; }

    /// <summary>A temporary code with a text scene (1–64 characters).</summary>
    public static CreateQrCodeRequest Temporary(string sceneText, int expireSeconds) =>
        new() { ExpireSeconds = expireSeconds, ActionName = "QR_STR_SCENE", ActionInfo = new QrCodeActionInfo(new QrCodeScene { SceneText = sceneText }) };

    /// <summary>A temporary code with a numeric scene (32-bit, non-zero).</summary>
    public static CreateQrCodeRequest Temporary(int sceneId, int expireSeconds) =>
        new() { ExpireSeconds = expireSeconds, ActionName = "QR_SCENE", ActionInfo = new QrCodeActionInfo(new QrCodeScene { SceneId = sceneId }) };

    /// <summary>A permanent code with a text scene (at most 100,000 permanent codes).</summary>
    public static CreateQrCodeRequest Permanent(string sceneText) =>
        new() { ActionName = "QR_LIMIT_STR_SCENE", ActionInfo = new QrCodeActionInfo(new QrCodeScene { SceneText = sceneText }) };

    /// <summary>A permanent code with a numeric scene (1–100000).</summary>
    public static CreateQrCodeRequest Permanent(int sceneId) =>
        new() { ActionName = "QR_LIMIT_SCENE", ActionInfo = new QrCodeActionInfo(new QrCodeScene { SceneId = sceneId }) };
}

/// <summary><c>action_info:{scene}</c>.</summary>
/// <param name="Scene">The scene.</param>
public sealed record QrCodeActionInfo([property: JsonPropertyName("scene")] QrCodeScene Scene);

/// <summary><c>scene:{scene_id | scene_str}</c>.</summary>
public sealed record QrCodeScene
{
    /// <summary><c>scene_id</c>.</summary>
    [JsonPropertyName("scene_id")]
    public int? SceneId { get; init; }

    /// <summary><c>scene_str</c>.</summary>
    [JsonPropertyName("scene_str")]
    public string? SceneText { get; init; }
}

/// <summary>Response of POST /cgi-bin/qrcode/create.</summary>
public sealed record CreateQrCodeResponse : WeChatResponse
{
    /// <summary><c>ticket</c>: exchange it for the image at showqrcode.</summary>
    [JsonPropertyName("ticket")]
    public string Ticket { get; init; } = string.Empty;

    /// <summary><c>expire_seconds</c> (temporary codes).</summary>
    [JsonPropertyName("expire_seconds")]
    public int? ExpireSeconds { get; init; }

    /// <summary><c>url</c>: the QR content, to render the code yourself.</summary>
    [JsonPropertyName("url")]
    public string Url { get; init; } = string.Empty;
}

/// <summary>
/// POST /cgi-bin/shorten/gen — stores up to 4 KB under a 15-character short key (replaces the retired shorturl)
/// (developers.weixin.qq.com/doc/offiaccount/Account_Management/KEY_Shortener.html).
/// </summary>
public sealed record GenerateShortKeyRequest
{
    /// <summary><c>long_data</c>: at most 4 KB.</summary>
    [JsonPropertyName("long_data")]
    public required string LongData { get; init; }

    /// <summary><c>expire_seconds</c>: at most 2,592,000 (the default).</summary>
    [JsonPropertyName("expire_seconds")]
    public int? ExpireSeconds { get; init; }
}

/// <summary>Response of POST /cgi-bin/shorten/gen.</summary>
public sealed record GenerateShortKeyResponse : WeChatResponse
{
    /// <summary><c>short_key</c>.</summary>
    [JsonPropertyName("short_key")]
    public string ShortKey { get; init; } = string.Empty;
}

/// <summary>
/// POST /cgi-bin/shorten/fetch — reads the data stored under a short key (9410012 when unknown or expired)
/// (developers.weixin.qq.com/doc/offiaccount/Account_Management/KEY_Shortener.html).
/// </summary>
public sealed record FetchShortKeyRequest
{
    /// <summary><c>short_key</c>.</summary>
    [JsonPropertyName("short_key")]
    public required string ShortKey { get; init; }
}

/// <summary>Response of POST /cgi-bin/shorten/fetch.</summary>
public sealed record FetchShortKeyResponse : WeChatResponse
{
    /// <summary><c>long_data</c>.</summary>
    [JsonPropertyName("long_data")]
    public string LongData { get; init; } = string.Empty;

    /// <summary><c>create_time</c> (Unix seconds).</summary>
    [JsonPropertyName("create_time")]
    public long CreateTime { get; init; }

    /// <summary><c>expire_seconds</c>: seconds left.</summary>
    [JsonPropertyName("expire_seconds")]
    public int ExpireSeconds { get; init; }
}
