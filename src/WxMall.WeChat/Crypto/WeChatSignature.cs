using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace WxMall.WeChat.Crypto;

/// <summary>
/// The SHA-1 signatures of the official-account message server: the <c>signature</c> query parameter
/// (URL verification and every push) and the <c>msg_signature</c> of safe-mode messages.
/// Both sort their inputs as ordinal strings, concatenate them and hash the UTF-8 bytes.
/// </summary>
public static class WeChatSignature
{
    /// <summary>
    /// Computes <c>signature = hex(sha1(sort(token, timestamp, nonce)))</c>, sent by WeChat on URL verification
    /// (GET) and on every message push (developers.weixin.qq.com/doc/offiaccount/Basic_Information/Access_Overview.html).
    /// </summary>
    /// <returns>Forty lowercase hexadecimal characters.</returns>
    public static string ComputeServerSignature(string token, string timestamp, string nonce)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(timestamp);
        ArgumentNullException.ThrowIfNull(nonce);
        string[] parts = [token, timestamp, nonce];
        return HashSorted(parts);
    }

    /// <summary>
    /// Computes <c>msg_signature = hex(sha1(sort(token, timestamp, nonce, encrypt)))</c> of a safe-mode message
    /// or of an encrypted reply (developers.weixin.qq.com/doc/offiaccount/Message_Management/Message_encryption_and_decryption_instructions.html).
    /// </summary>
    /// <returns>Forty lowercase hexadecimal characters.</returns>
    public static string ComputeMessageSignature(string token, string timestamp, string nonce, string encrypt)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(timestamp);
        ArgumentNullException.ThrowIfNull(nonce);
        ArgumentNullException.ThrowIfNull(encrypt);
        string[] parts = [token, timestamp, nonce, encrypt];
        return HashSorted(parts);
    }

    /// <summary>Checks a received <c>signature</c> in constant time; hexadecimal case is ignored.</summary>
    public static bool VerifyServerSignature(string token, string timestamp, string nonce, string? signature) =>
        signature is not null && HexEquals(ComputeServerSignature(token, timestamp, nonce), signature);

    /// <summary>Checks a received <c>msg_signature</c> in constant time; hexadecimal case is ignored.</summary>
    public static bool VerifyMessageSignature(string token, string timestamp, string nonce, string encrypt, string? messageSignature) =>
        messageSignature is not null && HexEquals(ComputeMessageSignature(token, timestamp, nonce, encrypt), messageSignature);

    internal static bool HexEquals(string expectedLowercase, string received)
    {
        if (received.Length != expectedLowercase.Length)
        {
            return false;
        }

        Span<byte> left = stackalloc byte[expectedLowercase.Length];
        Span<byte> right = stackalloc byte[received.Length];
        for (var index = 0; index < received.Length; index++)
        {
            left[index] = (byte)expectedLowercase[index];
            right[index] = (byte)char.ToLowerInvariant(received[index]);
        }

        return CryptographicOperations.FixedTimeEquals(left, right);
    }

    [SuppressMessage("Security", "CA5350:Do Not Use Weak Cryptographic Algorithms", Justification = "SHA-1 is what the WeChat message-server protocol specifies.")]
    internal static string HashSorted(string[] parts)
    {
        Array.Sort(parts, StringComparer.Ordinal);
        var byteCount = 0;
        foreach (var part in parts)
        {
            byteCount += Encoding.UTF8.GetByteCount(part);
        }

        var buffer = ArrayPool<byte>.Shared.Rent(byteCount);
        try
        {
            var written = 0;
            foreach (var part in parts)
            {
                written += Encoding.UTF8.GetBytes(part, buffer.AsSpan(written));
            }

            Span<byte> hash = stackalloc byte[SHA1.HashSizeInBytes];
            SHA1.HashData(buffer.AsSpan(0, written), hash);
            return Convert.ToHexStringLower(hash);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
