using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace WxMall.WeChat.Pay.Crypto;

/// <summary>
/// AEAD_AES_256_GCM with the APIv3 key, as WeChat Pay uses it for notification resources and platform
/// certificates: key = the 32 ASCII bytes of the APIv3 key, nonce = the 12 UTF-8 bytes of <c>nonce</c>,
/// AAD = UTF-8 of <c>associated_data</c>, ciphertext = Base64(ct ‖ 16-byte tag).
/// </summary>
/// <remarks>
/// A key that is not 32 bytes is kept but every decryption reports <see cref="PayFailureReason.WrongKeyLength"/>:
/// some SDKs silently fall back to AES-128 for a 16-byte key, which WeChat Pay never uses.
/// <see cref="AesGcm"/> instances are pooled because one instance must not be used by two threads at once.
/// https://pay.weixin.qq.com/wiki/doc/apiv3/wechatpay/wechatpay4_2.shtml
/// </remarks>
public sealed class AeadAes256GcmCipher : IDisposable
{
    /// <summary>The only algorithm name WeChat Pay uses for encrypted resources.</summary>
    public const string AlgorithmName = "AEAD_AES_256_GCM";

    /// <summary>Length of an APIv3 key.</summary>
    public const int KeyByteCount = 32;

    /// <summary>Length of the nonce.</summary>
    public const int NonceByteCount = 12;

    /// <summary>Length of the authentication tag appended to the ciphertext.</summary>
    public const int TagByteCount = 16;

    private const int MaximumPooledInstances = 16;

    private readonly byte[] key;
    private readonly ConcurrentBag<AesGcm> pool = [];

    /// <summary>Holds a key given as bytes.</summary>
    public AeadAes256GcmCipher(ReadOnlySpan<byte> key)
    {
        this.key = key.ToArray();
    }

    /// <summary>The length of the key held, in bytes.</summary>
    public int KeyLength => key.Length;

    /// <summary>True when the key is 32 bytes.</summary>
    public bool HasValidKey => key.Length == KeyByteCount;

    /// <summary>Holds an APIv3 key as configured in the merchant console (32 ASCII characters, used as-is).</summary>
    public static AeadAes256GcmCipher FromApiV3Key(string apiV3Key)
    {
        ArgumentNullException.ThrowIfNull(apiV3Key);
        return new AeadAes256GcmCipher(Encoding.UTF8.GetBytes(apiV3Key));
    }

    /// <summary>Decrypts an encrypted resource as it appears in notifications and <c>/v3/certificates</c>.</summary>
    public PayDecryption Decrypt(EncryptedResource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        if (!string.Equals(resource.Algorithm, AlgorithmName, StringComparison.Ordinal))
        {
            return PayDecryption.Refused(
                PayFailureReason.UnsupportedAlgorithm,
                $"Resource algorithm is '{resource.Algorithm}'; only {AlgorithmName} is supported.");
        }

        return Decrypt(resource.Nonce ?? string.Empty, resource.AssociatedData ?? string.Empty, resource.Ciphertext ?? string.Empty);
    }

    /// <summary>Decrypts from the text fields of a resource. Never throws for bad input.</summary>
    public PayDecryption Decrypt(string nonce, string associatedData, string ciphertextBase64)
    {
        ArgumentNullException.ThrowIfNull(nonce);
        ArgumentNullException.ThrowIfNull(associatedData);
        ArgumentNullException.ThrowIfNull(ciphertextBase64);
        byte[] ciphertext;
        try
        {
            ciphertext = Convert.FromBase64String(ciphertextBase64);
        }
        catch (FormatException)
        {
            return PayDecryption.Refused(PayFailureReason.MalformedCiphertext, "The ciphertext is not Base64.");
        }

        return Decrypt(Encoding.UTF8.GetBytes(nonce), Encoding.UTF8.GetBytes(associatedData), ciphertext);
    }

    /// <summary>Decrypts ct ‖ tag. Never throws for bad input.</summary>
    public PayDecryption Decrypt(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> associatedData, ReadOnlySpan<byte> ciphertextAndTag)
    {
        if (!HasValidKey)
        {
            return PayDecryption.Refused(
                PayFailureReason.WrongKeyLength,
                $"The APIv3 key is {key.Length} bytes; it must be the 32 ASCII characters set in the merchant console.");
        }

        if (nonce.Length != NonceByteCount)
        {
            return PayDecryption.Refused(
                PayFailureReason.MalformedNonce,
                $"The nonce is {nonce.Length} bytes; WeChat Pay nonces are {NonceByteCount}.");
        }

        if (ciphertextAndTag.Length < TagByteCount)
        {
            return PayDecryption.Refused(
                PayFailureReason.MalformedCiphertext,
                "The ciphertext is shorter than the 16-byte tag: truncated in transit or copied partially.");
        }

        var plaintext = new byte[ciphertextAndTag.Length - TagByteCount];
        var aes = Rent();
        try
        {
            aes.Decrypt(nonce, ciphertextAndTag[..plaintext.Length], ciphertextAndTag[plaintext.Length..], plaintext, associatedData);
            return PayDecryption.Succeeded(plaintext);
        }
        catch (AuthenticationTagMismatchException)
        {
            return PayDecryption.Refused(
                PayFailureReason.AuthenticationFailed,
                "The GCM tag does not match: wrong APIv3 key, wrong associated_data/nonce, or altered ciphertext.");
        }
        finally
        {
            Return(aes);
        }
    }

    /// <summary>Encrypts for a resource (used by the emulator and tests); returns Base64(ct ‖ tag).</summary>
    /// <exception cref="ArgumentException">The key is not 32 bytes or the nonce is not 12 bytes.</exception>
    public string Encrypt(string nonce, string associatedData, string plaintext)
    {
        ArgumentNullException.ThrowIfNull(nonce);
        ArgumentNullException.ThrowIfNull(associatedData);
        ArgumentNullException.ThrowIfNull(plaintext);
        if (!HasValidKey)
        {
            throw new ArgumentException($"The APIv3 key is {key.Length} bytes; it must be {KeyByteCount}.", nameof(nonce));
        }

        var nonceBytes = Encoding.UTF8.GetBytes(nonce);
        if (nonceBytes.Length != NonceByteCount)
        {
            throw new ArgumentException($"The nonce must be {NonceByteCount} bytes.", nameof(nonce));
        }

        var plaintextBytes = Encoding.UTF8.GetBytes(plaintext);
        var output = new byte[plaintextBytes.Length + TagByteCount];
        var aes = Rent();
        try
        {
            aes.Encrypt(nonceBytes, plaintextBytes, output.AsSpan(0, plaintextBytes.Length), output.AsSpan(plaintextBytes.Length), Encoding.UTF8.GetBytes(associatedData));
        }
        finally
        {
            Return(aes);
        }

        return Convert.ToBase64String(output);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        while (pool.TryTake(out var aes))
        {
            aes.Dispose();
        }
    }

    private AesGcm Rent() => pool.TryTake(out var aes) ? aes : new AesGcm(key, TagByteCount);

    private void Return(AesGcm aes)
    {
        if (pool.Count < MaximumPooledInstances)
        {
            pool.Add(aes);
        }
        else
        {
            aes.Dispose();
        }
    }
}
