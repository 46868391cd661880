using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace WxMall.WeChat.Pay.Crypto;

/// <summary>
/// The merchant's API private key, parsed once and reused for every signature until it is rotated,
/// together with the merchant id and the serial of the merchant API certificate it belongs to.
/// </summary>
/// <remarks>Importing an RSA key costs several times more than a signature, so never build one per call.</remarks>
public sealed class WeChatPayMerchantKey : IDisposable
{
    private readonly RSA privateKey;

    private WeChatPayMerchantKey(string merchantId, string certificateSerial, RSA privateKey)
    {
        MerchantId = merchantId;
        CertificateSerial = certificateSerial;
        this.privateKey = privateKey;
    }

    /// <summary>The merchant id (<c>mchid</c>).</summary>
    public string MerchantId { get; }

    /// <summary>The hex serial of the merchant API certificate (<c>serial_no</c> in the Authorization header).</summary>
    public string CertificateSerial { get; }

    /// <summary>Parses the private key (PEM, PKCS#1 or PKCS#8, or the bare Base64 PKCS#8 body).</summary>
    /// <exception cref="ArgumentException">The key text cannot be read; the message says which file to use.</exception>
    public static WeChatPayMerchantKey FromPem(string merchantId, string certificateSerial, string privateKeyPem)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(merchantId);
        ArgumentException.ThrowIfNullOrWhiteSpace(certificateSerial);
        return new WeChatPayMerchantKey(merchantId, certificateSerial, PayKeyParsing.ImportPrivateKey(privateKeyPem));
    }

    /// <summary>SHA256withRSA (PKCS#1 v1.5) over the bytes, Base64-encoded.</summary>
    public string SignToBase64(ReadOnlySpan<byte> message)
    {
        Span<byte> signature = stackalloc byte[512];
        if (!privateKey.TrySignData(message, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1, out var written))
        {
            // Keys above 4096 bits do not fit the stack buffer; WeChat uses 2048.
            return Convert.ToBase64String(
                privateKey.SignData(message.ToArray(), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        }

        return Convert.ToBase64String(signature[..written]);
    }

    /// <summary>SHA256withRSA over the UTF-8 bytes of the text, Base64-encoded.</summary>
    public string SignToBase64(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(message.Length));
        try
        {
            var length = Encoding.UTF8.GetBytes(message, buffer);
            return SignToBase64(buffer.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Decrypts a field WeChat Pay encrypted for the merchant (RSA-OAEP with SHA-1).</summary>
    /// <exception cref="CryptographicException">The ciphertext was not made for this key.</exception>
    public string DecryptSensitiveField(string ciphertextBase64)
    {
        ArgumentNullException.ThrowIfNull(ciphertextBase64);
        var plaintext = privateKey.Decrypt(Convert.FromBase64String(ciphertextBase64), RSAEncryptionPadding.OaepSHA1);
        return Encoding.UTF8.GetString(plaintext);
    }

    /// <inheritdoc />
    public void Dispose() => privateKey.Dispose();
}
