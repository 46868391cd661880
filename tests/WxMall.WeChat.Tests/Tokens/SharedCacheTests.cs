using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WxMall.WeChat.Tests.Support;
using WxMall.WeChat.Tokens;

namespace WxMall.WeChat.Tests.Tokens;

/// <summary>Two app instances sharing an IDistributedCache (Redis in production) and a lock behave as one.</summary>
public sealed class SharedCacheTests
{
    [Fact]
    public async Task Two_instances_sharing_the_distributed_cache_and_lock_fetch_once()
    {
        var sharedCache = new SharedDistributedCache();
        var sharedLocks = new InProcessWeChatLockProvider();
        void Share(IServiceCollection services)
        {
            services.AddSingleton<IDistributedCache>(sharedCache);
            services.AddSingleton<IWeChatLockProvider>(sharedLocks);
        }

        using var first = WeChatTestHost.Create(configureServices: Share);
        using var second = WeChatTestHost.Create(configureServices: Share);
        foreach (var host in new[] { first, second })
        {
            host.Handler.On("/cgi-bin/stable_token", async (_, cancellationToken) =>
            {
                await Task.Delay(50, cancellationToken);
                return CannedResponse.Json("""{"access_token":"SHARED","expires_in":7200}""");
            });
        }

        var calls = Enumerable.Range(0, 50).Select(index => Task.Run(() => (index % 2 == 0 ? first : second).OfficialAccount.Tokens.GetAccessTokenAsync(TestContext.Current.CancellationToken)));
        var results = await Task.WhenAll(calls);

        Assert.All(results, result => Assert.Equal("SHARED", result.Value!.Value));
        Assert.Equal(1, first.Handler.RequestsTo("/cgi-bin/stable_token").Count + second.Handler.RequestsTo("/cgi-bin/stable_token").Count);
    }
}

/// <summary>
/// Stands in for Redis. HybridCache ignores a plain MemoryDistributedCache as its shared layer (it would duplicate
/// the local one), so the test wraps it.
/// </summary>
internal sealed class SharedDistributedCache : IDistributedCache
{
    private readonly MemoryDistributedCache inner = new(Options.Create(new MemoryDistributedCacheOptions()));

    public byte[]? Get(string key) => inner.Get(key);

    public Task<byte[]?> GetAsync(string key, CancellationToken token = default) => inner.GetAsync(key, token);

    public void Refresh(string key) => inner.Refresh(key);

    public Task RefreshAsync(string key, CancellationToken token = default) => inner.RefreshAsync(key, token);

    public void Remove(string key) => inner.Remove(key);

    public Task RemoveAsync(string key, CancellationToken token = default) => inner.RemoveAsync(key, token);

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => inner.Set(key, value, options);

    public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) => inner.SetAsync(key, value, options, token);
}
