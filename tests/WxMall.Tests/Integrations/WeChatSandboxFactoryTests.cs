using System.Net.Http.Json;
using System.Text.Json;
using WxMall.Tests.Infrastructure;

namespace WxMall.Tests.Integrations;

public sealed class WeChatSandboxFactoryTests(WeChatSandboxFactory app) : IClassFixture<WeChatSandboxFactory>
{
    [Fact]
    public async Task The_store_listens_on_a_real_port_that_the_emulator_knows()
    {
        using var emulator = app.EmulatorClient();
        using var browser = new HttpClient { BaseAddress = app.StoreUrl };

        var health = await browser.GetAsync("/health");
        var accounts = await emulator.GetFromJsonAsync<JsonElement>("/emulator/accounts");

        Assert.True(health.IsSuccessStatusCode, health.ToString());
        Assert.Contains($"127.0.0.1:{app.StorePort}/wechat/message", accounts.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateClient_talks_to_the_same_real_server()
    {
        using var client = app.CreateClient();

        var health = await client.GetAsync("/health");

        Assert.Equal(app.StoreUrl.Port, client.BaseAddress!.Port);
        Assert.True(health.IsSuccessStatusCode);
    }
}
