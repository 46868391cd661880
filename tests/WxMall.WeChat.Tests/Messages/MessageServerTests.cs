using System.Text;
using Microsoft.Extensions.Time.Testing;
using WxMall.WeChat.Crypto;
using WxMall.WeChat.Messages;
using WxMall.WeChat.Tests.Support;

namespace WxMall.WeChat.Tests.Messages;

public sealed class MessageServerTests
{
    private const string Vector = "msgcrypt_tencent_sample_decrypt";

    private static readonly FakeTimeProvider Clock = new(DateTimeOffset.FromUnixTimeSeconds(1409659813));

    private static MessageServer SafeModeServer(MessageCryptor? cryptor = null) =>
        new(PublishedVectors.Text(Vector, "token"),
            cryptor ?? MessageCryptor.Create(PublishedVectors.Text(Vector, "token"), PublishedVectors.Text(Vector, "appid"), PublishedVectors.Text(Vector, "encoding_aes_key")),
            Clock);

    private static MessageServerQuery SignedQuery(string timestamp = "1409659813", string nonce = "1372623149") => new()
    {
        Signature = WeChatSignature.ComputeServerSignature(PublishedVectors.Text(Vector, "token"), timestamp, nonce),
        Timestamp = timestamp,
        Nonce = nonce,
    };

    private static byte[] Envelope(string encrypt) =>
        Encoding.UTF8.GetBytes($"<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName><Encrypt><![CDATA[{encrypt}]]></Encrypt></xml>");

    [Fact]
    public void Url_verification_echoes_echostr_when_signed()
    {
        var server = new MessageServer("AAAAA", null, new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1714036504)));

        var result = server.VerifyUrl(new MessageServerQuery { Signature = "f464b24fc39322e44b38aa78f5edd27bd1441696", Timestamp = "1714036504", Nonce = "1514711492", Echo = "4375120948345356249" });

        Assert.True(result.Succeeded);
        Assert.Equal("4375120948345356249", result.Echo);
    }

    [Fact]
    public void Url_verification_rejects_a_wrong_signature_and_a_skewed_clock()
    {
        var server = new MessageServer("AAAAA", null, new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1714036504 + 301)));
        var query = new MessageServerQuery { Signature = "f464b24fc39322e44b38aa78f5edd27bd1441696", Timestamp = "1714036504", Nonce = "1514711492", Echo = "1" };

        Assert.Equal(PushFailure.TimestampOutsideWindow, server.VerifyUrl(query).Failure);
        Assert.Equal(PushFailure.SignatureMismatch, server.VerifyUrl(query with { Nonce = "1514711493" }).Failure);
        Assert.Equal(PushFailure.MissingQueryValue, server.VerifyUrl(query with { Signature = null }).Failure);
    }

    [Fact]
    public void Safe_mode_push_is_authenticated_decrypted_and_typed()
    {
        var query = SignedQuery() with { EncryptType = "aes", MessageSignature = PublishedVectors.Text(Vector, "msg_signature") };

        var result = SafeModeServer().ReadPush(query, Envelope(PublishedVectors.Text(Vector, "encrypt")));

        Assert.True(result.Succeeded, result.Failure.ToString());
        Assert.True(result.Encrypted);
        Assert.Equal("hello", Assert.IsType<TextMessage>(result.Message).Content);
    }

    [Fact]
    public void Safe_mode_reply_is_sealed_with_the_key_that_opened_the_push()
    {
        var server = SafeModeServer();
        var query = SignedQuery() with { EncryptType = "aes", MessageSignature = PublishedVectors.Text(Vector, "msg_signature") };
        var push = server.ReadPush(query, Envelope(PublishedVectors.Text(Vector, "encrypt")));

        var sealedReply = server.SealReply(push, PassiveReply.Text(push.Message!, Clock.GetUtcNow(), "你好"));
        var envelope = SafeXmlReader.Read(sealedReply).Fields!;
        var cryptor = MessageCryptor.Create(PublishedVectors.Text(Vector, "token"), PublishedVectors.Text(Vector, "appid"), PublishedVectors.Text(Vector, "encoding_aes_key"));
        var opened = cryptor.Decrypt(envelope["MsgSignature"], envelope["TimeStamp"], envelope["Nonce"], envelope["Encrypt"]);

        Assert.Equal(["Encrypt", "MsgSignature", "TimeStamp", "Nonce"], envelope.Keys);
        Assert.Equal("1409659813", envelope["TimeStamp"]);
        Assert.Equal("你好", SafeXmlReader.Read(opened.Plaintext).Fields!["Content"]);
        Assert.Equal("success", server.SealReply(push, PassiveReply.Success));
    }

    [Fact]
    public void Safe_mode_rejections_carry_the_crypto_reason()
    {
        var query = SignedQuery() with { EncryptType = "aes", MessageSignature = PublishedVectors.Text(Vector, "msg_signature") };
        var otherAccount = MessageCryptor.Create(PublishedVectors.Text(Vector, "token"), "wx0000000000000000", PublishedVectors.Text(Vector, "encoding_aes_key"));

        var wrongAppId = SafeModeServer(otherAccount).ReadPush(query, Envelope(PublishedVectors.Text(Vector, "encrypt")));
        var wrongSignature = SafeModeServer().ReadPush(query with { MessageSignature = new string('0', 40) }, Envelope(PublishedVectors.Text(Vector, "encrypt")));
        var notConfigured = new MessageServer(PublishedVectors.Text(Vector, "token"), null, Clock).ReadPush(query, Envelope("x"));

        Assert.Equal((PushFailure.DecryptionFailed, MessageCryptoFailure.AppIdMismatch), (wrongAppId.Failure, wrongAppId.CryptoFailure));
        Assert.Equal((PushFailure.DecryptionFailed, MessageCryptoFailure.SignatureMismatch), (wrongSignature.Failure, wrongSignature.CryptoFailure));
        Assert.Equal(PushFailure.SafeModeNotConfigured, notConfigured.Failure);
    }

    [Fact]
    public void Plaintext_push_is_read_and_its_reply_left_as_is()
    {
        var server = SafeModeServer();
        var body = Encoding.UTF8.GetBytes("<xml><ToUserName>gh</ToUserName><FromUserName>o</FromUserName><CreateTime>1409659813</CreateTime><MsgType>event</MsgType><Event>CLICK</Event><EventKey>K</EventKey></xml>");

        var push = server.ReadPush(SignedQuery(), body);

        Assert.False(push.Encrypted);
        Assert.Equal("K", Assert.IsType<MenuClickEvent>(push.Message).ButtonKey);
        Assert.Equal("<xml/>", server.SealReply(push, "<xml/>"));
    }

    [Fact]
    public void Replayed_push_outside_the_clock_window_is_rejected()
    {
        var result = SafeModeServer().ReadPush(SignedQuery(timestamp: "1409659000"), "<xml/>"u8.ToArray());

        Assert.Equal(PushFailure.TimestampOutsideWindow, result.Failure);
    }
}
