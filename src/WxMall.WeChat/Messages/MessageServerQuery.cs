namespace WxMall.WeChat.Messages;

/// <summary>The query parameters WeChat puts on every request to the message server URL.</summary>
public sealed record MessageServerQuery
{
    /// <summary><c>signature</c>: sha1 of (Token, timestamp, nonce); sent in every mode.</summary>
    public string? Signature { get; init; }

    /// <summary><c>timestamp</c> (Unix seconds).</summary>
    public string? Timestamp { get; init; }

    /// <summary><c>nonce</c>.</summary>
    public string? Nonce { get; init; }

    /// <summary><c>echostr</c>, on URL verification (GET) only.</summary>
    public string? Echo { get; init; }

    /// <summary><c>encrypt_type</c>: <c>aes</c> in safe and compatible modes; absent or <c>raw</c> in plaintext mode.</summary>
    public string? EncryptType { get; init; }

    /// <summary><c>msg_signature</c>: sha1 of (Token, timestamp, nonce, Encrypt) in safe mode.</summary>
    public string? MessageSignature { get; init; }

    /// <summary><c>openid</c> of the sender (observed on real pushes; informational).</summary>
    public string? OpenId { get; init; }

    /// <summary>Reads the parameters through a lookup such as <c>name =&gt; request.Query[name]</c>.</summary>
    public static MessageServerQuery From(Func<string, string?> lookup)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        return new MessageServerQuery
        {
            Signature = lookup("signature"),
            Timestamp = lookup("timestamp"),
            Nonce = lookup("nonce"),
            Echo = lookup("echostr"),
            EncryptType = lookup("encrypt_type"),
            MessageSignature = lookup("msg_signature"),
            OpenId = lookup("openid"),
        };
    }

    /// <summary>True when the push is encrypted (<c>encrypt_type=aes</c>).</summary>
    public bool IsEncrypted => string.Equals(EncryptType, "aes", StringComparison.OrdinalIgnoreCase);
}
