using System.Collections.Concurrent;
using WxMall.WeChatEmulator.Accounts;

namespace WxMall.WeChatEmulator.Hosting;

/// <summary>Daily API quotas per app, reset at midnight Beijing time like WeChat's; 45009 once used up.</summary>
public sealed class QuotaLedger
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    private static readonly Dictionary<string, int> Defaults = new(StringComparer.Ordinal)
    {
        ["token"] = 2000,
        ["stable_token"] = 500_000,
        ["stable_token_force_refresh"] = 20,
        ["ticket"] = 1_000_000,
        ["menu_create"] = 1000,
        ["menu_get"] = 10_000,
        ["template_send"] = 100_000,
        ["custom_send"] = 500_000,
        ["qrcode_create"] = 100_000,
        ["shorten"] = 1_000_000,
        ["user_info"] = 5_000_000,
        ["user_get"] = 500,
        ["tags"] = 1_000_000,
        ["subscribe_send"] = 10_000_000,
        ["wxacode"] = 5_000_000,
        ["urllink"] = 500_000,
        ["shortlink"] = 1_000_000,
    };

    private readonly ConcurrentDictionary<(string AppId, string Api, DateOnly Day), int> used = new();
    private readonly ConcurrentDictionary<string, int> overrides;
    private readonly TimeProvider timeProvider;

    public QuotaLedger(EmulatorOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        overrides = new ConcurrentDictionary<string, int>(options.DailyQuotas, StringComparer.Ordinal);
        this.timeProvider = timeProvider;
    }

    public int LimitOf(string api) => overrides.TryGetValue(api, out var limit) ? limit : Defaults.GetValueOrDefault(api, int.MaxValue);

    public void SetLimit(string api, int limit) => overrides[api] = limit;

    /// <summary>Counts one call; false when the day's quota was already used up.</summary>
    public bool TryConsume(string appId, string api)
    {
        var day = DateOnly.FromDateTime(timeProvider.GetUtcNow().ToOffset(Beijing).DateTime);
        var limit = LimitOf(api);
        var count = used.AddOrUpdate((appId, api, day), 1, (_, current) => current + 1);
        return count <= limit;
    }

    public int Used(string appId, string api)
    {
        var day = DateOnly.FromDateTime(timeProvider.GetUtcNow().ToOffset(Beijing).DateTime);
        return Math.Min(used.GetValueOrDefault((appId, api, day)), LimitOf(api));
    }

    public void Clear(string appId)
    {
        foreach (var key in used.Keys.Where(key => key.AppId == appId))
        {
            used.TryRemove(key, out _);
        }
    }
}
