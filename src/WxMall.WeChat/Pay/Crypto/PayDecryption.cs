using System.Text;

namespace WxMall.WeChat.Pay.Crypto;

/// <summary>The outcome of an AEAD_AES_256_GCM decryption: the plaintext, or a typed reason.</summary>
public sealed record PayDecryption
{
    private readonly byte[]? plaintext;

    private PayDecryption(byte[]? plaintext, PayFailureReason? failure, string message)
    {
        this.plaintext = plaintext;
        Failure = failure;
        Message = message;
    }

    /// <summary>True when the tag verified and the plaintext is available.</summary>
    public bool IsSuccess => Failure is null;

    /// <summary>Why decryption failed; null on success.</summary>
    public PayFailureReason? Failure { get; }

    /// <summary>A sentence for logs and the command line; never contains key material.</summary>
    public string Message { get; }

    /// <summary>The plaintext bytes; empty on failure.</summary>
    public ReadOnlyMemory<byte> Plaintext => plaintext ?? ReadOnlyMemory<byte>.Empty;

    /// <summary>The plaintext as UTF-8 text; empty on failure.</summary>
    public string PlaintextText => plaintext is null ? string.Empty : Encoding.UTF8.GetString(plaintext);

    internal static PayDecryption Succeeded(byte[] plaintext) => new(plaintext, null, "decrypted");

    internal static PayDecryption Refused(PayFailureReason reason, string message) => new(null, reason, message);
}
