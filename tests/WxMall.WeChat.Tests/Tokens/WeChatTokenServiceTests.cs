using WxMall.WeChat.OfficialAccount;
using WxMall.WeChat.Tests.Support;

namespace WxMall.WeChat.Tests.Tokens;

public sealed class WeChatTokenServiceTests
{
    private static RecordingHandler SlowTokenEndpoint(RecordingHandler handler, params string[] tokens)
    {
        var next = 0;
        return handler.On("/cgi-bin/stable_token", async (_, cancellationToken) =>
        {
            // Widen the race: every caller is waiting while the single fetch is in flight.
            await Task.Delay(50, cancellationToken);
            var token = tokens[Math.Min(Interlocked.Increment(ref next) - 1, tokens.Length - 1)];
            return CannedResponse.Json($$"""{"access_token":"{{token}}","expires_in":7200}""");
        });
    }

    [Fact]
    public async Task Fifty_concurrent_callers_cause_exactly_one_fetch()
    {
        using var host = WeChatTestHost.Create();
        SlowTokenEndpoint(host.Handler, "T1");

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => host.OfficialAccount.Tokens.GetAccessTokenAsync(TestContext.Current.CancellationToken))));

        Assert.Single(host.Handler.RequestsTo("/cgi-bin/stable_token"));
        Assert.All(results, result => Assert.Equal("T1", result.Value!.Value));
    }

    [Fact]
    public async Task Fifty_concurrent_api_calls_share_one_token_fetch()
    {
        using var host = WeChatTestHost.Create();
        SlowTokenEndpoint(host.Handler, "T1");

        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => host.OfficialAccount.GetTagsAsync(new GetTagsRequest(), TestContext.Current.CancellationToken))));

        Assert.Single(host.Handler.RequestsTo("/cgi-bin/stable_token"));
        Assert.Equal(50, host.Handler.RequestsTo("/cgi-bin/tags/get").Count);
        Assert.All(host.Handler.RequestsTo("/cgi-bin/tags/get"), request => Assert.Contains("access_token=T1", request.Uri, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_stale_token_error_causes_exactly_one_refresh_and_one_retry()
    {
        using var host = WeChatTestHost.Create();
        host.Handler.On("/cgi-bin/stable_token", """{"access_token":"T1","expires_in":7200}""", """{"access_token":"T2","expires_in":7200}""");
        host.Handler.On("/cgi-bin/tags/get", (request, _) => Task.FromResult(request.Uri.Contains("access_token=T1", StringComparison.Ordinal)
            ? CannedResponse.Json("""{"errcode":40001,"errmsg":"invalid credential, access_token is invalid or not latest"}""")
            : CannedResponse.Json("""{"tags":[]}""")));

        var result = await host.OfficialAccount.GetTagsAsync(new GetTagsRequest(), TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(2, host.Handler.RequestsTo("/cgi-bin/stable_token").Count);
        Assert.Equal(["T1", "T2"], host.Handler.RequestsTo("/cgi-bin/tags/get").Select(request => request.Uri.Split("access_token=")[1]));
    }

    [Theory]
    [InlineData(40014)]
    [InlineData(42001)]
    public async Task Every_stale_token_code_refreshes_once(int errorCode)
    {
        using var host = WeChatTestHost.Create();
        host.Handler.On("/cgi-bin/stable_token", """{"access_token":"T1","expires_in":7200}""", """{"access_token":"T2","expires_in":7200}""");
        host.Handler.On("/cgi-bin/tags/get", (request, _) => Task.FromResult(request.Uri.Contains("access_token=T1", StringComparison.Ordinal)
            ? CannedResponse.Json($$"""{"errcode":{{errorCode}},"errmsg":"stale"}""")
            : CannedResponse.Json("""{"tags":[]}""")));

        var result = await host.OfficialAccount.GetTagsAsync(new GetTagsRequest(), TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded);
        Assert.Equal(2, host.Handler.RequestsTo("/cgi-bin/stable_token").Count);
    }

    [Fact]
    public async Task A_burst_of_stale_token_errors_still_causes_one_refresh()
    {
        using var host = WeChatTestHost.Create();
        SlowTokenEndpoint(host.Handler, "T1", "T2", "T3");
        host.Handler.On("/cgi-bin/tags/get", (request, _) => Task.FromResult(request.Uri.Contains("access_token=T1", StringComparison.Ordinal)
            ? CannedResponse.Json("""{"errcode":40001,"errmsg":"invalid credential"}""")
            : CannedResponse.Json("""{"tags":[]}""")));
        await host.OfficialAccount.Tokens.GetAccessTokenAsync(TestContext.Current.CancellationToken);

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => host.OfficialAccount.GetTagsAsync(new GetTagsRequest(), TestContext.Current.CancellationToken))));

        Assert.All(results, result => Assert.True(result.Succeeded));
        Assert.Equal(2, host.Handler.RequestsTo("/cgi-bin/stable_token").Count);
    }

    [Fact]
    public async Task A_token_still_failing_after_the_refresh_is_returned_as_an_error_not_retried_again()
    {
        using var host = WeChatTestHost.Create();
        host.Handler.On("/cgi-bin/stable_token", """{"access_token":"T1","expires_in":7200}""", """{"access_token":"T2","expires_in":7200}""");
        host.Handler.On("/cgi-bin/tags/get", """{"errcode":40001,"errmsg":"invalid credential"}""");

        var result = await host.OfficialAccount.GetTagsAsync(new GetTagsRequest(), TestContext.Current.CancellationToken);

        Assert.Equal(40001, result.ErrorCode);
        Assert.Equal(2, host.Handler.RequestsTo("/cgi-bin/tags/get").Count);
    }

    [Fact]
    public async Task Invalidating_a_token_that_was_already_replaced_does_nothing()
    {
        using var host = WeChatTestHost.Create();
        host.Handler.On("/cgi-bin/stable_token", """{"access_token":"T1","expires_in":7200}""", """{"access_token":"T2","expires_in":7200}""");
        var tokens = host.OfficialAccount.Tokens;
        var cancellation = TestContext.Current.CancellationToken;
        await tokens.GetAccessTokenAsync(cancellation);
        await tokens.InvalidateAccessTokenAsync("T1", cancellation);
        await tokens.GetAccessTokenAsync(cancellation);

        await tokens.InvalidateAccessTokenAsync("T1", cancellation);
        var current = await tokens.GetAccessTokenAsync(cancellation);

        Assert.Equal("T2", current.Value!.Value);
        Assert.Equal(2, host.Handler.RequestsTo("/cgi-bin/stable_token").Count);
    }

    [Fact]
    public async Task When_WeChat_hands_back_the_refused_token_a_forced_refresh_follows()
    {
        using var host = WeChatTestHost.Create();
        host.Handler.On("/cgi-bin/stable_token", """{"access_token":"T1","expires_in":7200}""", """{"access_token":"T1","expires_in":7000}""", """{"access_token":"T2","expires_in":7200}""");
        var tokens = host.OfficialAccount.Tokens;
        var cancellation = TestContext.Current.CancellationToken;
        await tokens.GetAccessTokenAsync(cancellation);

        await tokens.InvalidateAccessTokenAsync("T1", cancellation);
        var current = await tokens.GetAccessTokenAsync(cancellation);

        Assert.Equal("T2", current.Value!.Value);
        Assert.EndsWith("\"force_refresh\":true}", host.Handler.RequestsTo("/cgi-bin/stable_token")[2].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_is_refreshed_once_ahead_of_expiry_and_refetched_after_it()
    {
        using var host = WeChatTestHost.Create();
        host.Handler.On("/cgi-bin/stable_token", """{"access_token":"T1","expires_in":7200}""", """{"access_token":"T2","expires_in":7200}""", """{"access_token":"T3","expires_in":7200}""");
        var tokens = host.OfficialAccount.Tokens;
        var cancellation = TestContext.Current.CancellationToken;
        await tokens.GetAccessTokenAsync(cancellation);

        host.Clock.Advance(TimeSpan.FromSeconds(7200 - 600));
        var stillFirst = await tokens.GetAccessTokenAsync(cancellation);
        host.Clock.Advance(TimeSpan.FromSeconds(400));
        var refreshed = await tokens.GetAccessTokenAsync(cancellation);
        var again = await tokens.GetAccessTokenAsync(cancellation);
        host.Clock.Advance(TimeSpan.FromSeconds(7200));
        var afterExpiry = await tokens.GetAccessTokenAsync(cancellation);

        Assert.Equal(["T1", "T2", "T2", "T3"], new[] { stillFirst, refreshed, again, afterExpiry }.Select(result => result.Value!.Value));
        Assert.Equal(3, host.Handler.RequestsTo("/cgi-bin/stable_token").Count);
    }

    [Fact]
    public async Task Jsapi_ticket_is_cached_for_its_lifetime()
    {
        using var host = WeChatTestHost.Create();
        host.Handler.On("/cgi-bin/ticket/getticket", """{"errcode":0,"errmsg":"ok","ticket":"TICKET","expires_in":7200}""");
        var cancellation = TestContext.Current.CancellationToken;

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => host.OfficialAccount.Tokens.GetJsApiTicketAsync(cancellation))));

        Assert.All(results, result => Assert.Equal("TICKET", result.Value!.Value));
        Assert.Single(host.Handler.RequestsTo("/cgi-bin/ticket/getticket"));
        Assert.Single(host.Handler.RequestsTo("/cgi-bin/stable_token"));
    }

    [Fact]
    public async Task A_wrong_secret_is_reported_and_not_cached()
    {
        using var host = WeChatTestHost.Create();
        host.Handler.On("/cgi-bin/stable_token", """{"errcode":40125,"errmsg":"invalid appsecret"}""", """{"access_token":"T1","expires_in":7200}""");

        var first = await host.OfficialAccount.GetTagsAsync(new GetTagsRequest(), TestContext.Current.CancellationToken);
        var second = await host.OfficialAccount.Tokens.GetAccessTokenAsync(TestContext.Current.CancellationToken);

        Assert.Equal(40125, first.ErrorCode);
        Assert.Empty(host.Handler.RequestsTo("/cgi-bin/tags/get"));
        Assert.Equal("T1", second.Value!.Value);
    }
}
