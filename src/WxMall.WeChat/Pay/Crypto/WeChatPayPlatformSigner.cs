using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace WxMall.WeChat.Pay.Crypto;

/// <summary>
/// WeChat Pay's side of response and callback signing — for the offline emulator and tests: signs
/// <c>TIMESTAMP\nNONCE\nBODY\n</c> with a platform private key and names it by its serial or <c>PUB_KEY_ID_…</c>.
/// </summary>
public sealed class WeChatPayPlatformSigner : IDisposable
{
    private readonly RSA privateKey;

    private WeChatPayPlatformSigner(string serial, RSA privateKey)
    {
        Serial = serial;
        this.privateKey = privateKey;
    }

    /// <summary>The value sent in <c>Wechatpay-Serial</c>.</summary>
    public string Serial { get; }

    /// <summary>Parses the platform private key once.</summary>
    public static WeChatPayPlatformSigner FromPem(string serial, string privateKeyPem)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(serial);
        return new WeChatPayPlatformSigner(serial, PayKeyParsing.ImportPrivateKey(privateKeyPem));
    }

    /// <summary>The four signature headers for a body sent at <paramref name="timestamp"/>.</summary>
    public PaySignatureHeaders Sign(long timestamp, string nonce, ReadOnlySpan<byte> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(nonce);
        var timestampText = timestamp.ToString(CultureInfo.InvariantCulture);
        var head = Encoding.UTF8.GetBytes($"{timestampText}\n{nonce}\n");
        var message = new byte[head.Length + body.Length + 1];
        head.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(head.Length));
        message[^1] = (byte)'\n';
        var signature = privateKey.SignData(message, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return new PaySignatureHeaders(timestampText, nonce, Convert.ToBase64String(signature), Serial);
    }

    /// <summary>A deliberately wrong signature, as WeChat Pay sends to check that merchants verify.</summary>
    public PaySignatureHeaders SignProbe(long timestamp, string nonce, ReadOnlySpan<byte> body)
    {
        var genuine = Sign(timestamp, nonce, body);
        return genuine with { Signature = WeChatPaySignatureVerifier.ProbeSignaturePrefix + genuine.Signature };
    }

    /// <inheritdoc />
    public void Dispose() => privateKey.Dispose();
}
