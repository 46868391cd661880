using Microsoft.Extensions.DependencyInjection;
using WxMall.Tests.Infrastructure;
using WxMall.WeChat.Pay;

namespace WxMall.Tests.Integrations;

/// <summary>In sandbox mode the store starts the emulator beside itself and its WeChat clients talk to it.</summary>
public sealed class SandboxTests(SandboxTests.SandboxApp app) : IClassFixture<SandboxTests.SandboxApp>
{
    public sealed class SandboxApp : WeChatSandboxFactory;

    [Fact]
    public async Task The_store_gets_an_access_token_from_the_emulator_it_hosts()
    {
        using var client = app.CreateClient();
        var tokens = app.Services.GetRequiredService<WxMall.WeChat.OfficialAccount.OfficialAccountClient>().Tokens;

        var token = await tokens.GetAccessTokenAsync();

        Assert.True(token.Succeeded, token.ToString());
        Assert.False(string.IsNullOrEmpty(token.Value!.Value));
    }

    [Fact]
    public async Task The_emulator_phone_page_is_served_on_its_own_port_in_Chinese()
    {
        using var client = app.CreateClient();
        using var browser = new HttpClient();

        var page = await browser.GetStringAsync(app.EmulatorUrl);

        Assert.Contains("微信", page, StringComparison.Ordinal);
    }

    [Fact]
    public void Payments_notify_the_store_and_trust_the_emulator_keys()
    {
        using var client = app.CreateClient();
        var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<WeChatPayOptions>>().Value;

        Assert.Equal("/wechat/pay/notify", options.NotifyUrl!.AbsolutePath);
        Assert.StartsWith("PUB_KEY_ID_", options.PublicKeyId, StringComparison.Ordinal);
        Assert.Equal(app.EmulatorUrl, options.BaseAddress);
    }
}
