using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace WxMall.WeChat.Crypto;

/// <summary>
/// A parsed safe-mode <c>EncodingAESKey</c>: 43 base64 characters that decode (after appending <c>=</c>)
/// to a 32-byte AES-256 key whose first 16 bytes are also the CBC initialisation vector.
/// Parse it once at start-up and reuse it; the AES instance inside is only used through its
/// one-shot, state-free methods, so one key serves concurrent callers.
/// </summary>
public sealed class EncodingAesKey : IDisposable
{
    /// <summary>Length of an EncodingAESKey as configured in the official-account console.</summary>
    public const int TextLength = 43;

    private readonly byte[] keyBytes;

    private EncodingAesKey(byte[] keyBytes)
    {
        this.keyBytes = keyBytes;
        InitializationVector = keyBytes.AsSpan(0, 16).ToArray();
        Cipher = Aes.Create();
        Cipher.Key = keyBytes;
    }

    internal Aes Cipher { get; }

    internal byte[] InitializationVector { get; }

    /// <summary>The 32 decoded key bytes (a copy).</summary>
    public byte[] ToArray() => (byte[])keyBytes.Clone();

    /// <summary>Parses a 43-character EncodingAESKey, or says why it is not one.</summary>
    /// <param name="text">The key exactly as shown in the console.</param>
    /// <param name="key">The parsed key when the method returns true.</param>
    /// <param name="reason">Why the text is not a key when the method returns false.</param>
    public static bool TryParse(string? text, [NotNullWhen(true)] out EncodingAesKey? key, [NotNullWhen(false)] out string? reason)
    {
        key = null;
        if (string.IsNullOrEmpty(text))
        {
            reason = "The EncodingAESKey is empty; copy the 43-character key from the official-account console (Settings > Basic configuration).";
            return false;
        }

        if (text.Length != TextLength)
        {
            reason = $"The EncodingAESKey has {text.Length} characters; it must have exactly {TextLength} (no trailing '=').";
            return false;
        }

        Span<byte> decoded = stackalloc byte[33];
        if (!Convert.TryFromBase64String(text + "=", decoded, out var written) || written != 32)
        {
            reason = "The EncodingAESKey is not base64 (allowed: A-Z, a-z, 0-9, '+', '/').";
            return false;
        }

        key = new EncodingAesKey(decoded[..32].ToArray());
        reason = null;
        return true;
    }

    /// <summary>Parses a 43-character EncodingAESKey and throws with a fix-it message when it is malformed (configuration time).</summary>
    /// <exception cref="ArgumentException">The text is not a valid EncodingAESKey.</exception>
    public static EncodingAesKey Parse(string? text) =>
        TryParse(text, out var key, out var reason) ? key : throw new ArgumentException(reason, nameof(text));

    /// <inheritdoc />
    public void Dispose() => Cipher.Dispose();
}
