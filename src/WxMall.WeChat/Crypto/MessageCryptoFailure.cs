namespace WxMall.WeChat.Crypto;

/// <summary>Why a safe-mode message (or a message-server request) was rejected.</summary>
public enum MessageCryptoFailure
{
    /// <summary>Not rejected.</summary>
    None,

    /// <summary>A required value (signature, timestamp, nonce or ciphertext) is missing.</summary>
    MissingValue,

    /// <summary>The <c>signature</c> or <c>msg_signature</c> does not match the token and the signed values.</summary>
    SignatureMismatch,

    /// <summary>The timestamp is not a number of Unix seconds.</summary>
    TimestampInvalid,

    /// <summary>The timestamp is outside the accepted clock window (replay or clock skew).</summary>
    TimestampOutsideWindow,

    /// <summary>The <c>Encrypt</c> value is not valid base64 (for example truncated in transit).</summary>
    Base64Invalid,

    /// <summary>The ciphertext is empty or not a whole number of 16-byte AES blocks.</summary>
    CiphertextLengthInvalid,

    /// <summary>The decrypted padding is not 32-byte PKCS#7: usually a wrong EncodingAESKey.</summary>
    PaddingInvalid,

    /// <summary>The 4-byte message length inside the plaintext does not fit the plaintext.</summary>
    MessageLengthInvalid,

    /// <summary>The message bytes are not valid UTF-8.</summary>
    EncodingInvalid,

    /// <summary>The appid at the end of the plaintext is not ours: the message was meant for another account.</summary>
    AppIdMismatch,
}
