using System.Net;
using System.Web;
using Microsoft.EntityFrameworkCore;
using WxMall.Tests.Infrastructure;

namespace WxMall.Tests.Identity;

/// <summary>Forged, replayed or foreign <c>state</c>, reused or unknown codes, open redirects: refused, nothing written.</summary>
public sealed class OAuthStateTests(SandboxMallAppFactory app) : IClassFixture<SandboxMallAppFactory>
{
    [Fact]
    public async Task A_forged_state_is_refused_before_the_code_is_spent()
    {
        var user = await app.CreateWeChatUserAsync();
        using var browser = app.NewWeChatBrowser();
        var callback = await browser.AuthorizeAsync(await browser.StartAsync("userinfo"), user);
        var forged = ReplaceState(callback, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");

        var response = await browser.Client.GetAsync(forged);

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("state", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await AssertNothingWrittenAsync(user);
        Assert.Equal("guest", (await browser.MeAsync()).GetProperty("kind").GetString());
    }

    [Fact]
    public async Task A_replayed_callback_is_refused()
    {
        var user = await app.CreateWeChatUserAsync();
        using var browser = app.NewWeChatBrowser();
        var callback = await browser.AuthorizeAsync(await browser.StartAsync("base"), user);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.Client.GetAsync(callback)).StatusCode);
        var seen = await app.QueryAsync(db => db.WeChatIdentities.SingleAsync(i => i.OpenId == user.OfficialAccountOpenId));

        var replay = await browser.Client.GetAsync(callback);

        await replay.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(seen.LastSeenAt, (await app.QueryAsync(db => db.WeChatIdentities.SingleAsync(i => i.OpenId == user.OfficialAccountOpenId))).LastSeenAt);
    }

    [Fact]
    public async Task A_state_started_in_another_browser_is_refused()
    {
        var user = await app.CreateWeChatUserAsync();
        using var victim = app.NewWeChatBrowser();
        using var attacker = app.NewWeChatBrowser();
        var callback = await attacker.AuthorizeAsync(await attacker.StartAsync("userinfo"), user);
        await victim.StartAsync("userinfo"); // the victim has a round trip of its own, with another state

        var response = await victim.Client.GetAsync(callback);

        await response.ProblemAsync(HttpStatusCode.BadRequest);
        await AssertNothingWrittenAsync(user);
    }

    [Fact]
    public async Task A_reused_code_is_refused_with_40163_and_an_unknown_code_with_40029()
    {
        var user = await app.CreateWeChatUserAsync();
        using var browser = app.NewWeChatBrowser();
        var first = await browser.AuthorizeAsync(await browser.StartAsync("base"), user);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.Client.GetAsync(first)).StatusCode);
        var seen = await app.QueryAsync(db => db.WeChatIdentities.SingleAsync(i => i.OpenId == user.OfficialAccountOpenId));
        var usedCode = HttpUtility.ParseQueryString(new Uri(new Uri("http://localhost"), first).Query)["code"]!;

        var stateAgain = HttpUtility.ParseQueryString((await browser.StartAsync("base")).Query)["state"]!;
        var reused = await browser.Client.GetAsync($"/api/wechat/oauth/callback?code={usedCode}&state={stateAgain}");
        var stateOnceMore = HttpUtility.ParseQueryString((await browser.StartAsync("base")).Query)["state"]!;
        var unknown = await browser.Client.GetAsync($"/api/wechat/oauth/callback?code=unknowncode&state={stateOnceMore}");

        Assert.Contains("40163", (await reused.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("40029", (await unknown.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(seen.LastSeenAt, (await app.QueryAsync(db => db.WeChatIdentities.SingleAsync(i => i.OpenId == user.OfficialAccountOpenId))).LastSeenAt);
    }

    [Theory]
    [InlineData("//evil.example.com/")]
    [InlineData("/\\evil.example.com/")]
    [InlineData("https://evil.example.com/")]
    [InlineData("javascript:alert(1)")]
    [InlineData("cart")]
    public async Task Only_local_return_paths_are_accepted(string returnUrl)
    {
        using var browser = app.NewWeChatBrowser();

        var response = await browser.Client.GetAsync($"/api/wechat/oauth/start?scope=base&returnUrl={Uri.EscapeDataString(returnUrl)}");

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("returnUrl", out _));
    }

    [Fact]
    public async Task A_callback_without_any_round_trip_is_refused()
    {
        using var browser = app.NewWeChatBrowser();

        var response = await browser.Client.GetAsync("/api/wechat/oauth/callback?code=abc&state=abc");

        await response.ProblemAsync(HttpStatusCode.BadRequest);
    }

    private async Task AssertNothingWrittenAsync(EmulatedWeChatUser user)
    {
        Assert.False(await app.QueryAsync(db => db.WeChatIdentities.AnyAsync(i => i.OpenId == user.OfficialAccountOpenId)));
        Assert.False(await app.QueryAsync(db => db.Members.AnyAsync(m => m.Nickname == user.Nickname)));
    }

    private static string ReplaceState(string pathAndQuery, string state)
    {
        var uri = new Uri(new Uri("http://localhost"), pathAndQuery);
        var query = HttpUtility.ParseQueryString(uri.Query);
        query["state"] = state;
        return uri.AbsolutePath + "?" + query;
    }
}
