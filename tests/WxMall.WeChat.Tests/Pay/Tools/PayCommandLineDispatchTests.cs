using WxMall.WeChat.Tests.Support;
using WxMall.WeChat.Tools;

namespace WxMall.WeChat.Tests.Pay.Tools;

public sealed class PayCommandLineDispatchTests
{
    [Fact]
    public async Task Wechat_command_line_routes_decrypt_resource_to_the_pay_commands()
    {
        const string vector = "v3_aead_aes_256_gcm_short";
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exitCode = await WeChatCommandLine.RunAsync(
            [
                "decrypt-resource",
                "--apiv3-key", PublishedVectors.Text(vector, "apiv3_key"),
                "--nonce", PublishedVectors.Text(vector, "nonce"),
                "--associated-data", PublishedVectors.Text(vector, "associated_data"),
                "--ciphertext", PublishedVectors.Text(vector, "ciphertext_b64"),
            ],
            stdout,
            stderr);

        Assert.Equal(0, exitCode);
        Assert.Equal("message", stdout.ToString().Trim());
    }
}
