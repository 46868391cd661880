using System.Text.Json.Serialization;

namespace WxMall.WeChat.Http;

/// <summary>
/// The fields every api.weixin.qq.com response may carry. Token-style endpoints omit <c>errcode</c> on
/// success, so a missing value reads as 0.
/// </summary>
public abstract record WeChatResponse
{
    /// <summary><c>errcode</c>: 0 or absent on success.</summary>
    [JsonPropertyName("errcode")]
    public int ErrorCode { get; init; }

    /// <summary><c>errmsg</c>, usually followed by <c>rid: …</c>; informational only.</summary>
    [JsonPropertyName("errmsg")]
    public string? ErrorMessage { get; init; }
}

/// <summary>A response that carries nothing but <c>errcode</c>/<c>errmsg</c>.</summary>
public sealed record WeChatStatusResponse : WeChatResponse;
