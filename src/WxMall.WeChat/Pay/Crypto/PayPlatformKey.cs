using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace WxMall.WeChat.Pay.Crypto;

/// <summary>
/// One WeChat Pay verification key — a platform certificate or a WeChat Pay public key — parsed once,
/// named by the serial WeChat Pay puts in <c>Wechatpay-Serial</c>.
/// </summary>
public sealed class PayPlatformKey
{
    private readonly RSA publicKey;

    private PayPlatformKey(string serial, PayPlatformKeyKind kind, RSA publicKey, DateTimeOffset? notBefore, DateTimeOffset? notAfter)
    {
        Serial = serial;
        Kind = kind;
        this.publicKey = publicKey;
        NotBefore = notBefore;
        NotAfter = notAfter;
    }

    /// <summary>The platform certificate serial (hex) or the public key id (<c>PUB_KEY_ID_…</c>).</summary>
    public string Serial { get; }

    /// <summary>Certificate or public key.</summary>
    public PayPlatformKeyKind Kind { get; }

    /// <summary>Start of the certificate's validity; null for a public key.</summary>
    public DateTimeOffset? NotBefore { get; }

    /// <summary>End of the certificate's validity; null for a public key (it does not expire).</summary>
    public DateTimeOffset? NotAfter { get; }

    /// <summary>Reads a platform certificate; its serial comes from the certificate itself.</summary>
    public static PayPlatformKey FromCertificate(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var rsa = certificate.GetRSAPublicKey()
            ?? throw new ArgumentException("The platform certificate does not hold an RSA key.", nameof(certificate));
        return new PayPlatformKey(
            PaySerialNumber.Normalize(certificate.SerialNumber),
            PayPlatformKeyKind.PlatformCertificate,
            rsa,
            new DateTimeOffset(certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero),
            new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero));
    }

    /// <summary>Reads a platform certificate from PEM.</summary>
    public static PayPlatformKey FromCertificatePem(string certificatePem)
    {
        using var certificate = PayKeyParsing.ImportCertificate(certificatePem);
        return FromCertificate(certificate);
    }

    /// <summary>Reads a WeChat Pay public key (PEM or bare Base64 SubjectPublicKeyInfo) and its id.</summary>
    public static PayPlatformKey FromPublicKeyPem(string publicKeyId, string publicKeyPem)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(publicKeyId);
        return new PayPlatformKey(
            publicKeyId.Trim(),
            PayPlatformKeyKind.PublicKey,
            PayKeyParsing.ImportPublicKey(publicKeyPem),
            null,
            null);
    }

    /// <summary>True when the key may be used at that instant (always for a public key).</summary>
    public bool IsValidAt(DateTimeOffset instant) =>
        (NotBefore is null || instant >= NotBefore) && (NotAfter is null || instant <= NotAfter);

    /// <summary>SHA256withRSA (PKCS#1 v1.5) verification of raw signature bytes.</summary>
    public bool VerifySignature(ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature) =>
        publicKey.VerifyData(message, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

    /// <summary>
    /// Encrypts a sensitive request field (name, phone, ID number) with RSA-OAEP/SHA-1, as WeChat Pay requires.
    /// Send <see cref="Serial"/> in the <c>Wechatpay-Serial</c> request header along with it.
    /// </summary>
    /// <remarks>https://pay.weixin.qq.com/wiki/doc/apiv3/wechatpay/wechatpay4_3.shtml</remarks>
    public string EncryptSensitiveField(string plaintext)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        return Convert.ToBase64String(publicKey.Encrypt(Encoding.UTF8.GetBytes(plaintext), RSAEncryptionPadding.OaepSHA1));
    }
}
