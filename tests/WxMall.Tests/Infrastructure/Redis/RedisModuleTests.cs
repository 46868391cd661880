using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WxMall.Infrastructure.Redis;
using WxMall.WeChat.Tokens;

namespace WxMall.Tests.Infrastructure.Redis;

/// <summary>Which cache and lock a configuration selects; none of these needs a server.</summary>
public sealed class RedisModuleTests
{
    [Fact]
    public async Task Without_redis_on_sqlite_the_cache_is_local_and_the_lock_in_process()
    {
        await using var instance = RedisServer.CreateInstance(new Dictionary<string, string?>());

        Assert.NotNull(instance.GetService<HybridCache>());
        Assert.Null(instance.GetService<IDistributedCache>());
        Assert.IsType<InProcessWeChatLockProvider>(instance.GetRequiredService<IWeChatLockProvider>());
    }

    [Fact]
    public async Task Without_redis_on_postgresql_the_lock_is_an_advisory_lock()
    {
        await using var instance = RedisServer.CreateInstance(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "PostgreSql",
            ["Database:ConnectionString"] = "Host=127.0.0.1;Database=wxmall;Username=wxmall;Password=unused",
        });

        Assert.IsType<PostgreSqlWeChatLockProvider>(instance.GetRequiredService<IWeChatLockProvider>());
    }

    [Fact]
    public async Task With_redis_the_cache_and_the_lock_are_in_redis_whatever_the_database()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Redis:Configuration"] = RedisServer.RequireConfiguration(),
            ["Database:Provider"] = "PostgreSql",
            ["Database:ConnectionString"] = "Host=127.0.0.1;Database=wxmall;Username=wxmall;Password=unused",
        };
        // The WeChat library adds its in-process default with TryAdd when it is registered after.
        await using var instance = RedisServer.CreateInstance(settings, services => services.TryAddSingleton<IWeChatLockProvider, InProcessWeChatLockProvider>());

        Assert.IsType<RedisWeChatLockProvider>(instance.GetRequiredService<IWeChatLockProvider>());
        Assert.IsAssignableFrom<RedisCache>(instance.GetRequiredService<IDistributedCache>());
    }

    [Fact]
    public void A_malformed_redis_configuration_is_refused_without_quoting_it()
    {
        var exception = Assert.Throws<InvalidOperationException>(() => RedisServer.CreateInstance(new Dictionary<string, string?>
        {
            ["Redis:Configuration"] = "127.0.0.1:6379,passwurd=s3cret",
        }));

        Assert.Contains("Redis:Configuration", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", exception.Message, StringComparison.Ordinal);
    }
}
