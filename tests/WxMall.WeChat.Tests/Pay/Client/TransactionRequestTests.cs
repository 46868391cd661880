using System.Net;
using WxMall.WeChat.Pay.Transactions;
using WxMall.WeChat.Tests.Pay.Support;

namespace WxMall.WeChat.Tests.Pay.Client;

public sealed class TransactionRequestTests
{
    private const string UserAgent = "WxMall.WeChat/1.0 (+https://github.com/wxmall)";

    private static void AssertHeaders(PayRecordedRequest request, bool hasBody)
    {
        var expected = new List<string> { "Accept", "User-Agent", "Authorization", "Wechatpay-Serial" };
        if (hasBody)
        {
            expected.Add("Content-Type");
            expected.Add("Content-Length");
        }

        Assert.Equal(expected.Order(StringComparer.Ordinal), request.Headers.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("application/json", request.Headers["Accept"]);
        Assert.Equal(UserAgent, request.Headers["User-Agent"]);
        Assert.Equal(TestPlatform.PublicKeyId, request.Headers["Wechatpay-Serial"]);
        if (hasBody)
        {
            Assert.Equal("application/json", request.Headers["Content-Type"]);
            Assert.Equal(request.Body!.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), request.Headers["Content-Length"]);
        }
    }

    [Fact]
    public async Task Jsapi_prepay_is_sent_byte_exact_and_its_verified_prepay_id_is_signed_for_the_client()
    {
        using var harness = new PayClientHarness(_ => PayResponses.Signed(
            TestPlatform.PublicKey, PayClientHarness.Now, HttpStatusCode.OK, """{"prepay_id":"wx201410272009395522657a690389285100"}"""));

        var result = await harness.Client.CreateJsapiTransactionAsync(new CreateJsapiTransactionRequest
        {
            Description = "Image形象店-深圳腾大-QQ公仔",
            OutTradeNumber = "1217752501201407033233368018",
            ExpiresAt = new DateTimeOffset(2018, 6, 8, 10, 34, 56, TimeSpan.FromHours(8)),
            Attach = "自定义数据说明",
            Amount = new PrepayAmount { TotalFen = 100 },
            Payer = new PrepayPayer { OpenId = "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o" },
        }, TestContext.Current.CancellationToken);

        var request = harness.SingleRequest;
        Assert.Equal("POST", request.Method);
        Assert.Equal("https://api.mch.weixin.qq.com/v3/pay/transactions/jsapi", request.Uri.AbsoluteUri);
        AssertHeaders(request, hasBody: true);
        PayClientHarness.AssertSignedAuthorization(request, 1);
        Assert.Equal(
            """{"appid":"wxd678efh567hg6787","mchid":"1900000109","description":"Image形象店-深圳腾大-QQ公仔","out_trade_no":"1217752501201407033233368018","time_expire":"2018-06-08T10:34:56+08:00","attach":"自定义数据说明","notify_url":"https://mall.example.com/pay/notify","amount":{"total":100,"currency":"CNY"},"payer":{"openid":"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"}}""",
            request.BodyText);
        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.Equal("wx201410272009395522657a690389285100", result.Value!.PrepayId);
        Assert.Equal("08F0CCB9B80610E8F2E5D1D4061C", result.RequestId);

        var parameters = harness.Client.CreateClientPaymentParameters(result.Value.PrepayId);
        Assert.Equal(PayClientHarness.AppId, parameters.AppId);
        Assert.Equal("1750000000", parameters.TimeStamp);
        Assert.Equal(PayClientHarness.ExpectedNonce(2), parameters.NonceString);
        Assert.Equal("prepay_id=wx201410272009395522657a690389285100", parameters.Package);
    }

    [Fact]
    public async Task Native_prepay_is_sent_byte_exact()
    {
        using var harness = new PayClientHarness(_ => PayResponses.Signed(
            TestPlatform.PublicKey, PayClientHarness.Now, HttpStatusCode.OK, """{"code_url":"weixin://wxpay/bizpayurl?pr=JyC91EIz1"}"""));

        var result = await harness.Client.CreateNativeTransactionAsync(new CreateNativeTransactionRequest
        {
            Description = "RTX 4090 到店自提",
            OutTradeNumber = "WX20250615000001",
            Amount = new PrepayAmount { TotalFen = 1_299_900 },
            NotifyUrl = "https://mall.example.com/pay/notify-native",
            SceneInfo = new PrepaySceneInfo
            {
                PayerClientIp = "14.23.150.211",
                StoreInfo = new PrepayStoreInfo { Id = "0001", Name = "深圳店", AreaCode = "440305", Address = "科技园" },
            },
            SettleInfo = new PrepaySettleInfo { ProfitSharing = false },
        }, TestContext.Current.CancellationToken);

        var request = harness.SingleRequest;
        Assert.Equal("https://api.mch.weixin.qq.com/v3/pay/transactions/native", request.Uri.AbsoluteUri);
        AssertHeaders(request, hasBody: true);
        PayClientHarness.AssertSignedAuthorization(request, 1);
        Assert.Equal(
            """{"appid":"wxd678efh567hg6787","mchid":"1900000109","description":"RTX 4090 到店自提","out_trade_no":"WX20250615000001","notify_url":"https://mall.example.com/pay/notify-native","amount":{"total":1299900,"currency":"CNY"},"scene_info":{"payer_client_ip":"14.23.150.211","store_info":{"id":"0001","name":"深圳店","area_code":"440305","address":"科技园"}},"settle_info":{"profit_sharing":false}}""",
            request.BodyText);
        Assert.Equal("weixin://wxpay/bizpayurl?pr=JyC91EIz1", result.Value!.CodeUrl);
    }

    [Fact]
    public async Task H5_prepay_carries_scene_info_with_payer_client_ip_and_h5_info()
    {
        using var harness = new PayClientHarness(_ => PayResponses.Signed(
            TestPlatform.PublicKey, PayClientHarness.Now, HttpStatusCode.OK,
            """{"h5_url":"https://wx.tenpay.com/cgi-bin/mmpayweb-bin/checkmweb?prepay_id=wx2016121516420242444321ca0631331346&package=1405458241"}"""));

        var result = await harness.Client.CreateH5TransactionAsync(new CreateH5TransactionRequest
        {
            Description = "机械键盘",
            OutTradeNumber = "H5-0001|A*1",
            Amount = new PrepayAmount { TotalFen = 39_900 },
            SceneInfo = new PrepaySceneInfo
            {
                PayerClientIp = "2408:8207:2478:9fd0::1",
                H5Info = new PrepayH5Info { Type = "Wap", AppName = "WxMall", AppUrl = "https://mall.example.com" },
            },
        }, TestContext.Current.CancellationToken);

        var request = harness.SingleRequest;
        Assert.Equal("https://api.mch.weixin.qq.com/v3/pay/transactions/h5", request.Uri.AbsoluteUri);
        PayClientHarness.AssertSignedAuthorization(request, 1);
        Assert.Equal(
            """{"appid":"wxd678efh567hg6787","mchid":"1900000109","description":"机械键盘","out_trade_no":"H5-0001|A*1","notify_url":"https://mall.example.com/pay/notify","amount":{"total":39900,"currency":"CNY"},"scene_info":{"payer_client_ip":"2408:8207:2478:9fd0::1","h5_info":{"type":"Wap","app_name":"WxMall","app_url":"https://mall.example.com"}}}""",
            request.BodyText);
        Assert.StartsWith("https://wx.tenpay.com/", result.Value!.H5Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_by_out_trade_no_escapes_the_number_signs_the_exact_path_and_reads_the_transaction()
    {
        const string transaction = """
            {"amount":{"currency":"CNY","payer_currency":"CNY","payer_total":1,"total":1},"appid":"wxd678efh567hg6787","attach":"",
            "bank_type":"OTHERS","mchid":"1900000109","out_trade_no":"A|B*1","payer":{"openid":"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"},
            "promotion_detail":[],"success_time":"2018-06-08T10:34:56+08:00","trade_state":"SUCCESS","trade_state_desc":"支付成功",
            "trade_type":"JSAPI","transaction_id":"1217752501201407033233368018"}
            """;
        using var harness = new PayClientHarness(_ => PayResponses.Signed(TestPlatform.PublicKey, PayClientHarness.Now, HttpStatusCode.OK, transaction));

        var result = await harness.Client.GetTransactionByOutTradeNumberAsync(
            new GetTransactionByOutTradeNumberRequest { OutTradeNumber = "A|B*1" }, TestContext.Current.CancellationToken);

        var request = harness.SingleRequest;
        Assert.Equal("GET", request.Method);
        Assert.Equal("/v3/pay/transactions/out-trade-no/A%7CB%2A1?mchid=1900000109", request.Uri.PathAndQuery);
        Assert.Null(request.Body);
        AssertHeaders(request, hasBody: false);
        PayClientHarness.AssertSignedAuthorization(request, 1);
        var value = result.Value!;
        Assert.Equal(TradeStates.Success, value.TradeState);
        Assert.Equal("1217752501201407033233368018", value.TransactionId);
        Assert.Equal(1, value.Amount!.TotalFen);
        Assert.Equal("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o", value.Payer!.OpenId);
        Assert.Equal(new DateTimeOffset(2018, 6, 8, 10, 34, 56, TimeSpan.FromHours(8)), value.SuccessTime);
    }

    [Fact]
    public async Task Query_by_transaction_id_uses_the_id_path()
    {
        using var harness = new PayClientHarness(_ => PayResponses.Signed(
            TestPlatform.PublicKey, PayClientHarness.Now, HttpStatusCode.OK, """{"out_trade_no":"T1","trade_state":"NOTPAY"}"""));

        var result = await harness.Client.GetTransactionByIdAsync(
            new GetTransactionByIdRequest { TransactionId = "4200000985202103031441826014", MerchantId = "1230000109" },
            TestContext.Current.CancellationToken);

        Assert.Equal(
            "https://api.mch.weixin.qq.com/v3/pay/transactions/id/4200000985202103031441826014?mchid=1230000109",
            harness.SingleRequest.Uri.AbsoluteUri);
        PayClientHarness.AssertSignedAuthorization(harness.SingleRequest, 1);
        Assert.Equal(TradeStates.NotPaid, result.Value!.TradeState);
    }

    [Fact]
    public async Task Close_posts_the_merchant_id_and_accepts_a_signed_204()
    {
        using var harness = new PayClientHarness(_ => PayResponses.Signed(TestPlatform.PublicKey, PayClientHarness.Now, HttpStatusCode.NoContent, string.Empty));

        var result = await harness.Client.CloseTransactionAsync(
            new CloseTransactionRequest { OutTradeNumber = "1217752501201407033233368018" }, TestContext.Current.CancellationToken);

        var request = harness.SingleRequest;
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v3/pay/transactions/out-trade-no/1217752501201407033233368018/close", request.Uri.PathAndQuery);
        Assert.Equal("""{"mchid":"1900000109"}""", request.BodyText);
        AssertHeaders(request, hasBody: true);
        PayClientHarness.AssertSignedAuthorization(request, 1);
        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.Equal(204, result.HttpStatus);
    }

    [Fact]
    public async Task Base_address_with_a_path_prefix_is_kept_and_signed()
    {
        using var harness = new PayClientHarness(
            _ => PayResponses.Signed(TestPlatform.PublicKey, PayClientHarness.Now, HttpStatusCode.OK, """{"out_trade_no":"T1","trade_state":"NOTPAY"}"""),
            configure: options => options.BaseAddress = new Uri("http://localhost:5080/wechat-pay/"));

        await harness.Client.GetTransactionByIdAsync(new GetTransactionByIdRequest { TransactionId = "42" }, TestContext.Current.CancellationToken);

        Assert.Equal("http://localhost:5080/wechat-pay/v3/pay/transactions/id/42?mchid=1900000109", harness.SingleRequest.Uri.AbsoluteUri);
        PayClientHarness.AssertSignedAuthorization(harness.SingleRequest, 1);
    }

    [Fact]
    public async Task Certificate_mode_sends_no_wechatpay_serial_header_unless_declared()
    {
        using var harness = new PayClientHarness(
            _ => PayResponses.Signed(TestPlatform.Certificate, PayClientHarness.Now, HttpStatusCode.OK, """{"out_trade_no":"T1","trade_state":"NOTPAY"}"""),
            platform: TestPlatform.Certificate);

        var result = await harness.Client.GetTransactionByIdAsync(new GetTransactionByIdRequest { TransactionId = "42" }, TestContext.Current.CancellationToken);

        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.False(harness.SingleRequest.Headers.ContainsKey("Wechatpay-Serial"));
    }
}
