using WxMall.WeChat.Http;
using WxMall.WeChat.Tokens;

namespace WxMall.WeChat.MiniProgram;

/// <summary>Settings of one mini-program.</summary>
public sealed class WeChatMiniProgramOptions
{
    /// <summary>The appid.</summary>
    public string AppId { get; set; } = string.Empty;

    /// <summary>The AppSecret (never logged).</summary>
    public string AppSecret { get; set; } = string.Empty;

    /// <summary>API host. Default <c>https://api.weixin.qq.com</c>.</summary>
    public string ApiBaseUrl { get; set; } = WeChatDefaults.ApiBaseUrl;

    /// <summary>Timeouts and retries.</summary>
    public WeChatHttpOptions Http { get; } = new();

    /// <summary>Token caching and refresh.</summary>
    public WeChatTokenOptions Tokens { get; } = new();

    /// <summary>Client-side quotas.</summary>
    public WeChatQuotaOptions Quotas { get; } = new();
}
