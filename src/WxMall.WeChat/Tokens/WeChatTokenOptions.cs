namespace WxMall.WeChat.Tokens;

/// <summary>How the access token and jsapi ticket are cached and refreshed.</summary>
public sealed class WeChatTokenOptions
{
    /// <summary>
    /// Refresh when less than this remains. stable_token rotates 5 minutes before expiry and keeps the old token
    /// valid meanwhile, so refreshing inside that window gets the new token without a gap. Default 4 minutes.
    /// </summary>
    public TimeSpan RefreshAhead { get; set; } = TimeSpan.FromMinutes(4);

    /// <summary>A cached value with less than this left is treated as expired. Default 30 s.</summary>
    public TimeSpan ExpirySafetyMargin { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Shortest time between two ahead-of-expiry refresh attempts, so an unchanged answer is not re-fetched on every call. Default 30 s.</summary>
    public TimeSpan MinimumRefreshInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a caller waits for the refresh lock when there is no usable token. Default 10 s.</summary>
    public TimeSpan LockWait { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Prefix of cache keys and lock names.</summary>
    public string KeyPrefix { get; set; } = "wxmall:wechat:";
}
