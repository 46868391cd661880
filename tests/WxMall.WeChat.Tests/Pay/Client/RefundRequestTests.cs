using System.Net;
using WxMall.WeChat.Pay.Refunds;
using WxMall.WeChat.Tests.Pay.Support;

namespace WxMall.WeChat.Tests.Pay.Client;

public sealed class RefundRequestTests
{
    private const string Refund = """
        {"refund_id":"50000000382019052709732678859","out_refund_no":"1217752501201407033233368018","transaction_id":"1217752501201407033233368018",
        "out_trade_no":"1217752501201407033233368018","channel":"ORIGINAL","user_received_account":"招商银行信用卡0403",
        "create_time":"2020-12-01T16:18:12+08:00","status":"PROCESSING","funds_account":"AVAILABLE",
        "amount":{"total":100,"refund":100,"from":[{"account":"AVAILABLE","amount":444}],"payer_total":90,"payer_refund":90,
        "settlement_refund":100,"settlement_total":100,"discount_refund":10,"currency":"CNY"}}
        """;

    [Fact]
    public async Task Refund_create_is_sent_byte_exact_with_the_configured_refund_notify_url()
    {
        using var harness = new PayClientHarness(_ => PayResponses.Signed(TestPlatform.PublicKey, PayClientHarness.Now, HttpStatusCode.OK, Refund));

        var result = await harness.Client.CreateRefundAsync(new CreateRefundRequest
        {
            OutTradeNumber = "1217752501201407033233368018",
            OutRefundNumber = "1217752501201407033233368018",
            Reason = "商品已售完",
            Amount = new RefundRequestAmount { RefundFen = 100, TotalFen = 100 },
        }, TestContext.Current.CancellationToken);

        var request = harness.SingleRequest;
        Assert.Equal("POST", request.Method);
        Assert.Equal("https://api.mch.weixin.qq.com/v3/refund/domestic/refunds", request.Uri.AbsoluteUri);
        PayClientHarness.AssertSignedAuthorization(request, 1);
        Assert.Equal(
            """{"out_trade_no":"1217752501201407033233368018","out_refund_no":"1217752501201407033233368018","reason":"商品已售完","notify_url":"https://mall.example.com/pay/refund-notify","amount":{"refund":100,"total":100,"currency":"CNY"}}""",
            request.BodyText);
        var value = result.Value!;
        Assert.Equal(RefundStatuses.Processing, value.Status);
        Assert.Equal(100, value.Amount!.RefundFen);
        Assert.Equal(444, Assert.Single(value.Amount.From!).AmountFen);
        Assert.Equal("招商银行信用卡0403", value.UserReceivedAccount);
    }

    [Fact]
    public async Task Refund_create_requires_an_order_reference()
    {
        using var harness = new PayClientHarness();

        await Assert.ThrowsAsync<ArgumentException>(() => harness.Client.CreateRefundAsync(
            new CreateRefundRequest { OutRefundNumber = "R1", Amount = new RefundRequestAmount { RefundFen = 1, TotalFen = 1 } },
            TestContext.Current.CancellationToken));
        Assert.Empty(harness.Handler.Requests);
    }

    [Fact]
    public async Task Refund_query_is_a_signed_get_without_merchant_id()
    {
        using var harness = new PayClientHarness(_ => PayResponses.Signed(TestPlatform.PublicKey, PayClientHarness.Now, HttpStatusCode.OK, Refund));

        var result = await harness.Client.GetRefundByOutRefundNumberAsync(
            new GetRefundByOutRefundNumberRequest { OutRefundNumber = "R-2025@1" }, TestContext.Current.CancellationToken);

        var request = harness.SingleRequest;
        Assert.Equal("GET", request.Method);
        Assert.Equal("/v3/refund/domestic/refunds/R-2025%401", request.Uri.PathAndQuery);
        Assert.Null(request.Body);
        PayClientHarness.AssertSignedAuthorization(request, 1);
        Assert.Equal("50000000382019052709732678859", result.Value!.RefundId);
    }
}
