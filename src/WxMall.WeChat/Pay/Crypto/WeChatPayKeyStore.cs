namespace WxMall.WeChat.Pay.Crypto;

/// <summary>
/// Every WeChat Pay key of one merchant, parsed once at start-up and reused until rotated:
/// the merchant signing key, the platform certificates and public keys that verify WeChat Pay,
/// and the APIv3 key that decrypts resources.
/// </summary>
public sealed class WeChatPayKeyStore : IDisposable
{
    private WeChatPayMerchantKey merchantKey;

    /// <summary>Assembles a store from parsed parts.</summary>
    public WeChatPayKeyStore(WeChatPayMerchantKey merchantKey, PayVerifierKeyStore verifierKeys, AeadAes256GcmCipher resourceCipher)
    {
        ArgumentNullException.ThrowIfNull(merchantKey);
        ArgumentNullException.ThrowIfNull(verifierKeys);
        ArgumentNullException.ThrowIfNull(resourceCipher);
        this.merchantKey = merchantKey;
        VerifierKeys = verifierKeys;
        ResourceCipher = resourceCipher;
    }

    /// <summary>The merchant signing key in use.</summary>
    public WeChatPayMerchantKey MerchantKey => Volatile.Read(ref merchantKey);

    /// <summary>The keys that verify WeChat Pay responses and callbacks.</summary>
    public PayVerifierKeyStore VerifierKeys { get; }

    /// <summary>AEAD_AES_256_GCM with the APIv3 key.</summary>
    public AeadAes256GcmCipher ResourceCipher { get; }

    /// <summary>
    /// Parses every key in the options. Fails fast with a message naming the setting to fix, so a bad key is
    /// found at start-up rather than on the first callback.
    /// </summary>
    /// <exception cref="ArgumentException">A key is missing or unreadable.</exception>
    public static WeChatPayKeyStore FromOptions(WeChatPayOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var apiV3Cipher = AeadAes256GcmCipher.FromApiV3Key(options.ApiV3Key);
        if (!apiV3Cipher.HasValidKey)
        {
            throw new ArgumentException(
                $"WeChatPayOptions.ApiV3Key is {apiV3Cipher.KeyLength} bytes; it must be the 32 ASCII characters set under " +
                "Account Center > API Security > APIv3 key.",
                nameof(options));
        }

        var verifierKeys = new PayVerifierKeyStore(
            options.PlatformCertificatePems.Select(PayPlatformKey.FromCertificatePem));
        if (!string.IsNullOrWhiteSpace(options.PublicKeyPem))
        {
            if (string.IsNullOrWhiteSpace(options.PublicKeyId) || !PaySerialNumber.IsPublicKeyId(options.PublicKeyId))
            {
                throw new ArgumentException(
                    "WeChatPayOptions.PublicKeyId must be the PUB_KEY_ID_… shown next to the public key in the merchant console.",
                    nameof(options));
            }

            verifierKeys.Add(PayPlatformKey.FromPublicKeyPem(options.PublicKeyId, options.PublicKeyPem));
        }

        var merchant = WeChatPayMerchantKey.FromPem(options.MerchantId, options.MerchantCertificateSerial, options.MerchantPrivateKeyPem);
        return new WeChatPayKeyStore(merchant, verifierKeys, apiV3Cipher);
    }

    /// <summary>Switches to a new merchant key (after the merchant API certificate was renewed).</summary>
    /// <remarks>The previous key is not disposed: calls in flight may still be signing with it.</remarks>
    public void RotateMerchantKey(WeChatPayMerchantKey newKey)
    {
        ArgumentNullException.ThrowIfNull(newKey);
        Volatile.Write(ref merchantKey, newKey);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        MerchantKey.Dispose();
        ResourceCipher.Dispose();
    }
}
