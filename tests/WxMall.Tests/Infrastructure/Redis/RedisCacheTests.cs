using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;

namespace WxMall.Tests.Infrastructure.Redis;

public sealed class RedisCacheTests
{
    [Fact]
    public async Task Two_instances_sharing_redis_read_one_value()
    {
        var settings = new Dictionary<string, string?> { ["Redis:Configuration"] = RedisServer.RequireConfiguration() };
        await using var first = RedisServer.CreateInstance(settings);
        await using var second = RedisServer.CreateInstance(settings);
        var cancellationToken = TestContext.Current.CancellationToken;
        var key = "wxmall:test:" + Guid.NewGuid().ToString("N");
        var written = new CachedLaptop("ThinkPad X1 Carbon", 1_299_900);

        await first.GetRequiredService<HybridCache>().SetAsync(key, written, cancellationToken: cancellationToken);
        var factoryCalls = 0;
        var read = await second.GetRequiredService<HybridCache>().GetOrCreateAsync(
            key,
            _ =>
            {
                factoryCalls++;
                return ValueTask.FromResult(new CachedLaptop("not from the shared layer", 0));
            },
            cancellationToken: cancellationToken);

        Assert.Equal(written, read);
        Assert.Equal(0, factoryCalls);
        await second.GetRequiredService<HybridCache>().RemoveAsync(key, cancellationToken);
    }

    public sealed record CachedLaptop(string Name, long PriceFen);
}
