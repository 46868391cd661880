using WxMall.WeChat.OAuth;
using WxMall.WeChat.Tests.Support;

namespace WxMall.WeChat.Tests.OAuth;

public sealed class WebOAuthClientTests
{
    [Fact]
    public void Authorize_url_carries_scope_state_and_the_wechat_redirect_fragment()
    {
        using var host = WeChatTestHost.Create();

        var userInfo = host.OAuth.BuildAuthorizeUrl("https://shop.example/auth/callback?return=/cart", WebOAuthScope.UserInfo, "checkout42");
        var silent = host.OAuth.BuildAuthorizeUrl("https://shop.example/", WebOAuthScope.Base);

        Assert.Equal("https://open.weixin.qq.com/connect/oauth2/authorize?appid=wxTEST&redirect_uri=https%3A%2F%2Fshop.example%2Fauth%2Fcallback%3Freturn%3D%2Fcart&response_type=code&scope=snsapi_userinfo&state=checkout42#wechat_redirect", userInfo);
        Assert.Equal("https://open.weixin.qq.com/connect/oauth2/authorize?appid=wxTEST&redirect_uri=https%3A%2F%2Fshop.example%2F&response_type=code&scope=snsapi_base&state=#wechat_redirect", silent);
    }

    [Theory]
    [InlineData("a-b")]
    [InlineData("中文")]
    public void Authorize_url_refuses_a_state_wechat_would_reject(string state)
    {
        using var host = WeChatTestHost.Create();

        Assert.Throws<ArgumentException>(() => host.OAuth.BuildAuthorizeUrl("https://shop.example/", WebOAuthScope.Base, state));
    }

    [Fact]
    public async Task Code_exchange_refresh_userinfo_and_check_use_the_documented_queries_and_no_account_token()
    {
        using var host = WeChatTestHost.Create();
        host.Handler.On("/sns/oauth2/access_token", """{"access_token":"WEB_TOKEN","expires_in":7200,"refresh_token":"REFRESH","openid":"OPENID","scope":"snsapi_userinfo","unionid":"UNIONID","is_snapshotuser":1}""");
        host.Handler.On("/sns/oauth2/refresh_token", """{"access_token":"WEB_TOKEN2","expires_in":7200,"refresh_token":"REFRESH","openid":"OPENID","scope":"snsapi_userinfo"}""");
        host.Handler.On("/sns/userinfo", """{"openid":"OPENID","nickname":"小明","sex":1,"province":"广东","city":"深圳","country":"中国","headimgurl":"https://thirdwx.qlogo.cn/46","privilege":["PRIVILEGE1"],"unionid":"UNIONID"}""");
        host.Handler.On("/sns/auth", """{"errcode":40003,"errmsg":"invalid openid"}""");
        var cancellation = TestContext.Current.CancellationToken;

        var exchanged = await host.OAuth.ExchangeCodeAsync(new ExchangeCodeRequest { Code = "CODE" }, cancellation);
        var refreshed = await host.OAuth.RefreshWebAccessTokenAsync(new RefreshWebAccessTokenRequest { RefreshToken = "REFRESH" }, cancellation);
        var profile = await host.OAuth.GetWebUserInfoAsync(new GetWebUserInfoRequest { WebAccessToken = "WEB_TOKEN2", OpenId = "OPENID" }, cancellation);
        var check = await host.OAuth.CheckWebAccessTokenAsync(new CheckWebAccessTokenRequest { WebAccessToken = "WEB_TOKEN2", OpenId = "OPENID" }, cancellation);

        Assert.Equal(
            [
                "GET https://api.test/sns/oauth2/access_token?appid=wxTEST&secret=SECRET&code=CODE&grant_type=authorization_code",
                "GET https://api.test/sns/oauth2/refresh_token?appid=wxTEST&grant_type=refresh_token&refresh_token=REFRESH",
                "GET https://api.test/sns/userinfo?access_token=WEB_TOKEN2&openid=OPENID&lang=zh_CN",
                "GET https://api.test/sns/auth?access_token=WEB_TOKEN2&openid=OPENID",
            ],
            host.Handler.Requests.Select(request => $"{request.Method} {request.Uri}"));
        Assert.All(host.Handler.Requests, request => Assert.Equal(string.Empty, request.Body));
        Assert.Equal(("WEB_TOKEN", "UNIONID", 1), (exchanged.Value!.AccessToken, exchanged.Value.UnionId, exchanged.Value.IsSnapshotUser));
        Assert.Equal("WEB_TOKEN2", refreshed.Value!.AccessToken);
        Assert.Equal(("小明", 1), (profile.Value!.Nickname, profile.Value.Sex));
        Assert.Equal(40003, check.ErrorCode);
    }

    [Fact]
    public async Task Used_code_is_an_error_not_an_exception()
    {
        using var host = WeChatTestHost.Create();
        host.Handler.On("/sns/oauth2/access_token", """{"errcode":40163,"errmsg":"code been used, rid: 6206378a-793424c0-2e4f2b45"}""");

        var result = await host.OAuth.ExchangeCodeAsync(new ExchangeCodeRequest { Code = "CODE" }, TestContext.Current.CancellationToken);

        Assert.Equal(40163, result.ErrorCode);
        Assert.Single(host.Handler.Requests);
    }
}
