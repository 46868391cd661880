namespace WxMall.WeChat.Crypto;

/// <summary>Which configured EncodingAESKey opened a message; the reply is encrypted with the same one.</summary>
public enum MessageKeyGeneration
{
    /// <summary>The current key.</summary>
    Current,

    /// <summary>The previous key, kept during a key rotation until WeChat switches over.</summary>
    Previous,
}
