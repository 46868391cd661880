using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Logging;
using WxMall.WeChat.Http;

namespace WxMall.WeChat.Tokens;

/// <summary>
/// The one place an app's access token and jsapi ticket come from. Values are cached through <see cref="HybridCache"/>
/// (shared when an <c>IDistributedCache</c> such as Redis is registered), fetched by one holder of a lock
/// (<see cref="IWeChatLockProvider"/>), refreshed ahead of expiry, and expired on 40001/40014/42001 only while
/// the cache still holds the value WeChat refused, so a burst of failures causes one refresh.
/// </summary>
public sealed class WeChatTokenService : IAccessTokenSource
{
    // Reads never call a factory (fetching happens under the lock) and never write the shared layer; an L2 hit
    // may warm the local layer, whose staleness is bounded by the ExpiresAt check and the stale-token retry.
    private static readonly HybridCacheEntryOptions ReadOnly = new()
    {
        Flags = HybridCacheEntryFlags.DisableUnderlyingData | HybridCacheEntryFlags.DisableDistributedCacheWrite,
    };

    private readonly HybridCache cache;
    private readonly IWeChatLockProvider locks;
    private readonly TimeProvider timeProvider;
    private readonly WeChatTokenOptions options;
    private readonly ILogger logger;
    private readonly Slot accessToken;
    private readonly Slot? jsApiTicket;

    internal WeChatTokenService(
        string appId,
        Func<bool, CancellationToken, Task<WeChatResult<WeChatCredential>>> fetchAccessToken,
        Func<CancellationToken, Task<WeChatResult<WeChatCredential>>>? fetchJsApiTicket,
        HybridCache cache,
        IWeChatLockProvider locks,
        TimeProvider timeProvider,
        WeChatTokenOptions options,
        ILogger logger)
    {
        AppId = appId;
        this.cache = cache;
        this.locks = locks;
        this.timeProvider = timeProvider;
        this.options = options;
        this.logger = logger;
        accessToken = new Slot(options.KeyPrefix + appId + ":access_token", "access token", fetchAccessToken);
        jsApiTicket = fetchJsApiTicket is null
            ? null
            : new Slot(options.KeyPrefix + appId + ":jsapi_ticket", "jsapi ticket", (_, cancellationToken) => fetchJsApiTicket(cancellationToken));
    }

    /// <summary>The app whose credentials this service holds.</summary>
    public string AppId { get; }

    /// <summary>A valid access token: cached, or fetched from <c>/cgi-bin/stable_token</c> by one caller while the others wait.</summary>
    public Task<WeChatResult<WeChatCredential>> GetAccessTokenAsync(CancellationToken cancellationToken = default) =>
        GetAsync(accessToken, cancellationToken);

    /// <summary>A valid jsapi ticket (official accounts only): cached for its lifetime because its quota is small.</summary>
    /// <exception cref="InvalidOperationException">The app is not an official account.</exception>
    public Task<WeChatResult<WeChatCredential>> GetJsApiTicketAsync(CancellationToken cancellationToken = default) =>
        GetAsync(jsApiTicket ?? throw new InvalidOperationException("Only official accounts have a jsapi ticket."), cancellationToken);

    /// <summary>
    /// Reports that WeChat refused <paramref name="failingToken"/> (40001, 40014, 42001). The cached token is dropped only
    /// if it is still that token; if another caller already replaced it, nothing happens.
    /// </summary>
    public Task InvalidateAccessTokenAsync(string failingToken, CancellationToken cancellationToken = default) =>
        InvalidateAsync(accessToken, failingToken, cancellationToken);

    /// <summary>Reports that WeChat refused a jsapi ticket; it is dropped only if it is still the cached one.</summary>
    public Task InvalidateJsApiTicketAsync(string failingTicket, CancellationToken cancellationToken = default) =>
        jsApiTicket is null ? Task.CompletedTask : InvalidateAsync(jsApiTicket, failingTicket, cancellationToken);

    private async Task<WeChatResult<WeChatCredential>> GetAsync(Slot slot, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var cached = await ReadAsync(slot, cancellationToken);
        if (IsUsable(cached, now))
        {
            if (cached.ExpiresAt - now > options.RefreshAhead || now - slot.LastRefreshAttempt < options.MinimumRefreshInterval)
            {
                return WeChatResult.Success(cached);
            }

            // Ahead of expiry: whoever gets the lock without waiting refreshes; everyone else keeps using the valid value.
            await using var refresher = await locks.TryAcquireAsync(slot.LockName, TimeSpan.Zero, cancellationToken);
            if (refresher is null)
            {
                return WeChatResult.Success(cached);
            }

            var current = await ReadAsync(slot, cancellationToken);
            if (IsUsable(current, now) && current.ExpiresAt - now > options.RefreshAhead)
            {
                return WeChatResult.Success(current);
            }

            slot.LastRefreshAttempt = now;
            var refreshed = await FetchAndStoreAsync(slot, cancellationToken);
            return refreshed.Succeeded ? refreshed : WeChatResult.Success(cached);
        }

        await using var holder = await locks.TryAcquireAsync(slot.LockName, options.LockWait, cancellationToken);
        if (holder is null)
        {
            logger.LogWarning("Waited {Wait} for the {Credential} lock of {AppId}; fetching without it", options.LockWait, slot.Description, AppId);
        }

        var afterWait = await ReadAsync(slot, cancellationToken);
        if (IsUsable(afterWait, timeProvider.GetUtcNow()))
        {
            return WeChatResult.Success(afterWait);
        }

        return await FetchAndStoreAsync(slot, cancellationToken);
    }

    private async Task InvalidateAsync(Slot slot, string failingValue, CancellationToken cancellationToken)
    {
        await using var holder = await locks.TryAcquireAsync(slot.LockName, options.LockWait, cancellationToken);
        var cached = await ReadAsync(slot, cancellationToken);
        if (cached is not null && string.Equals(cached.Value, failingValue, StringComparison.Ordinal))
        {
            slot.RejectedValue = failingValue;
            await cache.RemoveAsync(slot.CacheKey, cancellationToken);
            logger.LogInformation("Expired the cached {Credential} of {AppId} after WeChat refused it", slot.Description, AppId);
        }
    }

    private async Task<WeChatResult<WeChatCredential>> FetchAndStoreAsync(Slot slot, CancellationToken cancellationToken)
    {
        var fetched = await slot.Fetch(false, cancellationToken);
        if (fetched.Succeeded && string.Equals(fetched.Value.Value, slot.RejectedValue, StringComparison.Ordinal))
        {
            // WeChat handed back the value it had just refused; force a new one (stable_token allows 20 a day).
            logger.LogWarning("WeChat returned the refused {Credential} of {AppId} again; forcing a refresh", slot.Description, AppId);
            fetched = await slot.Fetch(true, cancellationToken);
        }

        if (!fetched.Succeeded)
        {
            logger.LogWarning("Fetching the {Credential} of {AppId} failed: {Result}", slot.Description, AppId, fetched.ToString());
            return fetched;
        }

        slot.RejectedValue = null;
        var lifetime = fetched.Value.ExpiresAt - timeProvider.GetUtcNow();
        if (lifetime > TimeSpan.Zero)
        {
            await cache.SetAsync(slot.CacheKey, fetched.Value, new HybridCacheEntryOptions { Expiration = lifetime, LocalCacheExpiration = lifetime }, cancellationToken: cancellationToken);
        }

        return fetched;
    }

    private ValueTask<WeChatCredential?> ReadAsync(Slot slot, CancellationToken cancellationToken) =>
        cache.GetOrCreateAsync<WeChatCredential?>(slot.CacheKey, static _ => ValueTask.FromResult<WeChatCredential?>(null), ReadOnly, cancellationToken: cancellationToken);

    private bool IsUsable([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] WeChatCredential? credential, DateTimeOffset now) =>
        credential is not null && credential.ExpiresAt - now > options.ExpirySafetyMargin;

    private sealed class Slot(string cacheKey, string description, Func<bool, CancellationToken, Task<WeChatResult<WeChatCredential>>> fetch)
    {
        public string CacheKey { get; } = cacheKey;

        public string LockName { get; } = cacheKey + ":lock";

        public string Description { get; } = description;

        public Func<bool, CancellationToken, Task<WeChatResult<WeChatCredential>>> Fetch { get; } = fetch;

        public DateTimeOffset LastRefreshAttempt { get; set; } = DateTimeOffset.MinValue;

        public string? RejectedValue { get; set; }
    }
}
