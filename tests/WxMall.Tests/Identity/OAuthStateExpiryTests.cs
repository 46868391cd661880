using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WxMall.Tests.Infrastructure;

namespace WxMall.Tests.Identity;

/// <summary>The OAuth round trip expires after 10 minutes of store time (the store's clock is a fake one here).</summary>
public sealed class OAuthStateExpiryTests(OAuthStateExpiryTests.ClockedSandbox app) : IClassFixture<OAuthStateExpiryTests.ClockedSandbox>
{
    public sealed class ClockedSandbox : SandboxMallAppFactory
    {
        public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
        }
    }

    [Fact]
    public async Task An_expired_state_is_refused_and_nothing_is_written()
    {
        var user = await app.CreateWeChatUserAsync();
        using var browser = app.NewWeChatBrowser();
        var callback = await browser.AuthorizeAsync(await browser.StartAsync("userinfo"), user);

        app.Clock.Advance(TimeSpan.FromMinutes(11));
        var response = await browser.Client.GetAsync(callback);

        await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.False(await app.QueryAsync(db => db.WeChatIdentities.AnyAsync(i => i.OpenId == user.OfficialAccountOpenId)));
    }

    [Fact]
    public async Task A_state_within_its_lifetime_is_accepted()
    {
        var user = await app.CreateWeChatUserAsync();
        using var browser = app.NewWeChatBrowser();
        var callback = await browser.AuthorizeAsync(await browser.StartAsync("base"), user);

        app.Clock.Advance(TimeSpan.FromMinutes(4));
        var response = await browser.Client.GetAsync(callback);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.True(await app.QueryAsync(db => db.WeChatIdentities.AnyAsync(i => i.OpenId == user.OfficialAccountOpenId)));
    }
}
