using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using WxMall.WeChat.Pay.Crypto;

namespace WxMall.WeChatEmulator.Accounts;

/// <summary>
/// The emulator's own WeChat Pay keys (public-key mode and platform certificate) and the merchant's key.
/// Generated on first run and kept under the data folder, so a store configured once keeps working.
/// </summary>
public sealed class EmulatorKeys : IDisposable
{
    private EmulatorKeys(
        string publicKeyId,
        string publicKeyPem,
        WeChatPayPlatformSigner publicKeySigner,
        string platformCertificatePem,
        WeChatPayPlatformSigner certificateSigner,
        DateTimeOffset certificateNotBefore,
        DateTimeOffset certificateNotAfter,
        PayPlatformKey merchantVerificationKey,
        string merchantPublicKeyPem,
        string? merchantPrivateKeyPem)
    {
        PublicKeyId = publicKeyId;
        PublicKeyPem = publicKeyPem;
        PublicKeySigner = publicKeySigner;
        PlatformCertificatePem = platformCertificatePem;
        CertificateSigner = certificateSigner;
        CertificateNotBefore = certificateNotBefore;
        CertificateNotAfter = certificateNotAfter;
        MerchantVerificationKey = merchantVerificationKey;
        MerchantPublicKeyPem = merchantPublicKeyPem;
        MerchantPrivateKeyPem = merchantPrivateKeyPem;
    }

    /// <summary>The <c>PUB_KEY_ID_…</c> of the WeChat Pay public key.</summary>
    public string PublicKeyId { get; }

    /// <summary>The WeChat Pay public key the store verifies with (pub_key.pem).</summary>
    public string PublicKeyPem { get; }

    internal WeChatPayPlatformSigner PublicKeySigner { get; }

    /// <summary>The platform certificate (certificate mode), PEM.</summary>
    public string PlatformCertificatePem { get; }

    /// <summary>Hex serial of the platform certificate.</summary>
    public string PlatformCertificateSerial => CertificateSigner.Serial;

    internal WeChatPayPlatformSigner CertificateSigner { get; }

    internal DateTimeOffset CertificateNotBefore { get; }

    internal DateTimeOffset CertificateNotAfter { get; }

    internal PayPlatformKey MerchantVerificationKey { get; }

    public string MerchantPublicKeyPem { get; }

    /// <summary>The generated merchant private key (apiclient_key.pem) when no merchant public key was configured.</summary>
    public string? MerchantPrivateKeyPem { get; }

    internal static EmulatorKeys LoadOrCreate(EmulatorOptions options, TimeProvider timeProvider)
    {
        var folder = Path.Combine(options.DataDirectory, "keys");
        var store = options.Persist ? new PemFolder(folder) : null;

        var publicKeyPrivatePem = store?.Read("wechatpay_public_key_private.pem") ?? NewRsaPrivateKeyPem();
        using var publicKeyRsa = ImportPrivate(publicKeyPrivatePem);
        var publicKeyPem = publicKeyRsa.ExportSubjectPublicKeyInfoPem();

        var certificateKeyPem = store?.Read("platform_key.pem") ?? NewRsaPrivateKeyPem();
        var certificatePem = store?.Read("platform_cert.pem") ?? NewCertificatePem(certificateKeyPem, timeProvider.GetUtcNow());
        using var certificate = X509Certificate2.CreateFromPem(certificatePem);
        var certificateSerial = PaySerialNumber.Normalize(certificate.SerialNumber);

        var configuredMerchantKey = options.Merchant.MerchantPublicKeyPem;
        string? merchantPrivatePem = null;
        string merchantPublicPem;
        if (string.IsNullOrWhiteSpace(configuredMerchantKey))
        {
            merchantPrivatePem = (options.Persist ? new PemFolder(Path.Combine(options.DataDirectory, "merchant")).Read("apiclient_key.pem") : null)
                ?? NewRsaPrivateKeyPem();
            using var merchantRsa = ImportPrivate(merchantPrivatePem);
            merchantPublicPem = merchantRsa.ExportSubjectPublicKeyInfoPem();
            if (options.Persist)
            {
                var merchantFolder = new PemFolder(Path.Combine(options.DataDirectory, "merchant"));
                merchantFolder.Write("apiclient_key.pem", merchantPrivatePem);
                merchantFolder.Write("apiclient_public_key.pem", merchantPublicPem);
            }
        }
        else
        {
            merchantPublicPem = configuredMerchantKey;
        }

        if (store is not null)
        {
            store.Write("wechatpay_public_key_private.pem", publicKeyPrivatePem);
            store.Write("pub_key.pem", publicKeyPem);
            store.Write("platform_key.pem", certificateKeyPem);
            store.Write("platform_cert.pem", certificatePem);
        }

        return new EmulatorKeys(
            options.Merchant.PublicKeyId,
            publicKeyPem,
            WeChatPayPlatformSigner.FromPem(options.Merchant.PublicKeyId, publicKeyPrivatePem),
            certificatePem,
            WeChatPayPlatformSigner.FromPem(certificateSerial, certificateKeyPem),
            new DateTimeOffset(certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero),
            new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero),
            PayPlatformKey.FromPublicKeyPem(options.Merchant.CertificateSerial, merchantPublicPem),
            merchantPublicPem,
            merchantPrivatePem);
    }

    public void Dispose()
    {
        PublicKeySigner.Dispose();
        CertificateSigner.Dispose();
    }

    private static RSA ImportPrivate(string pem)
    {
        var rsa = RSA.Create();
        rsa.ImportFromPem(pem);
        return rsa;
    }

    private static string NewRsaPrivateKeyPem()
    {
        using var rsa = RSA.Create(2048);
        return rsa.ExportPkcs8PrivateKeyPem();
    }

    private static string NewCertificatePem(string privateKeyPem, DateTimeOffset now)
    {
        using var rsa = ImportPrivate(privateKeyPem);
        var request = new CertificateRequest(
            "CN=Tenpay.com Root CA Emulator, O=WxMall WeChat Emulator, C=CN", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var serial = RandomNumberGenerator.GetBytes(20);
        serial[0] &= 0x7F;
        using var issuer = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(5));
        using var certificate = request.Create(issuer.SubjectName, X509SignatureGenerator.CreateForRSA(rsa, RSASignaturePadding.Pkcs1), now.AddDays(-1), now.AddYears(5), serial);
        return certificate.ExportCertificatePem();
    }

    private sealed class PemFolder(string path)
    {
        public string? Read(string name)
        {
            var file = Path.Combine(path, name);
            return File.Exists(file) ? File.ReadAllText(file) : null;
        }

        public void Write(string name, string content)
        {
            Directory.CreateDirectory(path);
            var file = Path.Combine(path, name);
            if (!File.Exists(file))
            {
                File.WriteAllText(file, content);
            }
        }
    }
}
