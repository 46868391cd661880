using WxMall.WeChat.Http;
using WxMall.WeChat.OfficialAccount;
using WxMall.WeChat.Tests.Support;

namespace WxMall.WeChat.Tests.OfficialAccount;

/// <summary>Every request leaves byte-exact: method, URL with query, headers and body.</summary>
public sealed class OfficialAccountClientTests
{
    private const string Json = "application/json; charset=utf-8";
    private const string Token = "access_token=ACCESS_TOKEN";

    private static void AssertRequest(RecordedRequest request, string method, string uri, string? body)
    {
        Assert.Equal(method, request.Method);
        Assert.Equal(uri, request.Uri);
        Assert.Equal("WxMall.WeChat/1.0", request.UserAgent);
        Assert.Equal(body is null ? null : Json, request.ContentType);
        Assert.Equal(body ?? string.Empty, request.Body);
    }

    [Fact]
    public async Task Stable_token_posts_the_credentials_and_needs_no_token()
    {
        using var host = WeChatTestHost.Create();

        var result = await host.OfficialAccount.GetStableAccessTokenAsync(new StableAccessTokenRequest { AppId = "wxTEST", AppSecret = "SECRET", ForceRefresh = true }, TestContext.Current.CancellationToken);

        AssertRequest(host.Handler.Single("/cgi-bin/stable_token"), "POST", "https://api.test/cgi-bin/stable_token",
            """{"grant_type":"client_credential","appid":"wxTEST","secret":"SECRET","force_refresh":true}""");
        Assert.Equal(("ACCESS_TOKEN", 7200), (result.Value!.AccessToken, result.Value.ExpiresInSeconds));
    }

    [Fact]
    public async Task Classic_token_is_a_get_with_the_credentials_in_the_query()
    {
        using var host = WeChatTestHost.Create();
        host.Handler.On("/cgi-bin/token", """{"access_token":"CLASSIC","expires_in":7200}""");

        var result = await host.OfficialAccount.GetAccessTokenAsync(new AccessTokenRequest { AppId = "wxTEST", AppSecret = "SECRET" }, TestContext.Current.CancellationToken);

        AssertRequest(Assert.Single(host.Handler.Requests), "GET", "https://api.test/cgi-bin/token?grant_type=client_credential&appid=wxTEST&secret=SECRET", null);
        Assert.Equal("CLASSIC", result.Value!.AccessToken);
    }

    [Fact]
    public async Task Jsapi_ticket_is_fetched_with_the_access_token()
    {
        using var host = WeChatTestHost.Create();
        host.Handler.On("/cgi-bin/ticket/getticket", """{"errcode":0,"errmsg":"ok","ticket":"bxLdikRXVbTPdHSM05e5u5sUoXNKd8-41ZO3MhKoyN5OfkWITDGgnr2fwJ0m9E8NYzWKVZvdVtaUgWvsdshFKA","expires_in":7200}""");

        var result = await host.OfficialAccount.GetJsApiTicketAsync(new GetJsApiTicketRequest(), TestContext.Current.CancellationToken);

        AssertRequest(host.Handler.Single("/cgi-bin/ticket/getticket"), "GET", $"https://api.test/cgi-bin/ticket/getticket?{Token}&type=jsapi", null);
        Assert.StartsWith("bxLdikRX", result.Value!.Ticket, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Menu_create_sends_the_documented_shape()
    {
        using var host = WeChatTestHost.Create();
        var request = new CreateMenuRequest
        {
            Buttons =
            [
                MenuButton.Click("今日歌曲", "V1001_TODAY_MUSIC"),
                MenuButton.Parent("菜单", MenuButton.View("搜索", "http://www.soso.com/"), MenuButton.MiniProgram("wxa", "wx286b93c14bbf93aa", "pages/lunar/index", "http://mp.weixin.qq.com")),
            ],
        };

        var result = await host.OfficialAccount.CreateMenuAsync(request, TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded);
        AssertRequest(host.Handler.Single("/cgi-bin/menu/create"), "POST", $"https://api.test/cgi-bin/menu/create?{Token}",
            """{"button":[{"type":"click","name":"今日歌曲","key":"V1001_TODAY_MUSIC"},{"name":"菜单","sub_button":[{"type":"view","name":"搜索","url":"http://www.soso.com/"},{"type":"miniprogram","name":"wxa","url":"http://mp.weixin.qq.com","appid":"wx286b93c14bbf93aa","pagepath":"pages/lunar/index"}]}]}""");
    }

    [Fact]
    public async Task Menu_get_reads_default_and_conditional_menus()
    {
        using var host = WeChatTestHost.Create();
        host.Handler.On("/cgi-bin/menu/get", """{"menu":{"button":[{"type":"click","name":"今日歌曲","key":"V1001_TODAY_MUSIC","sub_button":[]}],"menuid":208396938},"conditionalmenu":[{"button":[{"type":"view","name":"商城","url":"https://shop.example/"}],"matchrule":{"tag_id":"2","sex":"1"},"menuid":208396993}]}""");

        var result = await host.OfficialAccount.GetMenuAsync(new GetMenuRequest(), TestContext.Current.CancellationToken);

        AssertRequest(host.Handler.Single("/cgi-bin/menu/get"), "GET", $"https://api.test/cgi-bin/menu/get?{Token}", null);
        Assert.Equal(208396938, result.Value!.Menu!.MenuId);
        Assert.Equal("V1001_TODAY_MUSIC", result.Value.Menu.Buttons[0].Key);
        Assert.Equal("2", result.Value.ConditionalMenus![0].MatchRule!["tag_id"].GetString());
    }

    [Fact]
    public async Task Template_message_sends_data_and_returns_the_msgid()
    {
        using var host = WeChatTestHost.Create();
        host.Handler.On("/cgi-bin/message/template/send", """{"errcode":0,"errmsg":"ok","msgid":200228332}""");
        var request = new SendTemplateMessageRequest
        {
            OpenId = "OPENID",
            TemplateId = "ngqIpbwh8bUfcSsECmogfXcV14J0tQlEpBO27izEYtY",
            Url = "http://weixin.qq.com/download",
            MiniProgram = new MiniProgramPage { AppId = "xiaochengxuappid12345", PagePath = "index?foo=bar" },
            Data = new Dictionary<string, TemplateDataValue> { ["keyword1"] = new("巧克力"), ["keyword2"] = new("39.8元") },
            ClientMessageId = "MSG_000001",
        };

        var result = await host.OfficialAccount.SendTemplateMessageAsync(request, TestContext.Current.CancellationToken);

        AssertRequest(host.Handler.Single("/cgi-bin/message/template/send"), "POST", $"https://api.test/cgi-bin/message/template/send?{Token}",
            """{"touser":"OPENID","template_id":"ngqIpbwh8bUfcSsECmogfXcV14J0tQlEpBO27izEYtY","url":"http://weixin.qq.com/download","miniprogram":{"appid":"xiaochengxuappid12345","pagepath":"index?foo=bar"},"data":{"keyword1":{"value":"巧克力"},"keyword2":{"value":"39.8元"}},"client_msg_id":"MSG_000001"}""");
        Assert.Equal(200228332, result.Value!.MessageId);
    }

    [Fact]
    public async Task Customer_service_messages_send_one_payload_per_type()
    {
        using var host = WeChatTestHost.Create();
        var cancellation = TestContext.Current.CancellationToken;

        await host.OfficialAccount.SendCustomerServiceMessageAsync(SendCustomerServiceMessageRequest.ForText("OPENID", "Hello World") with { Agent = new CustomerServiceAgent("test1@kftest") }, cancellation);
        await host.OfficialAccount.SendCustomerServiceMessageAsync(SendCustomerServiceMessageRequest.ForImage("OPENID", "MEDIA_ID"), cancellation);
        await host.OfficialAccount.SendCustomerServiceMessageAsync(SendCustomerServiceMessageRequest.ForNews("OPENID", new CustomerServiceArticle("Happy Day", "Is Really A Happy Day", "URL", "PIC_URL")), cancellation);
        await host.OfficialAccount.SendCustomerServiceMessageAsync(SendCustomerServiceMessageRequest.ForMiniProgramCard("OPENID", new CustomerServiceMiniProgramPage("title", "appid", "pagepath", "thumb_media_id")), cancellation);
        await host.OfficialAccount.SetCustomerServiceTypingAsync(SetCustomerServiceTypingRequest.Typing("OPENID"), cancellation);

        var sends = host.Handler.RequestsTo("/cgi-bin/message/custom/send");
        AssertRequest(sends[0], "POST", $"https://api.test/cgi-bin/message/custom/send?{Token}", """{"touser":"OPENID","msgtype":"text","text":{"content":"Hello World"},"customservice":{"kf_account":"test1@kftest"}}""");
        Assert.Equal("""{"touser":"OPENID","msgtype":"image","image":{"media_id":"MEDIA_ID"}}""", sends[1].Body);
        Assert.Equal("""{"touser":"OPENID","msgtype":"news","news":{"articles":[{"title":"Happy Day","description":"Is Really A Happy Day","url":"URL","picurl":"PIC_URL"}]}}""", sends[2].Body);
        Assert.Equal("""{"touser":"OPENID","msgtype":"miniprogrampage","miniprogrampage":{"title":"title","appid":"appid","pagepath":"pagepath","thumb_media_id":"thumb_media_id"}}""", sends[3].Body);
        AssertRequest(host.Handler.Single("/cgi-bin/message/custom/typing"), "POST", $"https://api.test/cgi-bin/message/custom/typing?{Token}", """{"touser":"OPENID","command":"Typing"}""");
    }

    [Fact]
    public async Task Parametric_qr_codes_match_the_documented_examples_and_their_image_url()
    {
        using var host = WeChatTestHost.Create();
        host.Handler.On("/cgi-bin/qrcode/create", """{"ticket":"gQH47joAAAAAAAAAASxodHRwOi8vd2VpeGluLnFxLmNvbS9xL2taZ2Z3TVRtNzJXV1Brb3ZhYmJJAAIEZ23sUwMEmm3sUw==","expire_seconds":60,"url":"http://weixin.qq.com/q/kZgfwMTm72WWPkovabbI"}""");

        var temporary = await host.OfficialAccount.CreateQrCodeAsync(CreateQrCodeRequest.Temporary("test", 604800), TestContext.Current.CancellationToken);
        await host.OfficialAccount.CreateQrCodeAsync(CreateQrCodeRequest.Permanent("test"), TestContext.Current.CancellationToken);
        await host.OfficialAccount.CreateQrCodeAsync(CreateQrCodeRequest.Temporary(123, 60), TestContext.Current.CancellationToken);

        var requests = host.Handler.RequestsTo("/cgi-bin/qrcode/create");
        AssertRequest(requests[0], "POST", $"https://api.test/cgi-bin/qrcode/create?{Token}", """{"expire_seconds":604800,"action_name":"QR_STR_SCENE","action_info":{"scene":{"scene_str":"test"}}}""");
        Assert.Equal("""{"action_name":"QR_LIMIT_STR_SCENE","action_info":{"scene":{"scene_str":"test"}}}""", requests[1].Body);
        Assert.Equal("""{"expire_seconds":60,"action_name":"QR_SCENE","action_info":{"scene":{"scene_id":123}}}""", requests[2].Body);
        Assert.Equal("http://weixin.qq.com/q/kZgfwMTm72WWPkovabbI", temporary.Value!.Url);
        Assert.Equal("https://mp.weixin.qq.com/cgi-bin/showqrcode?ticket=gQH47joAAAAAAAAAASxodHRwOi8vd2VpeGluLnFxLmNvbS9xL2taZ2Z3TVRtNzJXV1Brb3ZhYmJJAAIEZ23sUwMEmm3sUw%3D%3D",
            host.OfficialAccount.GetQrCodeImageUrl(temporary.Value.Ticket));
    }

    [Fact]
    public async Task Short_keys_are_generated_and_fetched()
    {
        using var host = WeChatTestHost.Create();
        host.Handler.On("/cgi-bin/shorten/gen", """{"errcode":0,"errmsg":"ok","short_key":"iTqRJFSEqk9RvPk"}""");
        host.Handler.On("/cgi-bin/shorten/fetch", """{"errcode":0,"errmsg":"ok","long_data":"campaign=618","create_time":1611047541,"expire_seconds":86300}""");

        var generated = await host.OfficialAccount.GenerateShortKeyAsync(new GenerateShortKeyRequest { LongData = "campaign=618", ExpireSeconds = 86400 }, TestContext.Current.CancellationToken);
        var fetched = await host.OfficialAccount.FetchShortKeyAsync(new FetchShortKeyRequest { ShortKey = generated.Value!.ShortKey }, TestContext.Current.CancellationToken);

        AssertRequest(host.Handler.Single("/cgi-bin/shorten/gen"), "POST", $"https://api.test/cgi-bin/shorten/gen?{Token}", """{"long_data":"campaign=618","expire_seconds":86400}""");
        AssertRequest(host.Handler.Single("/cgi-bin/shorten/fetch"), "POST", $"https://api.test/cgi-bin/shorten/fetch?{Token}", """{"short_key":"iTqRJFSEqk9RvPk"}""");
        Assert.Equal(("campaign=618", 1611047541L, 86300), (fetched.Value!.LongData, fetched.Value.CreateTime, fetched.Value.ExpireSeconds));
    }

    [Fact]
    public async Task Users_are_read_one_at_a_time_in_batches_and_by_page()
    {
        using var host = WeChatTestHost.Create();
        host.Handler.On("/cgi-bin/user/info", """{"subscribe":1,"openid":"o6_bmjrPTlm6_2sgVt7hMZOPfL2M","subscribe_time":1382694957,"unionid":"o6_bmasdasdsad6_2sgVt7hMZOPfL","remark":"","groupid":0,"tagid_list":[128,2],"subscribe_scene":"ADD_SCENE_QR_CODE","qr_scene":98765,"qr_scene_str":""}""");
        host.Handler.On("/cgi-bin/user/info/batchget", """{"user_info_list":[{"subscribe":1,"openid":"otvxTs4dckWG7imySrJd6jSi0CWE","tagid_list":[]},{"subscribe":0,"openid":"otvxTs_JZ6SEiP0imdhpi50fuSZg"}]}""");
        host.Handler.On("/cgi-bin/user/get", """{"total":2,"count":2,"data":{"openid":["OPENID1","OPENID2"]},"next_openid":"OPENID2"}""");
        var cancellation = TestContext.Current.CancellationToken;

        var single = await host.OfficialAccount.GetUserInfoAsync(new GetUserInfoRequest { OpenId = "o6_bmjrPTlm6_2sgVt7hMZOPfL2M" }, cancellation);
        var batch = await host.OfficialAccount.BatchGetUserInfoAsync(new BatchGetUserInfoRequest { Users = [new("otvxTs4dckWG7imySrJd6jSi0CWE"), new("otvxTs_JZ6SEiP0imdhpi50fuSZg")] }, cancellation);
        var page = await host.OfficialAccount.GetFollowersAsync(new GetFollowersRequest(), cancellation);

        AssertRequest(host.Handler.Single("/cgi-bin/user/info"), "GET", $"https://api.test/cgi-bin/user/info?{Token}&openid=o6_bmjrPTlm6_2sgVt7hMZOPfL2M&lang=zh_CN", null);
        AssertRequest(host.Handler.Single("/cgi-bin/user/info/batchget"), "POST", $"https://api.test/cgi-bin/user/info/batchget?{Token}",
            """{"user_list":[{"openid":"otvxTs4dckWG7imySrJd6jSi0CWE","lang":"zh_CN"},{"openid":"otvxTs_JZ6SEiP0imdhpi50fuSZg","lang":"zh_CN"}]}""");
        AssertRequest(host.Handler.Single("/cgi-bin/user/get"), "GET", $"https://api.test/cgi-bin/user/get?{Token}&next_openid=", null);
        Assert.Equal(("o6_bmasdasdsad6_2sgVt7hMZOPfL", "ADD_SCENE_QR_CODE"), (single.Value!.UnionId, single.Value.SubscribeScene));
        Assert.Equal(0, batch.Value!.Users[1].Subscribed);
        Assert.Equal(["OPENID1", "OPENID2"], page.Value!.Data!.OpenIds);
    }

    [Fact]
    public async Task Tags_are_created_listed_and_applied()
    {
        using var host = WeChatTestHost.Create();
        host.Handler.On("/cgi-bin/tags/create", """{"tag":{"id":134,"name":"广东"}}""");
        host.Handler.On("/cgi-bin/tags/get", """{"tags":[{"id":1,"name":"每天一罐可乐星人","count":0},{"id":2,"name":"星标组","count":0}]}""");
        var cancellation = TestContext.Current.CancellationToken;

        var created = await host.OfficialAccount.CreateTagAsync(CreateTagRequest.Named("广东"), cancellation);
        var listed = await host.OfficialAccount.GetTagsAsync(new GetTagsRequest(), cancellation);
        await host.OfficialAccount.TagUsersAsync(new TagUsersRequest { OpenIds = ["ocYxcuAEy30bX0NXmGn4ypqx3tI0", "ocYxcuBt0mRugKZ7tGAHPnUaOW7Y"], TagId = 134 }, cancellation);
        await host.OfficialAccount.UntagUsersAsync(new UntagUsersRequest { OpenIds = ["ocYxcuAEy30bX0NXmGn4ypqx3tI0"], TagId = 134 }, cancellation);

        AssertRequest(host.Handler.Single("/cgi-bin/tags/create"), "POST", $"https://api.test/cgi-bin/tags/create?{Token}", """{"tag":{"name":"广东"}}""");
        AssertRequest(host.Handler.Single("/cgi-bin/tags/get"), "GET", $"https://api.test/cgi-bin/tags/get?{Token}", null);
        AssertRequest(host.Handler.Single("/cgi-bin/tags/members/batchtagging"), "POST", $"https://api.test/cgi-bin/tags/members/batchtagging?{Token}",
            """{"openid_list":["ocYxcuAEy30bX0NXmGn4ypqx3tI0","ocYxcuBt0mRugKZ7tGAHPnUaOW7Y"],"tagid":134}""");
        AssertRequest(host.Handler.Single("/cgi-bin/tags/members/batchuntagging"), "POST", $"https://api.test/cgi-bin/tags/members/batchuntagging?{Token}",
            """{"openid_list":["ocYxcuAEy30bX0NXmGn4ypqx3tI0"],"tagid":134}""");
        Assert.Equal(134, created.Value!.Tag!.Id);
        Assert.Equal(2, listed.Value!.Tags.Count);
    }

    [Fact]
    public async Task WeChat_errors_come_back_as_data()
    {
        using var host = WeChatTestHost.Create();
        host.Handler.On("/cgi-bin/message/template/send", """{"errcode":40037,"errmsg":"invalid template_id rid: 64993d2c-2af40adf-01b005b5"}""");

        var result = await host.OfficialAccount.SendTemplateMessageAsync(
            new SendTemplateMessageRequest { OpenId = "o", TemplateId = "bad", Data = new Dictionary<string, TemplateDataValue>() }, TestContext.Current.CancellationToken);

        Assert.Equal(WeChatResultStatus.WeChatError, result.Status);
        Assert.Equal(40037, result.ErrorCode);
        Assert.Null(result.Value);
        Assert.Single(host.Handler.RequestsTo("/cgi-bin/message/template/send"));
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_reported_not_thrown()
    {
        using var host = WeChatTestHost.Create();
        host.Handler.On("/cgi-bin/tags/get", "<html>gateway</html>");

        var result = await host.OfficialAccount.GetTagsAsync(new GetTagsRequest(), TestContext.Current.CancellationToken);

        Assert.Equal(WeChatResultStatus.MalformedResponse, result.Status);
    }
}
