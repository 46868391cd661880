using System.Net;
using WxMall.WeChat.Http;
using WxMall.WeChat.OfficialAccount;
using WxMall.WeChat.Tests.Support;

namespace WxMall.WeChat.Tests.Http;

public sealed class ResilienceTests
{
    private static SendTemplateMessageRequest Template() =>
        new() { OpenId = "OPENID", TemplateId = "T", Data = new Dictionary<string, TemplateDataValue> { ["thing1"] = new("x") } };

    [Fact]
    public async Task System_busy_is_retried_until_it_succeeds()
    {
        using var host = WeChatTestHost.Create();
        host.Handler.On("/cgi-bin/message/template/send", """{"errcode":-1,"errmsg":"system error"}""", """{"errcode":0,"errmsg":"ok","msgid":1}""");

        var result = await host.OfficialAccount.SendTemplateMessageAsync(Template(), TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded);
        Assert.Equal(2, host.Handler.RequestsTo("/cgi-bin/message/template/send").Count);
    }

    [Fact]
    public async Task Server_errors_are_retried_then_thrown_as_transport_faults()
    {
        using var host = WeChatTestHost.Create();
        host.Handler.On("/cgi-bin/tags/get", CannedResponse.Json("busy", HttpStatusCode.BadGateway));

        var exception = await Assert.ThrowsAsync<HttpRequestException>(() => host.OfficialAccount.GetTagsAsync(new GetTagsRequest(), TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.BadGateway, exception.StatusCode);
        Assert.Equal(3, host.Handler.RequestsTo("/cgi-bin/tags/get").Count);
    }

    [Fact]
    public async Task A_server_error_followed_by_success_is_a_success()
    {
        using var host = WeChatTestHost.Create();
        host.Handler.On("/cgi-bin/tags/get", CannedResponse.Json("", HttpStatusCode.ServiceUnavailable), CannedResponse.Json("""{"tags":[]}"""));

        var result = await host.OfficialAccount.GetTagsAsync(new GetTagsRequest(), TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded);
    }

    [Theory]
    [InlineData(45009)]
    [InlineData(45011)]
    [InlineData(43004)]
    [InlineData(47003)]
    public async Task Quota_and_business_errors_are_never_retried(int errorCode)
    {
        using var host = WeChatTestHost.Create();
        host.Handler.On("/cgi-bin/message/template/send", $$"""{"errcode":{{errorCode}},"errmsg":"no"}""");

        var result = await host.OfficialAccount.SendTemplateMessageAsync(Template(), TestContext.Current.CancellationToken);

        Assert.Equal(errorCode, result.ErrorCode);
        Assert.Single(host.Handler.RequestsTo("/cgi-bin/message/template/send"));
    }

    [Fact]
    public async Task A_client_error_status_is_not_retried()
    {
        using var host = WeChatTestHost.Create();
        host.Handler.On("/cgi-bin/tags/get", CannedResponse.Json("", HttpStatusCode.NotFound));

        await Assert.ThrowsAsync<HttpRequestException>(() => host.OfficialAccount.GetTagsAsync(new GetTagsRequest(), TestContext.Current.CancellationToken));

        Assert.Single(host.Handler.RequestsTo("/cgi-bin/tags/get"));
    }

    [Fact]
    public async Task Daily_quota_45009_from_WeChat_stops_further_calls_until_the_next_beijing_day()
    {
        using var host = WeChatTestHost.Create();
        host.Handler.On("/cgi-bin/message/template/send", """{"errcode":45009,"errmsg":"reach max api daily quota limit"}""", """{"errcode":0,"errmsg":"ok","msgid":2}""");
        var cancellation = TestContext.Current.CancellationToken;
        await host.OfficialAccount.SendTemplateMessageAsync(Template(), cancellation);

        var stopped = await host.OfficialAccount.SendTemplateMessageAsync(Template(), cancellation);
        host.Clock.Advance(TimeSpan.FromHours(14));
        var nextDay = await host.OfficialAccount.SendTemplateMessageAsync(Template(), cancellation);

        Assert.Equal(WeChatResultStatus.QuotaExceeded, stopped.Status);
        Assert.Same(WeChatQuota.TemplateSend, stopped.Quota);
        Assert.True(nextDay.Succeeded);
        Assert.Equal(2, host.Handler.RequestsTo("/cgi-bin/message/template/send").Count);
    }

    [Fact]
    public async Task Client_side_quota_says_which_quota_stopped_the_call()
    {
        using var host = WeChatTestHost.Create(options =>
        {
            options.Quotas.Limits[WeChatQuota.TemplateSend.Name] = 2;
            options.Quotas.Limits[WeChatQuota.CustomerServiceSend.Name] = 1;
        });
        var cancellation = TestContext.Current.CancellationToken;

        var results = new List<WeChatResult<SendTemplateMessageResponse>>();
        for (var call = 0; call < 3; call++)
        {
            results.Add(await host.OfficialAccount.SendTemplateMessageAsync(Template(), cancellation));
        }

        await host.OfficialAccount.SendCustomerServiceMessageAsync(SendCustomerServiceMessageRequest.ForText("OPENID", "hi"), cancellation);
        var customerService = await host.OfficialAccount.SendCustomerServiceMessageAsync(SendCustomerServiceMessageRequest.ForText("OPENID", "hi"), cancellation);

        Assert.Equal([WeChatResultStatus.Succeeded, WeChatResultStatus.Succeeded, WeChatResultStatus.QuotaExceeded], results.Select(result => result.Status));
        Assert.Equal(WeChatQuota.TemplateSend, results[2].Quota);
        Assert.Contains(WeChatQuota.TemplateSend.Name, results[2].ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(WeChatQuota.CustomerServiceSend, customerService.Quota);
        Assert.Equal(2, host.Handler.RequestsTo("/cgi-bin/message/template/send").Count);
    }

    [Fact]
    public void Documented_daily_quotas_are_the_defaults()
    {
        Assert.Equal(100_000, WeChatQuota.TemplateSend.Limit);
        Assert.Equal(500_000, WeChatQuota.CustomerServiceSend.Limit);
        Assert.Equal(100_000, WeChatQuota.QrCodeCreate.Limit);
        Assert.Equal(QuotaWindow.Minute, WeChatQuota.UnlimitedWxaCode.Window);
        Assert.Equal(WeChatQuota.All.Count, WeChatQuota.All.Select(quota => quota.Name).Distinct().Count());
    }

    [Fact]
    public async Task A_send_that_times_out_is_not_repeated()
    {
        using var host = WeChatTestHost.Create(options => options.Http.AttemptTimeout = TimeSpan.FromMilliseconds(200), clockOverride: TimeProvider.System);
        host.Handler.On("/cgi-bin/message/template/send", async (_, cancellationToken) =>
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return CannedResponse.Json("{}");
        });

        await Assert.ThrowsAsync<TimeoutException>(() => host.OfficialAccount.SendTemplateMessageAsync(Template(), TestContext.Current.CancellationToken));

        Assert.Single(host.Handler.RequestsTo("/cgi-bin/message/template/send"));
    }

    [Fact]
    public async Task A_read_that_times_out_is_retried()
    {
        using var host = WeChatTestHost.Create(options => options.Http.AttemptTimeout = TimeSpan.FromMilliseconds(200), clockOverride: TimeProvider.System);
        var calls = 0;
        host.Handler.On("/cgi-bin/tags/get", async (_, cancellationToken) =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            return CannedResponse.Json("""{"tags":[]}""");
        });

        var result = await host.OfficialAccount.GetTagsAsync(new GetTagsRequest(), TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded);
        Assert.Equal(2, host.Handler.RequestsTo("/cgi-bin/tags/get").Count);
    }
}
