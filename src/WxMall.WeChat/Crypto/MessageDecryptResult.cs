using System.Diagnostics.CodeAnalysis;

namespace WxMall.WeChat.Crypto;

/// <summary>Result of opening a safe-mode <c>Encrypt</c> value: the plaintext, or the reason it was rejected.</summary>
public sealed class MessageDecryptResult
{
    private MessageDecryptResult(string? plaintext, MessageCryptoFailure failure, MessageKeyGeneration keyGeneration)
    {
        Plaintext = plaintext;
        Failure = failure;
        KeyGeneration = keyGeneration;
    }

    /// <summary>True when the signature, padding, length and appid all checked out.</summary>
    [MemberNotNullWhen(true, nameof(Plaintext))]
    public bool Succeeded => Failure == MessageCryptoFailure.None;

    /// <summary>The decrypted message (usually XML) when <see cref="Succeeded"/>.</summary>
    public string? Plaintext { get; }

    /// <summary>Why the message was rejected, or <see cref="MessageCryptoFailure.None"/>.</summary>
    public MessageCryptoFailure Failure { get; }

    /// <summary>Which key opened the message (meaningful when <see cref="Succeeded"/>).</summary>
    public MessageKeyGeneration KeyGeneration { get; }

    internal static MessageDecryptResult Success(string plaintext, MessageKeyGeneration keyGeneration) =>
        new(plaintext, MessageCryptoFailure.None, keyGeneration);

    internal static MessageDecryptResult Rejected(MessageCryptoFailure failure) =>
        new(null, failure, MessageKeyGeneration.Current);
}
