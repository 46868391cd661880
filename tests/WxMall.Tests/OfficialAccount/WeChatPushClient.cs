using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using WxMall.WeChat.Crypto;
using WxMall.WeChat.Messages;

namespace WxMall.Tests.OfficialAccount;

/// <summary>
/// Posts to the store's message endpoint the way WeChat does, with the emulator's Token and EncodingAESKey and the real
/// protocol crypto: plaintext or safe mode, valid or deliberately broken signatures.
/// </summary>
public sealed class WeChatPushClient(HttpClient store)
{
    public const string Token = "wxmallemulatortoken";
    public const string AppId = "wx5e1a7c0f2b9d4e68";
    public const string EncodingAesKey = "WxMallEmulatorEncodingAesKey0123456789abcde";
    public const string OriginalId = "gh_0e1a2b3c4d5f";

    private readonly MessageCryptor cryptor = MessageCryptor.Create(Token, AppId, EncodingAesKey);

    public static string TextXml(string openId, string content, long messageId, DateTimeOffset? at = null) =>
        $"<xml><ToUserName><![CDATA[{OriginalId}]]></ToUserName><FromUserName><![CDATA[{openId}]]></FromUserName>" +
        $"<CreateTime>{(at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds()}</CreateTime><MsgType><![CDATA[text]]></MsgType>" +
        $"<Content><![CDATA[{content}]]></Content><MsgId>{messageId}</MsgId></xml>";

    public static string EventXml(string openId, string eventName, string? eventKey = null, DateTimeOffset? at = null) =>
        $"<xml><ToUserName><![CDATA[{OriginalId}]]></ToUserName><FromUserName><![CDATA[{openId}]]></FromUserName>" +
        $"<CreateTime>{(at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds()}</CreateTime><MsgType><![CDATA[event]]></MsgType>" +
        $"<Event><![CDATA[{eventName}]]></Event>" + (eventKey is null ? string.Empty : $"<EventKey><![CDATA[{eventKey}]]></EventKey>") + "</xml>";

    public static long NewMessageId() => RandomNumberGenerator.GetInt32(1, int.MaxValue) * 1000L;

    public static string NewOpenId() => "oTest" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    public Task<HttpResponseMessage> PostPlaintextAsync(string xml, DateTimeOffset? signedAt = null, string? token = null)
    {
        var (timestamp, nonce) = Stamp(signedAt);
        var signature = WeChatSignature.ComputeServerSignature(token ?? Token, timestamp, nonce);
        return PostAsync($"/wechat/message?signature={signature}&timestamp={timestamp}&nonce={nonce}", xml);
    }

    public Task<HttpResponseMessage> PostEncryptedAsync(string xml, bool breakMessageSignature = false)
    {
        var (timestamp, nonce) = Stamp(null);
        var sealedMessage = cryptor.Encrypt(xml, timestamp, nonce);
        var signature = WeChatSignature.ComputeServerSignature(Token, timestamp, nonce);
        var messageSignature = breakMessageSignature ? new string('0', 40) : sealedMessage.MessageSignature;
        var body = $"<xml><ToUserName><![CDATA[{OriginalId}]]></ToUserName><Encrypt><![CDATA[{sealedMessage.Encrypt}]]></Encrypt></xml>";
        return PostAsync($"/wechat/message?signature={signature}&timestamp={timestamp}&nonce={nonce}&encrypt_type=aes&msg_signature={messageSignature}", body);
    }

    /// <summary>Opens an encrypted passive reply (checking its MsgSignature) and returns the reply's fields.</summary>
    public IReadOnlyDictionary<string, string> OpenReply(string replyXml)
    {
        var envelope = SafeXmlReader.Read(replyXml);
        Assert.True(envelope.Succeeded, replyXml);
        var fields = envelope.Fields!;
        var opened = cryptor.Decrypt(fields["MsgSignature"], fields["TimeStamp"], fields["Nonce"], fields["Encrypt"]);
        Assert.True(opened.Succeeded, opened.Failure.ToString());
        return ReadPlain(opened.Plaintext!);
    }

    public static IReadOnlyDictionary<string, string> ReadPlain(string xml)
    {
        var read = SafeXmlReader.Read(xml);
        Assert.True(read.Succeeded, xml);
        return read.Fields!;
    }

    public async Task<HttpResponseMessage> PostAsync(string pathAndQuery, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "text/xml");
        return await store.PostAsync(pathAndQuery, content);
    }

    private static (string Timestamp, string Nonce) Stamp(DateTimeOffset? at) =>
        ((at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), RandomNumberGenerator.GetInt32(100_000_000, int.MaxValue).ToString(CultureInfo.InvariantCulture));
}
