namespace WxMall.WeChat.Pay.Client;

/// <summary>Where a failed Pay v3 call went wrong.</summary>
public enum PayErrorKind
{
    /// <summary>WeChat Pay answered with an error status and a <c>{code, message, detail}</c> body.</summary>
    WeChatPay = 1,

    /// <summary>The response's signature did not verify; its content must not be trusted.</summary>
    UntrustedResponse,

    /// <summary>The response could not be read as the documented JSON.</summary>
    MalformedResponse,

    /// <summary>An encrypted part of the response (a platform certificate) did not decrypt.</summary>
    DecryptionFailed,

    /// <summary>A downloaded bill does not match the hash WeChat Pay announced.</summary>
    HashMismatch,
}
