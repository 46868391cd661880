using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WxMall.WeChat.Crypto;
using WxMall.WeChat.Messages;
using WxMall.WeChat.Tests.Support;

namespace WxMall.WeChat.Tests.Messages;

public sealed class MessageServerRegistrationTests
{
    [Fact]
    public void Registered_message_server_uses_the_configured_token_keys_and_clock()
    {
        using var host = WeChatTestHost.Create(options =>
        {
            options.AppId = "wx5823bf96d3bd56c7";
            options.MessageToken = "QDG6eK";
            options.EncodingAesKey = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFG";
            options.PreviousEncodingAesKey = PublishedVectors.Text("msgcrypt_tencent_sample_decrypt", "encoding_aes_key");
        }, clockOverride: new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1409659813 + 60)));
        var server = host.Services.GetRequiredService<MessageServer>();
        var query = new MessageServerQuery
        {
            Signature = WeChatSignature.ComputeServerSignature("QDG6eK", "1409659813", "1372623149"),
            Timestamp = "1409659813",
            Nonce = "1372623149",
            EncryptType = "aes",
            MessageSignature = PublishedVectors.Text("msgcrypt_tencent_sample_decrypt", "msg_signature"),
        };
        var body = Encoding.UTF8.GetBytes($"<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName><Encrypt><![CDATA[{PublishedVectors.Text("msgcrypt_tencent_sample_decrypt", "encrypt")}]]></Encrypt></xml>");

        var push = server.ReadPush(query, body);

        Assert.True(push.Succeeded, push.Failure.ToString());
        Assert.Equal(MessageKeyGeneration.Previous, push.KeyGeneration);
        Assert.Equal("hello", Assert.IsType<TextMessage>(push.Message).Content);
    }

    [Fact]
    public void Message_server_without_a_token_fails_with_a_fix_it_message()
    {
        using var host = WeChatTestHost.Create(options => options.MessageToken = string.Empty);

        var exception = Assert.Throws<InvalidOperationException>(() => host.Services.GetRequiredService<MessageServer>());

        Assert.Contains("MessageToken", exception.Message, StringComparison.Ordinal);
    }
}
