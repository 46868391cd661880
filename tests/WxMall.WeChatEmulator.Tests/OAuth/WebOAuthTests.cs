using WxMall.WeChat.OAuth;
using WxMall.WeChatEmulator.Tests.Support;

namespace WxMall.WeChatEmulator.Tests.OAuth;

public sealed class WebOAuthTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private async Task<string> AuthorizeAsync(string userId, WebOAuthScope scope)
    {
        var url = fixture.OAuth.BuildAuthorizeUrl("http://localhost:5000/oauth/callback?from=menu", scope, "xyz123") + "&emulator_user=" + userId;
        url = url.Replace("#wechat_redirect&", "&", StringComparison.Ordinal) + "#wechat_redirect";
        using var response = await fixture.Http.GetAsync(new Uri(url[..url.IndexOf('#', StringComparison.Ordinal)]));
        if (scope == WebOAuthScope.UserInfo)
        {
            var consent = await response.Content.ReadAsStringAsync();
            Assert.Contains("允许", consent, StringComparison.Ordinal);
            var allow = System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(consent, "id=\"allow\" href=\"([^\"]+)\"").Groups[1].Value);
            using var allowed = await fixture.Http.GetAsync(new Uri(fixture.Emulator.BaseAddress, allow));
            return CodeFrom(allowed);
        }

        return CodeFrom(response);
    }

    private static string CodeFrom(HttpResponseMessage response)
    {
        Assert.Equal(302, (int)response.StatusCode);
        var location = response.Headers.Location!.ToString();
        Assert.StartsWith("http://localhost:5000/oauth/callback?from=menu&code=", location, StringComparison.Ordinal);
        Assert.EndsWith("&state=xyz123", location, StringComparison.Ordinal);
        return location.Split("code=")[1].Split('&')[0];
    }

    [Fact]
    public async Task Silent_base_scope_gives_an_openid_and_a_reused_code_gets_40163()
    {
        var user = fixture.NewUser(follow: false);
        var code = await AuthorizeAsync(user.UserId, WebOAuthScope.Base);
        var exchanged = await fixture.OAuth.ExchangeCodeAsync(new ExchangeCodeRequest { Code = code });
        Assert.True(exchanged.Succeeded, exchanged.ToString());
        Assert.Equal(user.OfficialAccountOpenId, exchanged.Value.OpenId);
        Assert.Equal("snsapi_base", exchanged.Value.Scope);
        Assert.Null(exchanged.Value.UnionId);

        Assert.Equal(40163, (await fixture.OAuth.ExchangeCodeAsync(new ExchangeCodeRequest { Code = code })).ErrorCode);
        Assert.Equal(40029, (await fixture.OAuth.ExchangeCodeAsync(new ExchangeCodeRequest { Code = "forged" })).ErrorCode);
        var userInfo = await fixture.OAuth.GetWebUserInfoAsync(new GetWebUserInfoRequest { WebAccessToken = exchanged.Value.AccessToken, OpenId = user.OfficialAccountOpenId });
        Assert.Equal(48001, userInfo.ErrorCode);
    }

    [Fact]
    public async Task Userinfo_scope_asks_for_consent_then_gives_profile_unionid_refresh_and_auth()
    {
        var user = fixture.NewUser(follow: false);
        var code = await AuthorizeAsync(user.UserId, WebOAuthScope.UserInfo);
        var exchanged = await fixture.OAuth.ExchangeCodeAsync(new ExchangeCodeRequest { Code = code });
        Assert.True(exchanged.Succeeded, exchanged.ToString());
        Assert.Equal(user.UnionId, exchanged.Value.UnionId);

        var profile = await fixture.OAuth.GetWebUserInfoAsync(new GetWebUserInfoRequest { WebAccessToken = exchanged.Value.AccessToken, OpenId = user.OfficialAccountOpenId });
        Assert.True(profile.Succeeded, profile.ToString());
        Assert.Equal("测试用户", profile.Value.Nickname);

        var refreshed = await fixture.OAuth.RefreshWebAccessTokenAsync(new RefreshWebAccessTokenRequest { RefreshToken = exchanged.Value.RefreshToken });
        Assert.True(refreshed.Succeeded, refreshed.ToString());
        Assert.True((await fixture.OAuth.CheckWebAccessTokenAsync(new CheckWebAccessTokenRequest { WebAccessToken = refreshed.Value.AccessToken, OpenId = user.OfficialAccountOpenId })).Succeeded);
        Assert.Equal(40003, (await fixture.OAuth.CheckWebAccessTokenAsync(new CheckWebAccessTokenRequest { WebAccessToken = refreshed.Value.AccessToken, OpenId = "oOther" })).ErrorCode);
        Assert.Equal(40030, (await fixture.OAuth.RefreshWebAccessTokenAsync(new RefreshWebAccessTokenRequest { RefreshToken = "nope" })).ErrorCode);
    }

    [Fact]
    public async Task Authorize_page_errors_are_wechat_codes()
    {
        using var noRedirect = await fixture.Http.GetAsync($"connect/oauth2/authorize?appid={fixture.Options.OfficialAccount.AppId}&response_type=code&scope=snsapi_base");
        Assert.Contains("10011", await noRedirect.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var badScope = await fixture.Http.GetAsync($"connect/oauth2/authorize?appid={fixture.Options.OfficialAccount.AppId}&redirect_uri=http%3A%2F%2Fa%2F&response_type=code&scope=snsapi_login");
        Assert.Contains("10005", await badScope.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
