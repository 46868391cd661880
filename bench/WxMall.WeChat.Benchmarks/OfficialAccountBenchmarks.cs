using System.Security.Cryptography;
using System.Text;
using System.Xml;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using WxMall.WeChat.Crypto;
using WxMall.WeChat.Messages;

namespace WxMall.WeChat.Benchmarks;

/// <summary>
/// Official-account hot paths next to the bare .NET primitive each is built on (the ratio is our overhead):
/// safe-mode decrypt + msg_signature check + padding/appid checks vs one AES-256-CBC decrypt of the same bytes,
/// and the typed parse of a text message vs one XmlReader pass over the same bytes.
/// Run: dotnet run -c Release --project bench/WxMall.WeChat.Benchmarks -- --filter *OfficialAccountBenchmarks*
/// </summary>
[ShortRunJob]
[MemoryDiagnoser]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class OfficialAccountBenchmarks : IDisposable
{
    private const string Token = "QDG6eK";
    private const string AppId = "wx5823bf96d3bd56c7";
    private const string EncodingAesKeyText = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";
    private const string Timestamp = "1409659813";
    private const string Nonce = "1372623149";
    private const string TextMessage =
        "<xml><ToUserName><![CDATA[gh_7f083739789a]]></ToUserName><FromUserName><![CDATA[oia2TjuEGTNoeX76QEjQNrcURxG8]]></FromUserName>"
        + "<CreateTime>1348831860</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[RTX 5090 还有货吗？]]></Content><MsgId>1234567890123456</MsgId></xml>";

    private readonly Aes bareAes = Aes.Create();
    private MessageCryptor cryptor = null!;
    private string encrypt = string.Empty;
    private string messageSignature = string.Empty;
    private byte[] ciphertext = [];
    private byte[] initializationVector = [];
    private byte[] textMessageBytes = [];

    [GlobalSetup]
    public void Setup()
    {
        cryptor = MessageCryptor.Create(Token, AppId, EncodingAesKeyText);
        var sealedMessage = cryptor.Encrypt(TextMessage, Timestamp, Nonce);
        encrypt = sealedMessage.Encrypt;
        messageSignature = sealedMessage.MessageSignature;
        ciphertext = Convert.FromBase64String(encrypt);
        var key = EncodingAesKey.Parse(EncodingAesKeyText).ToArray();
        bareAes.Key = key;
        initializationVector = key[..16];
        textMessageBytes = Encoding.UTF8.GetBytes(TextMessage);
        if (cryptor.Decrypt(messageSignature, Timestamp, Nonce, encrypt).Plaintext != TextMessage || InboundMessageParser.Parse(textMessageBytes).Message is not WeChat.Messages.TextMessage)
        {
            throw new InvalidOperationException("The benchmark inputs do not round-trip.");
        }
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("SafeModeDecrypt")]
    public byte[] BareAesCbcDecrypt() => bareAes.DecryptCbc(ciphertext, initializationVector, PaddingMode.None);

    [Benchmark]
    [BenchmarkCategory("SafeModeDecrypt")]
    public string? SafeModeDecryptAndVerify() => cryptor.Decrypt(messageSignature, Timestamp, Nonce, encrypt).Plaintext;

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("XmlParse")]
    public int BareXmlReaderPass()
    {
        using var stream = new MemoryStream(textMessageBytes, writable: false);
        using var reader = XmlReader.Create(stream);
        var nodes = 0;
        while (reader.Read())
        {
            nodes++;
        }

        return nodes;
    }

    [Benchmark]
    [BenchmarkCategory("XmlParse")]
    public InboundMessage? ParseTypedTextMessage() => InboundMessageParser.Parse(textMessageBytes).Message;

    public void Dispose()
    {
        bareAes.Dispose();
        GC.SuppressFinalize(this);
    }
}
