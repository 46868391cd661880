using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using WxMall.WeChat;
using WxMall.WeChat.OfficialAccount;

namespace WxMall.Tests.Infrastructure.Redis;

/// <summary>The real WeChat token service on two instances sharing Redis: one cache, one refresher.</summary>
public sealed class SharedTokenTests
{
    [Fact]
    public async Task Twenty_callers_across_two_instances_cause_one_stable_token_fetch()
    {
        var settings = new Dictionary<string, string?> { ["Redis:Configuration"] = RedisServer.RequireConfiguration() };
        var appId = "wx" + Guid.NewGuid().ToString("N")[..16];
        var wechat = new StableTokenHandler();
        void AddWeChat(IServiceCollection services)
        {
            services.AddWeChatOfficialAccount(options =>
            {
                options.AppId = appId;
                options.AppSecret = "test-app-secret";
                options.ApiBaseUrl = "http://wechat.test";
            });
            services.ConfigureHttpClientDefaults(http => http.ConfigurePrimaryHttpMessageHandler(() => wechat));
        }

        await using var first = RedisServer.CreateInstance(settings, AddWeChat);
        await using var second = RedisServer.CreateInstance(settings, AddWeChat);
        var instances = new[] { first, second }.Select(instance => instance.GetRequiredService<OfficialAccountClient>()).ToArray();
        var cancellationToken = TestContext.Current.CancellationToken;
        try
        {
            var callers = Enumerable.Range(0, 20).Select(index => Task.Run(() => instances[index % 2].Tokens.GetAccessTokenAsync(cancellationToken), cancellationToken));
            var results = await Task.WhenAll(callers);

            Assert.All(results, result => Assert.Equal("TOKEN-1", result.Value?.Value));
            Assert.Equal(1, wechat.StableTokenRequests);
        }
        finally
        {
            var database = first.GetRequiredService<IConnectionMultiplexer>().GetDatabase();
            await database.KeyDeleteAsync("wxmall:wechat:" + appId + ":access_token");
        }
    }

    /// <summary>Plays WeChat's <c>/cgi-bin/stable_token</c>, slowly enough for the callers to pile up, and counts the calls.</summary>
    private sealed class StableTokenHandler : HttpMessageHandler
    {
        private int stableTokenRequests;

        public int StableTokenRequests => Volatile.Read(ref stableTokenRequests);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri?.AbsolutePath != "/cgi-bin/stable_token")
            {
                return new HttpResponseMessage(HttpStatusCode.NotFound);
            }

            var call = Interlocked.Increment(ref stableTokenRequests);
            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
            return new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent($$"""{"access_token":"TOKEN-{{call}}","expires_in":7200}""", Encoding.UTF8, "application/json"),
            };
        }
    }
}
