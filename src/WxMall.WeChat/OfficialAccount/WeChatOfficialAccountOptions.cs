using WxMall.WeChat.Http;
using WxMall.WeChat.Tokens;

namespace WxMall.WeChat.OfficialAccount;

/// <summary>Settings of one official account (服务号). Base URLs point at the real WeChat by default; the emulator replaces them.</summary>
public sealed class WeChatOfficialAccountOptions
{
    /// <summary>The appid.</summary>
    public string AppId { get; set; } = string.Empty;

    /// <summary>The AppSecret (from configuration or user-secrets; never logged).</summary>
    public string AppSecret { get; set; } = string.Empty;

    /// <summary>The message-server Token.</summary>
    public string MessageToken { get; set; } = string.Empty;

    /// <summary>The 43-character EncodingAESKey for safe mode, or empty in plaintext mode.</summary>
    public string? EncodingAesKey { get; set; }

    /// <summary>The EncodingAESKey before the last rotation, tried when the current one fails.</summary>
    public string? PreviousEncodingAesKey { get; set; }

    /// <summary>API host. Default <c>https://api.weixin.qq.com</c>.</summary>
    public string ApiBaseUrl { get; set; } = WeChatDefaults.ApiBaseUrl;

    /// <summary>Web OAuth authorize host. Default <c>https://open.weixin.qq.com</c>.</summary>
    public string OpenPlatformBaseUrl { get; set; } = "https://open.weixin.qq.com";

    /// <summary>Host serving QR code images (showqrcode). Default <c>https://mp.weixin.qq.com</c>.</summary>
    public string MediaPlatformBaseUrl { get; set; } = "https://mp.weixin.qq.com";

    /// <summary>Timeouts and retries.</summary>
    public WeChatHttpOptions Http { get; } = new();

    /// <summary>Token caching and refresh.</summary>
    public WeChatTokenOptions Tokens { get; } = new();

    /// <summary>Client-side quotas.</summary>
    public WeChatQuotaOptions Quotas { get; } = new();
}
