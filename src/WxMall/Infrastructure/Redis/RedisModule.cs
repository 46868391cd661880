using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection.Extensions;
using StackExchange.Redis;
using WxMall.Data;
using WxMall.WeChat.Tokens;

namespace WxMall.Infrastructure.Redis;

public static class RedisModule
{
    public const string ConfigurationKey = "Redis:Configuration";

    /// <summary>
    /// HybridCache always; with <c>Redis:Configuration</c> also Redis as its shared layer and Redis locks, so several
    /// instances keep one cache and one WeChat token refresher. Without Redis on PostgreSQL, locks are advisory locks.
    /// </summary>
    public static WebApplicationBuilder AddDistributedCacheAndLocks(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddHybridCache();

        var redis = builder.Configuration[ConfigurationKey];
        if (!string.IsNullOrWhiteSpace(redis))
        {
            AddRedis(builder.Services, ParseRedisConfiguration(redis));
        }
        else if (builder.Configuration.GetValue<DatabaseProvider>($"{DatabaseOptions.Section}:{nameof(DatabaseOptions.Provider)}") == DatabaseProvider.PostgreSql)
        {
            var connectionString = builder.Configuration[$"{DatabaseOptions.Section}:{nameof(DatabaseOptions.ConnectionString)}"];
            ReplaceLockProvider(builder.Services, _ => PostgreSqlWeChatLockProvider.Create(connectionString));
        }
        else
        {
            // One instance: the library's default lock is enough.
            builder.Services.TryAddSingleton<IWeChatLockProvider, InProcessWeChatLockProvider>();
        }

        return builder;
    }

    private static void AddRedis(IServiceCollection services, ConfigurationOptions configuration)
    {
        // One multiplexer per process, shared by the cache and the locks: it is designed to be shared and is costly to open.
        services.AddSingleton<IConnectionMultiplexer>(provider =>
        {
            var logger = provider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RedisModule));
            // Host and port only: the rest of a configuration string may hold a password.
            logger.LogInformation("Cache and WeChat token locks use Redis at {RedisEndpoints}", string.Join(", ", configuration.EndPoints));
            return ConnectionMultiplexer.Connect(configuration);
        });

        services.AddStackExchangeRedisCache(_ => { });
        services.AddOptions<RedisCacheOptions>()
            .Configure<IServiceProvider>((options, provider) =>
                options.ConnectionMultiplexerFactory = () => Task.FromResult(provider.GetRequiredService<IConnectionMultiplexer>()));

        ReplaceLockProvider(services, provider => new RedisWeChatLockProvider(provider.GetRequiredService<IConnectionMultiplexer>()));
    }

    private static ConfigurationOptions ParseRedisConfiguration(string value)
    {
        try
        {
            return ConfigurationOptions.Parse(value);
        }
        catch (ArgumentException exception)
        {
            // Never quote the value: it can hold a password.
            throw new InvalidOperationException(
                $"{ConfigurationKey} is not a StackExchange.Redis configuration string. Set it like 127.0.0.1:6379 or " +
                "redis.internal:6379,password=…,ssl=true, or leave it empty for the in-process cache and locks.", exception);
        }
    }

    // The WeChat library registers its in-process default with TryAdd; whatever ran first, this one must win.
    private static void ReplaceLockProvider(IServiceCollection services, Func<IServiceProvider, IWeChatLockProvider> create)
    {
        services.RemoveAll<IWeChatLockProvider>();
        services.AddSingleton(create);
    }
}
