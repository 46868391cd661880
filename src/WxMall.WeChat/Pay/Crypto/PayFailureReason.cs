namespace WxMall.WeChat.Pay.Crypto;

/// <summary>
/// Why a WeChat Pay signature check, resource decryption or notification parse was refused.
/// Every refusal carries exactly one of these, so callers can branch on it and operators can read it.
/// </summary>
public enum PayFailureReason
{
    /// <summary>A required <c>Wechatpay-*</c> header is missing or empty.</summary>
    MissingHeader = 1,

    /// <summary>The signature starts with <c>WECHATPAY/SIGNTEST/</c>: a deliberate probe that must fail.</summary>
    ProbeSignature,

    /// <summary><c>Wechatpay-Timestamp</c> is not a number of unix seconds.</summary>
    MalformedTimestamp,

    /// <summary><c>Wechatpay-Timestamp</c> is more than the allowed skew (5 minutes) away from now.</summary>
    TimestampOutsideWindow,

    /// <summary><c>Wechatpay-Serial</c> names no platform certificate or public key we hold.</summary>
    UnknownSerial,

    /// <summary>The platform certificate named by the serial is expired or not yet valid.</summary>
    CertificateNotValid,

    /// <summary><c>Wechatpay-Signature</c> is not Base64 or has the wrong length.</summary>
    MalformedSignature,

    /// <summary>The signature does not match the message: the body, timestamp or nonce was altered, or the key is wrong.</summary>
    SignatureMismatch,

    /// <summary>The body is larger than the configured limit.</summary>
    BodyTooLarge,

    /// <summary>The notification body is not the expected JSON envelope.</summary>
    MalformedBody,

    /// <summary>The resource is encrypted with something other than <c>AEAD_AES_256_GCM</c>.</summary>
    UnsupportedAlgorithm,

    /// <summary>The APIv3 key is not 32 bytes (it must be the 32 ASCII characters set in the merchant console).</summary>
    WrongKeyLength,

    /// <summary>The nonce is not 12 bytes.</summary>
    MalformedNonce,

    /// <summary>The ciphertext is not Base64 or is shorter than the 16-byte tag.</summary>
    MalformedCiphertext,

    /// <summary>The GCM tag does not match: wrong APIv3 key, wrong associated data, or altered ciphertext.</summary>
    AuthenticationFailed,

    /// <summary>The decrypted resource is not the expected JSON.</summary>
    MalformedResource,

    /// <summary>The notification is of another kind than the one asked for (e.g. a refund parsed as a payment).</summary>
    UnexpectedEventType,
}
