using System.Diagnostics.CodeAnalysis;
using WxMall.WeChat.Crypto;

namespace WxMall.WeChat.Messages;

/// <summary>Why the message server refused a request from (something claiming to be) WeChat.</summary>
public enum PushFailure
{
    /// <summary>Not refused.</summary>
    None,

    /// <summary><c>signature</c>, <c>timestamp</c> or <c>nonce</c> is missing.</summary>
    MissingQueryValue,

    /// <summary>The <c>signature</c> does not match the configured Token.</summary>
    SignatureMismatch,

    /// <summary>The timestamp is not a number.</summary>
    TimestampInvalid,

    /// <summary>The timestamp is outside the clock window (replay or skew).</summary>
    TimestampOutsideWindow,

    /// <summary>The push is encrypted but no EncodingAESKey is configured.</summary>
    SafeModeNotConfigured,

    /// <summary>The safe-mode envelope could not be opened; see <see cref="InboundPushResult.CryptoFailure"/>.</summary>
    DecryptionFailed,

    /// <summary>The (decrypted) message is not valid; see <see cref="InboundPushResult.ParseFailure"/>.</summary>
    MessageInvalid,
}

/// <summary>Result of URL verification: the <c>echostr</c> to answer with, or why the request was refused.</summary>
public sealed class UrlVerificationResult
{
    internal UrlVerificationResult(string? echo, PushFailure failure)
    {
        Echo = echo;
        Failure = failure;
    }

    /// <summary>True when the signature matched.</summary>
    [MemberNotNullWhen(true, nameof(Echo))]
    public bool Succeeded => Failure == PushFailure.None;

    /// <summary>The body to answer with (the <c>echostr</c> unchanged).</summary>
    public string? Echo { get; }

    /// <summary>Why the request was refused.</summary>
    public PushFailure Failure { get; }
}

/// <summary>Result of reading a push: the typed message and how to reply, or why it was refused.</summary>
public sealed class InboundPushResult
{
    internal InboundPushResult(InboundMessage? message, bool encrypted, MessageKeyGeneration keyGeneration, PushFailure failure,
        MessageCryptoFailure cryptoFailure = MessageCryptoFailure.None, MessageParseFailure parseFailure = MessageParseFailure.None, string? detail = null)
    {
        Message = message;
        Encrypted = encrypted;
        KeyGeneration = keyGeneration;
        Failure = failure;
        CryptoFailure = cryptoFailure;
        ParseFailure = parseFailure;
        Detail = detail;
    }

    /// <summary>True when the push was authentic and readable.</summary>
    [MemberNotNullWhen(true, nameof(Message))]
    public bool Succeeded => Failure == PushFailure.None;

    /// <summary>The message or event.</summary>
    public InboundMessage? Message { get; }

    /// <summary>True when the push came in safe mode; the reply must then be encrypted too.</summary>
    public bool Encrypted { get; }

    /// <summary>The key that opened the push; the reply uses the same one.</summary>
    public MessageKeyGeneration KeyGeneration { get; }

    /// <summary>Why the push was refused.</summary>
    public PushFailure Failure { get; }

    /// <summary>The cryptographic reason when <see cref="Failure"/> is <see cref="PushFailure.DecryptionFailed"/>.</summary>
    public MessageCryptoFailure CryptoFailure { get; }

    /// <summary>The parse reason when <see cref="Failure"/> is <see cref="PushFailure.MessageInvalid"/>.</summary>
    public MessageParseFailure ParseFailure { get; }

    /// <summary>A human-readable explanation.</summary>
    public string? Detail { get; }
}
