using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WxMall.Tests.Infrastructure;
using WxMall.WeChat.OfficialAccount;

namespace WxMall.Tests.Identity;

/// <summary><c>GET /api/wechat/jssdk-config</c>: signed over the ticket, nonce, timestamp and the URL without its fragment; own origin only.</summary>
public sealed class JsSdkConfigTests(SandboxMallAppFactory app) : IClassFixture<SandboxMallAppFactory>
{
    [Fact]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5350:Do Not Use Weak Cryptographic Algorithms", Justification = "SHA-1 is what the JS-SDK signature is.")]
    public async Task A_single_page_URL_is_signed_without_its_fragment_and_the_emulators_JS_SDK_accepts_it()
    {
        using var client = app.CreateClient();
        const string page = "http://localhost/products/lenovo-legion?from=menu&q=游戏本";

        var withRoute = await client.GetFromJsonAsync<JsonElement>($"/api/wechat/jssdk-config?url={Uri.EscapeDataString(page + "#/detail/1?x=1")}");
        var otherRoute = await client.GetFromJsonAsync<JsonElement>($"/api/wechat/jssdk-config?url={Uri.EscapeDataString(page + "#/cart")}");

        Assert.Equal(page, withRoute.GetProperty("url").GetString());
        Assert.Equal(page, otherRoute.GetProperty("url").GetString());
        Assert.Equal("wx5e1a7c0f2b9d4e68", withRoute.GetProperty("appId").GetString());
        var ticket = await app.Services.GetRequiredService<OfficialAccountClient>().Tokens.GetJsApiTicketAsync();
        foreach (var config in new[] { withRoute, otherRoute })
        {
            var timestamp = config.GetProperty("timestamp").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);
            var nonce = config.GetProperty("nonceStr").GetString()!;
            var expected = Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes($"jsapi_ticket={ticket.Value!.Value}&noncestr={nonce}&timestamp={timestamp}&url={page}")));
            Assert.Equal(expected, config.GetProperty("signature").GetString());

            using var emulator = app.Emulator();
            var verdict = await (await emulator.PostAsJsonAsync("/emulator/jssdk/config", new
            {
                appId = config.GetProperty("appId").GetString(), timestamp, nonceStr = nonce, signature = config.GetProperty("signature").GetString(), url = page,
            })).Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("config:ok", verdict.GetProperty("errMsg").GetString());
        }
    }

    [Fact]
    public async Task The_jsapi_ticket_is_fetched_once_and_cached()
    {
        using var emulator = app.Emulator();
        Assert.True((await emulator.PutAsJsonAsync("/emulator/quotas/ticket", new { limit = 1 })).IsSuccessStatusCode);
        using var client = app.CreateClient();

        for (var i = 0; i < 3; i++)
        {
            // A second getticket call would exceed the quota of 1 and fail with 45009.
            var response = await client.GetAsync($"/api/wechat/jssdk-config?url={Uri.EscapeDataString($"http://localhost/page/{i}")}");
            Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        }
    }

    [Theory]
    [InlineData("https://evil.example.com/cart")]
    [InlineData("http://localhost.evil.example.com/cart")]
    [InlineData("http://localhost:8080/cart")]
    [InlineData("https://localhost/cart")]
    [InlineData("http://user@localhost/cart")]
    [InlineData("/cart")]
    [InlineData("")]
    public async Task Only_pages_of_our_own_store_are_signed(string url)
    {
        using var client = app.CreateClient();

        var response = await client.GetAsync($"/api/wechat/jssdk-config?url={Uri.EscapeDataString(url)}");

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("url", out _));
    }
}
