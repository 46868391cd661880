namespace WxMall.WeChat.Pay.Crypto;

/// <summary>The two ways WeChat Pay publishes the key that signs its responses and callbacks.</summary>
public enum PayPlatformKeyKind
{
    /// <summary>A platform certificate from <c>/v3/certificates</c>, named by its hex serial; it expires and rotates.</summary>
    PlatformCertificate = 1,

    /// <summary>A WeChat Pay public key from the merchant console, named <c>PUB_KEY_ID_…</c>; it does not expire.</summary>
    PublicKey,
}
