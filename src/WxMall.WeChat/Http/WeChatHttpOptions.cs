namespace WxMall.WeChat.Http;

/// <summary>Timeouts and retries of outbound WeChat calls.</summary>
public sealed class WeChatHttpOptions
{
    /// <summary>Timeout of one attempt. Default 10 s.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Retries after the first attempt on <c>errcode=-1</c> (system busy) and HTTP 5xx; timeouts and connection
    /// failures are retried for reads only, so a message is never sent twice. Never on 45009/45011 or business errors. Default 2.
    /// </summary>
    public int MaximumRetryAttempts { get; set; } = 2;

    /// <summary>First retry delay; later ones grow exponentially, with jitter. Default 200 ms.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The <c>User-Agent</c> header.</summary>
    public string UserAgent { get; set; } = "WxMall.WeChat/1.0";
}

/// <summary>Client-side quota settings.</summary>
public sealed class WeChatQuotaOptions
{
    /// <summary>Whether client-side quotas are enforced. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Limits that replace the defaults of <see cref="WeChatQuota"/>, by <see cref="WeChatQuota.Name"/>.</summary>
    public Dictionary<string, long> Limits { get; } = new(StringComparer.Ordinal);

    internal long LimitOf(WeChatQuota quota) => Limits.TryGetValue(quota.Name, out var limit) ? limit : quota.Limit;
}
