using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using WxMall.WeChat.Pay.Crypto;

namespace WxMall.WeChat.Tests.Pay.Support;

/// <summary>
/// A generated stand-in for WeChat Pay's side: an RSA-2048 key with either a self-signed platform certificate
/// or a public key id, able to sign responses and callbacks the way WeChat Pay does.
/// </summary>
internal sealed class TestPlatform
{
    public const string PublicKeyId = "PUB_KEY_ID_0000000000000024101100397200000006";

    private static readonly Lazy<TestPlatform> SharedCertificate = new(() => WithCertificate("5157F09EFDC096DE15EBE81A47057A7232F1B8E1"));
    private static readonly Lazy<TestPlatform> SharedPublicKey = new(() => WithPublicKey(PublicKeyId));

    private TestPlatform(RSA privateKey, string serial, string? certificatePem, PayPlatformKey key)
    {
        PrivateKey = privateKey;
        Serial = serial;
        CertificatePem = certificatePem;
        Key = key;
    }

    /// <summary>One certificate-mode platform shared by the tests (RSA generation is slow).</summary>
    public static TestPlatform Certificate => SharedCertificate.Value;

    /// <summary>One public-key-mode platform shared by the tests.</summary>
    public static TestPlatform PublicKey => SharedPublicKey.Value;

    public RSA PrivateKey { get; }

    public string Serial { get; }

    public string? CertificatePem { get; }

    public PayPlatformKey Key { get; }

    public string PublicKeyPem => PrivateKey.ExportSubjectPublicKeyInfoPem();

    public static TestPlatform WithCertificate(string serialHex, DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null)
    {
        var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Tenpay.com Root CA, O=WxMall Test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var serialBytes = Convert.FromHexString(serialHex);
        using var certificate = request.Create(
            request.SubjectName,
            X509SignatureGenerator.CreateForRSA(rsa, RSASignaturePadding.Pkcs1),
            notBefore ?? new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero),
            notAfter ?? new DateTimeOffset(2035, 1, 1, 0, 0, 0, TimeSpan.Zero),
            serialBytes);
        var pem = certificate.ExportCertificatePem();
        return new TestPlatform(rsa, serialHex, pem, PayPlatformKey.FromCertificatePem(pem));
    }

    public static TestPlatform WithPublicKey(string publicKeyId)
    {
        var rsa = RSA.Create(2048);
        return new TestPlatform(rsa, publicKeyId, null, PayPlatformKey.FromPublicKeyPem(publicKeyId, rsa.ExportSubjectPublicKeyInfoPem()));
    }

    public string Sign(long timestamp, string nonce, byte[] body)
    {
        var head = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{timestamp}\n{nonce}\n"));
        var message = head.Concat(body).Append((byte)'\n').ToArray();
        return Convert.ToBase64String(PrivateKey.SignData(message, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    public PaySignatureHeaders SignHeaders(long timestamp, string nonce, byte[] body) =>
        new(timestamp.ToString(CultureInfo.InvariantCulture), nonce, Sign(timestamp, nonce, body), Serial);

    public string DecryptSensitiveField(string ciphertextBase64) =>
        Encoding.UTF8.GetString(PrivateKey.Decrypt(Convert.FromBase64String(ciphertextBase64), RSAEncryptionPadding.OaepSHA1));
}
