using System.Net;
using WxMall.WeChat.Http;
using WxMall.WeChat.MiniProgram;
using WxMall.WeChat.OfficialAccount;
using WxMall.WeChat.Tests.Support;

namespace WxMall.WeChat.Tests.MiniProgram;

public sealed class MiniProgramClientTests
{
    private const string Json = "application/json; charset=utf-8";
    private const string Token = "access_token=ACCESS_TOKEN";

    [Fact]
    public async Task Login_code_is_exchanged_with_the_mini_program_credentials()
    {
        using var host = WeChatTestHost.Create();
        host.Handler.On("/sns/jscode2session", """{"openid":"OPENID","session_key":"tiihtNczf5v6AKRyjwEUhQ==","unionid":"UNIONID"}""");

        var result = await host.MiniProgram.CodeToSessionAsync(new CodeToSessionRequest { JsCode = "JSCODE" }, TestContext.Current.CancellationToken);

        var request = Assert.Single(host.Handler.Requests);
        Assert.Equal(("GET", "https://api.test/sns/jscode2session?appid=wxMINI&secret=SECRET&js_code=JSCODE&grant_type=authorization_code"), (request.Method, request.Uri));
        Assert.Equal(("OPENID", "tiihtNczf5v6AKRyjwEUhQ=="), (result.Value!.OpenId, result.Value.SessionKey));
    }

    [Fact]
    public async Task Phone_number_reads_a_numeric_country_code()
    {
        using var host = WeChatTestHost.Create();
        host.Handler.On("/wxa/business/getuserphonenumber", """{"errcode":0,"errmsg":"ok","phone_info":{"phoneNumber":"+8613800138000","purePhoneNumber":"13800138000","countryCode":86,"watermark":{"timestamp":1637744274,"appid":"wxMINI"}}}""");

        var result = await host.MiniProgram.GetPhoneNumberAsync(new GetPhoneNumberRequest { Code = "e31968a7f94cc5ee25fafc2aef2773f0bb8c3937b22520eb8ee345274d00c144" }, TestContext.Current.CancellationToken);

        var request = host.Handler.Single("/wxa/business/getuserphonenumber");
        Assert.Equal(("POST", $"https://api.test/wxa/business/getuserphonenumber?{Token}", Json), (request.Method, request.Uri, request.ContentType));
        Assert.Equal("""{"code":"e31968a7f94cc5ee25fafc2aef2773f0bb8c3937b22520eb8ee345274d00c144"}""", request.Body);
        Assert.Equal(("13800138000", "86", "wxMINI"), (result.Value!.Phone!.PurePhoneNumber, result.Value.Phone.CountryCode, result.Value.Phone.Watermark!.AppId));
    }

    [Fact]
    public async Task Mini_program_uses_its_own_access_token()
    {
        using var host = WeChatTestHost.Create();

        await host.MiniProgram.IsTradeManagedAsync(new IsTradeManagedRequest { AppId = "wxMINI" }, TestContext.Current.CancellationToken);

        Assert.Equal("""{"grant_type":"client_credential","appid":"wxMINI","secret":"SECRET","force_refresh":false}""", host.Handler.Single("/cgi-bin/stable_token").Body);
    }

    [Fact]
    public async Task Unlimited_code_returns_image_bytes()
    {
        using var host = WeChatTestHost.Create();
        byte[] jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46];
        host.Handler.On("/wxa/getwxacodeunlimit", new CannedResponse(HttpStatusCode.OK, jpeg, "image/jpeg"));

        var result = await host.MiniProgram.GetUnlimitedWxaCodeAsync(
            new GetUnlimitedWxaCodeRequest { Scene = "a=1", Page = "pages/index/index", CheckPath = false, EnvironmentVersion = "trial", Width = 430, LineColor = new LineColor(0, 0, 0) },
            TestContext.Current.CancellationToken);

        var request = host.Handler.Single("/wxa/getwxacodeunlimit");
        Assert.Equal(("POST", $"https://api.test/wxa/getwxacodeunlimit?{Token}", Json), (request.Method, request.Uri, request.ContentType));
        Assert.Equal("""{"scene":"a=1","page":"pages/index/index","check_path":false,"env_version":"trial","width":430,"line_color":{"r":0,"g":0,"b":0}}""", request.Body);
        Assert.Equal(jpeg, result.Value!.Image);
        Assert.Equal("image/jpeg", result.Value.ContentType);
    }

    [Fact]
    public async Task Unlimited_code_error_comes_back_as_data()
    {
        using var host = WeChatTestHost.Create();
        host.Handler.On("/wxa/getwxacodeunlimit", """{"errcode":41030,"errmsg":"invalid page rid: 6381a9c4-3b1c7dbc-5b6ef4ee"}""");

        var result = await host.MiniProgram.GetUnlimitedWxaCodeAsync(new GetUnlimitedWxaCodeRequest { Scene = "a=1", Page = "pages/missing" }, TestContext.Current.CancellationToken);

        Assert.Equal((WeChatResultStatus.WeChatError, 41030), (result.Status, result.ErrorCode));
    }

    [Fact]
    public async Task Links_and_schemes_send_the_documented_bodies()
    {
        using var host = WeChatTestHost.Create();
        host.Handler.On("/wxa/generate_urllink", """{"errcode":0,"errmsg":"ok","url_link":"https://wxaurl.cn/BQZRrcFCPvg"}""");
        host.Handler.On("/wxa/genwxashortlink", """{"errcode":0,"errmsg":"ok","link":"#小程序://小程序名称/xxxxxxxxxxxx"}""");
        host.Handler.On("/wxa/generatescheme", """{"errcode":0,"errmsg":"ok","openlink":"weixin://dl/business/?t=XTSkBZlzqmn"}""");
        var cancellation = TestContext.Current.CancellationToken;

        var urlLink = await host.MiniProgram.GenerateUrlLinkAsync(new GenerateUrlLinkRequest { Path = "pages/product/detail", Query = "sku=RTX5090&c=618", ExpireType = 1, ExpireIntervalDays = 30, EnvironmentVersion = "release" }, cancellation);
        var shortLink = await host.MiniProgram.GenerateShortLinkAsync(new GenerateShortLinkRequest { PageUrl = "pages/index/index?c=618", PageTitle = "618 大促", IsPermanent = false }, cancellation);
        var scheme = await host.MiniProgram.GenerateSchemeAsync(new GenerateSchemeRequest { Target = new SchemeTarget { Path = "pages/index/index", Query = "c=618", EnvironmentVersion = "release" }, ExpireType = 1, ExpireIntervalDays = 1 }, cancellation);

        Assert.Equal($"https://api.test/wxa/generate_urllink?{Token}", host.Handler.Single("/wxa/generate_urllink").Uri);
        Assert.Equal("""{"path":"pages/product/detail","query":"sku=RTX5090&c=618","expire_type":1,"expire_interval":30,"env_version":"release"}""", host.Handler.Single("/wxa/generate_urllink").Body);
        Assert.Equal("""{"page_url":"pages/index/index?c=618","page_title":"618 大促","is_permanent":false}""", host.Handler.Single("/wxa/genwxashortlink").Body);
        Assert.Equal("""{"jump_wxa":{"path":"pages/index/index","query":"c=618","env_version":"release"},"expire_type":1,"expire_interval":1}""", host.Handler.Single("/wxa/generatescheme").Body);
        Assert.Equal("https://wxaurl.cn/BQZRrcFCPvg", urlLink.Value!.UrlLink);
        Assert.StartsWith("#小程序://", shortLink.Value!.Link, StringComparison.Ordinal);
        Assert.Equal("weixin://dl/business/?t=XTSkBZlzqmn", scheme.Value!.OpenLink);
    }

    [Fact]
    public async Task Subscribe_message_sends_data_and_state()
    {
        using var host = WeChatTestHost.Create();

        var result = await host.MiniProgram.SendSubscribeMessageAsync(new SendSubscribeMessageRequest
        {
            OpenId = "OPENID",
            TemplateId = "TEMPLATE_ID",
            Page = "pages/order/detail?id=1",
            Data = new Dictionary<string, TemplateDataValue> { ["character_string1"] = new("WX20250618001"), ["amount2"] = new("¥12999.00") },
            MiniProgramState = "formal",
            Language = "zh_CN",
        }, TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded);
        Assert.Equal($"https://api.test/cgi-bin/message/subscribe/send?{Token}", host.Handler.Single("/cgi-bin/message/subscribe/send").Uri);
        Assert.Equal("""{"touser":"OPENID","template_id":"TEMPLATE_ID","page":"pages/order/detail?id=1","data":{"character_string1":{"value":"WX20250618001"},"amount2":{"value":"¥12999.00"}},"miniprogram_state":"formal","lang":"zh_CN"}""",
            host.Handler.Single("/cgi-bin/message/subscribe/send").Body);
    }

    [Fact]
    public async Task Shipping_upload_sends_rfc3339_time_with_milliseconds()
    {
        using var host = WeChatTestHost.Create();

        await host.MiniProgram.UploadShippingInfoAsync(new UploadShippingInfoRequest
        {
            OrderKey = ShippingOrderKey.ByTransactionId("4200001234202506180000000001"),
            LogisticsType = 1,
            DeliveryMode = 1,
            Shipping = [new ShippingItem { TrackingNumber = "SF1234567890", ExpressCompany = "SF", ItemDescription = "RTX 5090*1个", Contact = new ShippingContact { ReceiverContact = "189****1234" } }],
            UploadTime = new DateTimeOffset(2022, 12, 15, 13, 29, 35, 120, TimeSpan.FromHours(8)),
            Payer = new ShippingPayer("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"),
        }, TestContext.Current.CancellationToken);

        var request = host.Handler.Single("/wxa/sec/order/upload_shipping_info");
        Assert.Equal(("POST", $"https://api.test/wxa/sec/order/upload_shipping_info?{Token}"), (request.Method, request.Uri));
        Assert.Equal("""{"order_key":{"order_number_type":2,"transaction_id":"4200001234202506180000000001"},"logistics_type":1,"delivery_mode":1,"shipping_list":[{"tracking_no":"SF1234567890","express_company":"SF","item_desc":"RTX 5090*1个","contact":{"receiver_contact":"189****1234"}}],"upload_time":"2022-12-15T13:29:35.120+08:00","payer":{"openid":"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"}}""",
            request.Body);
    }

    [Fact]
    public async Task Trade_management_checks()
    {
        using var host = WeChatTestHost.Create();
        host.Handler.On("/wxa/sec/order/is_trade_managed", """{"errcode":0,"errmsg":"ok","is_trade_managed":true}""");
        host.Handler.On("/wxa/sec/order/is_trade_management_confirmation_completed", """{"errcode":0,"errmsg":"ok","completed":false}""");

        var managed = await host.MiniProgram.IsTradeManagedAsync(new IsTradeManagedRequest { AppId = "wxMINI" }, TestContext.Current.CancellationToken);
        var completed = await host.MiniProgram.IsTradeManagementConfirmationCompletedAsync(new IsTradeManagementConfirmationCompletedRequest { AppId = "wxMINI" }, TestContext.Current.CancellationToken);

        Assert.Equal("""{"appid":"wxMINI"}""", host.Handler.Single("/wxa/sec/order/is_trade_managed").Body);
        Assert.Equal($"https://api.test/wxa/sec/order/is_trade_management_confirmation_completed?{Token}", host.Handler.Single("/wxa/sec/order/is_trade_management_confirmation_completed").Uri);
        Assert.True(managed.Value!.IsTradeManaged);
        Assert.False(completed.Value!.Completed);
    }

    [Fact]
    public void Encrypted_user_data_is_checked_against_this_mini_program()
    {
        using var host = WeChatTestHost.Create();

        var result = host.MiniProgram.DecryptUserData(
            PublishedVectors.Text("miniprogram_encrypted_data", "session_key"),
            PublishedVectors.Text("miniprogram_encrypted_data", "iv"),
            PublishedVectors.Text("miniprogram_encrypted_data", "encrypted_data"));

        Assert.Equal(WeChat.Crypto.MiniProgramDecryptFailure.AppIdMismatch, result.Failure);
    }
}
