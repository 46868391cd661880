using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WxMall.Infrastructure.Redis;

namespace WxMall.Tests.Infrastructure.Redis;

/// <summary>The redis-server the Redis suite runs against, from <c>WXMALL_TEST_REDIS</c> (for example <c>127.0.0.1:6379</c>).</summary>
public static class RedisServer
{
    public const string Variable = "WXMALL_TEST_REDIS";

    /// <summary>Skips the calling test, saying why, when no server is configured.</summary>
    public static string RequireConfiguration()
    {
        var value = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(value))
        {
            Assert.Skip($"Redis suite skipped: set {Variable}=host:port (.ci/run does)");
        }

        return value;
    }

    /// <summary>
    /// One store "instance": only what <see cref="RedisModule.AddDistributedCacheAndLocks"/> registers, plus whatever
    /// <paramref name="configureServices"/> adds, with its own Redis connection.
    /// </summary>
    public static ServiceProvider CreateInstance(IDictionary<string, string?> settings, Action<IServiceCollection>? configureServices = null)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddLogging();
        builder.AddDistributedCacheAndLocks();
        configureServices?.Invoke(builder.Services);
        // The services alone: building the WebApplication would want a server.
        return builder.Services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
