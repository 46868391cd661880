using System.Net;
using System.Text;
using WxMall.WeChat.Pay.Client;
using WxMall.WeChat.Pay.Crypto;
using WxMall.WeChat.Pay.Transactions;
using WxMall.WeChat.Tests.Pay.Support;

namespace WxMall.WeChat.Tests.Pay.Client;

public sealed class ErrorsAndRetriesTests
{
    private static readonly GetTransactionByOutTradeNumberRequest Query = new() { OutTradeNumber = "T1" };

    [Fact]
    public async Task Business_error_comes_back_as_data_and_is_not_retried()
    {
        using var harness = new PayClientHarness(_ => PayResponses.Signed(
            TestPlatform.PublicKey, PayClientHarness.Now, HttpStatusCode.NotFound, """{"code":"ORDER_NOT_EXIST","message":"订单不存在"}"""));

        var result = await harness.Client.GetTransactionByOutTradeNumberAsync(Query, TestContext.Current.CancellationToken);

        Assert.Single(harness.Handler.Requests);
        Assert.False(result.IsSuccess);
        Assert.Equal(PayErrorKind.WeChatPay, result.Error!.Kind);
        Assert.Equal("ORDER_NOT_EXIST", result.Error.Code);
        Assert.Equal("订单不存在", result.Error.Message);
        Assert.Equal(404, result.HttpStatus);
        Assert.True(result.Error.IsSignatureVerified);
    }

    [Fact]
    public async Task Parameter_error_keeps_its_detail_and_is_not_retried()
    {
        using var harness = new PayClientHarness(_ => PayResponses.Unsigned(
            HttpStatusCode.BadRequest,
            Encoding.UTF8.GetBytes("""{"code":"PARAM_ERROR","message":"参数错误","detail":{"field":"/amount/currency","value":"XYZ","issue":"Currency code is invalid","location":"body"}}""")));

        var result = await harness.Client.GetTransactionByOutTradeNumberAsync(Query, TestContext.Current.CancellationToken);

        Assert.Single(harness.Handler.Requests);
        Assert.Equal("PARAM_ERROR", result.Error!.Code);
        Assert.Equal("/amount/currency", result.Error.Detail!.Value.GetProperty("field").GetString());
        Assert.False(result.Error.IsSignatureVerified);
    }

    [Fact]
    public async Task Rate_limit_is_reported_as_transient_but_not_hot_retried()
    {
        using var harness = new PayClientHarness(_ => PayResponses.Signed(
            TestPlatform.PublicKey, PayClientHarness.Now, HttpStatusCode.TooManyRequests, """{"code":"FREQUENCY_LIMITED","message":"频率超限"}"""));

        var result = await harness.Client.GetTransactionByOutTradeNumberAsync(Query, TestContext.Current.CancellationToken);

        Assert.Single(harness.Handler.Requests);
        Assert.True(result.Error!.IsTransient);
    }

    [Fact]
    public async Task Retry_waits_a_jittered_back_off_on_the_injected_clock()
    {
        var calls = 0;
        using var harness = new PayClientHarness(_ => ++calls == 1
            ? PayResponses.Signed(TestPlatform.PublicKey, PayClientHarness.Now, HttpStatusCode.InternalServerError, """{"code":"SYSTEM_ERROR","message":"系统错误"}""")
            : PayResponses.Signed(TestPlatform.PublicKey, PayClientHarness.Now, HttpStatusCode.OK, """{"out_trade_no":"T1","trade_state":"NOTPAY"}"""));
        harness.Options.RetryBaseDelay = TimeSpan.FromSeconds(1);
        var client = new WeChatPayClient(
            new HttpClient(harness.Handler), harness.Options, harness.Keys, harness.Clock, nonceFactory: () => "N", jitter: new FixedJitter(0.75));

        var pending = client.GetTransactionByOutTradeNumberAsync(Query, TestContext.Current.CancellationToken);
        await WaitUntil(() => harness.Handler.Requests.Count == 1);
        harness.Clock.Advance(TimeSpan.FromMilliseconds(1200));
        await Task.Delay(50, TestContext.Current.CancellationToken);
        Assert.Single(harness.Handler.Requests);
        harness.Clock.Advance(TimeSpan.FromMilliseconds(100));
        var result = await pending;

        Assert.Equal(2, harness.Handler.Requests.Count);
        Assert.True(result.IsSuccess, result.Error?.Message);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var attempt = 0; attempt < 200 && !condition(); attempt++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }

    private sealed class FixedJitter(double value) : Random
    {
        public override double NextDouble() => value;
    }

    [Fact]
    public async Task System_error_is_retried_with_a_fresh_signature_until_attempts_run_out()
    {
        using var harness = new PayClientHarness(_ => PayResponses.Signed(
            TestPlatform.PublicKey, PayClientHarness.Now, HttpStatusCode.InternalServerError, """{"code":"SYSTEM_ERROR","message":"系统错误"}"""));

        var result = await harness.Client.GetTransactionByOutTradeNumberAsync(Query, TestContext.Current.CancellationToken);

        Assert.Equal(3, harness.Handler.Requests.Count);
        Assert.Equal("SYSTEM_ERROR", result.Error!.Code);
        Assert.True(result.Error.IsTransient);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            PayClientHarness.AssertSignedAuthorization(harness.Handler.Requests[attempt], attempt + 1);
        }
    }

    [Fact]
    public async Task Gateway_failure_then_success_returns_the_success()
    {
        var calls = 0;
        using var harness = new PayClientHarness(_ => ++calls == 1
            ? PayResponses.Unsigned(HttpStatusCode.BadGateway, Encoding.UTF8.GetBytes("<html>502 Bad Gateway</html>"))
            : PayResponses.Signed(TestPlatform.PublicKey, PayClientHarness.Now, HttpStatusCode.OK, """{"out_trade_no":"T1","trade_state":"NOTPAY"}"""));

        var result = await harness.Client.GetTransactionByOutTradeNumberAsync(Query, TestContext.Current.CancellationToken);

        Assert.Equal(2, harness.Handler.Requests.Count);
        Assert.True(result.IsSuccess, result.Error?.Message);
    }

    [Fact]
    public async Task Html_gateway_error_is_reported_with_its_status()
    {
        using var harness = new PayClientHarness(
            _ => PayResponses.Unsigned(HttpStatusCode.ServiceUnavailable, Encoding.UTF8.GetBytes("<html>503</html>")),
            configure: options => options.MaximumAttempts = 1);

        var result = await harness.Client.GetTransactionByOutTradeNumberAsync(Query, TestContext.Current.CancellationToken);

        Assert.Equal("HTTP_503", result.Error!.Code);
        Assert.Contains("503", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Success_with_a_bad_signature_is_untrusted()
    {
        using var harness = new PayClientHarness(_ =>
        {
            var response = PayResponses.Signed(TestPlatform.PublicKey, PayClientHarness.Now, HttpStatusCode.OK, """{"out_trade_no":"T1","trade_state":"NOTPAY"}""");
            response.Content = new StringContent("""{"out_trade_no":"T1","trade_state":"SUCCESS"}""");
            return response;
        });

        var result = await harness.Client.GetTransactionByOutTradeNumberAsync(Query, TestContext.Current.CancellationToken);

        Assert.Null(result.Value);
        Assert.Equal(PayErrorKind.UntrustedResponse, result.Error!.Kind);
        Assert.Equal(PayFailureReason.SignatureMismatch, result.Error.VerificationFailure);
    }

    [Fact]
    public async Task Success_without_signature_headers_is_untrusted()
    {
        using var harness = new PayClientHarness(_ => PayResponses.Unsigned(HttpStatusCode.OK, Encoding.UTF8.GetBytes("""{"trade_state":"SUCCESS"}""")));

        var result = await harness.Client.GetTransactionByOutTradeNumberAsync(Query, TestContext.Current.CancellationToken);

        Assert.Equal(PayFailureReason.MissingHeader, result.Error!.VerificationFailure);
    }

    [Fact]
    public async Task Stale_signed_response_is_untrusted()
    {
        using var harness = new PayClientHarness(_ => PayResponses.Signed(
            TestPlatform.PublicKey, PayClientHarness.Now - 600, HttpStatusCode.OK, """{"trade_state":"SUCCESS"}"""));

        var result = await harness.Client.GetTransactionByOutTradeNumberAsync(Query, TestContext.Current.CancellationToken);

        Assert.Equal(PayFailureReason.TimestampOutsideWindow, result.Error!.VerificationFailure);
    }

    [Fact]
    public async Task Signed_success_that_is_not_json_is_malformed()
    {
        using var harness = new PayClientHarness(_ => PayResponses.Signed(TestPlatform.PublicKey, PayClientHarness.Now, HttpStatusCode.OK, "<xml/>"));

        var result = await harness.Client.GetTransactionByOutTradeNumberAsync(Query, TestContext.Current.CancellationToken);

        Assert.Equal(PayErrorKind.MalformedResponse, result.Error!.Kind);
    }

    [Fact]
    public async Task Transport_fault_throws()
    {
        using var harness = new PayClientHarness(_ => throw new HttpRequestException("connection refused"));

        await Assert.ThrowsAsync<HttpRequestException>(() =>
            harness.Client.GetTransactionByOutTradeNumberAsync(Query, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Missing_notify_url_is_a_configuration_error_before_anything_is_sent()
    {
        using var harness = new PayClientHarness(configure: options => options.NotifyUrl = null);

        await Assert.ThrowsAsync<InvalidOperationException>(() => harness.Client.CreateNativeTransactionAsync(
            new CreateNativeTransactionRequest { Description = "d", OutTradeNumber = "T1", Amount = new PrepayAmount { TotalFen = 1 } },
            TestContext.Current.CancellationToken));
        Assert.Empty(harness.Handler.Requests);
    }
}
