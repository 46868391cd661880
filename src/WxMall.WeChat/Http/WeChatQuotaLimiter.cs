using System.Collections.Concurrent;

namespace WxMall.WeChat.Http;

/// <summary>
/// Counts calls per (appid, quota) in the current window (Beijing day or clock minute) and refuses the call that
/// would exceed the limit. In-process: with several instances, give each a share of the limit in options.
/// </summary>
public sealed class WeChatQuotaLimiter(TimeProvider timeProvider)
{
    private static readonly TimeSpan BeijingOffset = TimeSpan.FromHours(8);

    private readonly ConcurrentDictionary<(string AppId, string Quota), Counter> counters = new();

    /// <summary>Takes one call from the quota; false when the window's limit is used up.</summary>
    public bool TryAcquire(string appId, WeChatQuota quota, long limit)
    {
        ArgumentNullException.ThrowIfNull(quota);
        var window = CurrentWindow(quota.Window);
        var counter = counters.GetOrAdd((appId, quota.Name), _ => new Counter());
        lock (counter)
        {
            if (counter.Window != window)
            {
                counter.Window = window;
                counter.Count = 0;
            }

            if (counter.Count >= limit)
            {
                return false;
            }

            counter.Count++;
            return true;
        }
    }

    /// <summary>Marks the quota used up for the rest of the window, after WeChat itself answered 45009.</summary>
    public void MarkExhausted(string appId, WeChatQuota quota)
    {
        ArgumentNullException.ThrowIfNull(quota);
        var counter = counters.GetOrAdd((appId, quota.Name), _ => new Counter());
        lock (counter)
        {
            counter.Window = CurrentWindow(quota.Window);
            counter.Count = long.MaxValue;
        }
    }

    /// <summary>Calls counted so far in the current window.</summary>
    public long Used(string appId, WeChatQuota quota)
    {
        ArgumentNullException.ThrowIfNull(quota);
        if (!counters.TryGetValue((appId, quota.Name), out var counter))
        {
            return 0;
        }

        lock (counter)
        {
            return counter.Window == CurrentWindow(quota.Window) ? counter.Count : 0;
        }
    }

    private long CurrentWindow(QuotaWindow window)
    {
        var now = timeProvider.GetUtcNow();
        return window == QuotaWindow.Minute
            ? now.ToUnixTimeSeconds() / 60
            : (now.ToUnixTimeSeconds() + (long)BeijingOffset.TotalSeconds) / 86_400;
    }

    private sealed class Counter
    {
        public long Window { get; set; } = -1;

        public long Count { get; set; }
    }
}
