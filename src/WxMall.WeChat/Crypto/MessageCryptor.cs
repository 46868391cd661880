using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace WxMall.WeChat.Crypto;

/// <summary>
/// Safe-mode ("安全模式") encryption of official-account messages: AES-256-CBC with the EncodingAESKey,
/// IV = first 16 key bytes, plaintext = random(16) + uint32 big-endian length + message + appid,
/// padded PKCS#7-style to 32-byte blocks, signed with <c>msg_signature</c>
/// (developers.weixin.qq.com/doc/offiaccount/Message_Management/Message_encryption_and_decryption_instructions.html).
/// During an EncodingAESKey rotation the previous key is tried after the current one.
/// </summary>
public sealed class MessageCryptor
{
    internal const int PaddingBlockSize = 32;
    private const int RandomPrefixLength = 16;
    private const int HeaderLength = RandomPrefixLength + sizeof(uint);

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly string token;
    private readonly string appId;
    private readonly byte[] appIdBytes;
    private readonly EncodingAesKey currentKey;
    private readonly EncodingAesKey? previousKey;

    /// <summary>Creates a cryptor from parsed keys.</summary>
    /// <param name="token">The message-server Token configured in the console.</param>
    /// <param name="appId">The official account's appid; decrypted messages must end with it.</param>
    /// <param name="currentKey">The current EncodingAESKey.</param>
    /// <param name="previousKey">The key in use before the last rotation, or null.</param>
    public MessageCryptor(string token, string appId, EncodingAesKey currentKey, EncodingAesKey? previousKey = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        ArgumentException.ThrowIfNullOrEmpty(appId);
        ArgumentNullException.ThrowIfNull(currentKey);
        this.token = token;
        this.appId = appId;
        appIdBytes = Encoding.UTF8.GetBytes(appId);
        this.currentKey = currentKey;
        this.previousKey = previousKey;
    }

    /// <summary>Creates a cryptor from the key texts shown in the console; throws with a fix-it message when a key is malformed.</summary>
    /// <exception cref="ArgumentException">A key is not a 43-character EncodingAESKey.</exception>
    public static MessageCryptor Create(string token, string appId, string encodingAesKey, string? previousEncodingAesKey = null) =>
        new(token, appId, EncodingAesKey.Parse(encodingAesKey),
            string.IsNullOrEmpty(previousEncodingAesKey) ? null : EncodingAesKey.Parse(previousEncodingAesKey));

    /// <summary>The message-server Token.</summary>
    public string Token => token;

    /// <summary>The appid messages are checked against.</summary>
    public string AppId => appId;

    /// <summary>
    /// Verifies <paramref name="messageSignature"/> over (token, timestamp, nonce, encrypt), then decrypts
    /// <paramref name="encrypt"/> with the current key and, failing that, the previous key.
    /// Never throws on bad input: every rejection is a <see cref="MessageCryptoFailure"/>.
    /// </summary>
    public MessageDecryptResult Decrypt(string? messageSignature, string? timestamp, string? nonce, string? encrypt)
    {
        if (string.IsNullOrEmpty(messageSignature) || timestamp is null || nonce is null || string.IsNullOrEmpty(encrypt))
        {
            return MessageDecryptResult.Rejected(MessageCryptoFailure.MissingValue);
        }

        if (!WeChatSignature.VerifyMessageSignature(token, timestamp, nonce, encrypt, messageSignature))
        {
            return MessageDecryptResult.Rejected(MessageCryptoFailure.SignatureMismatch);
        }

        return DecryptVerified(encrypt);
    }

    /// <summary>
    /// Decrypts an <c>Encrypt</c> value whose signature the caller has already checked (or does not have).
    /// Prefer <see cref="Decrypt"/>; this exists for tools and for callers that verify separately.
    /// </summary>
    public MessageDecryptResult DecryptVerified(string encrypt)
    {
        ArgumentNullException.ThrowIfNull(encrypt);
        var maximumLength = (encrypt.Length / 4 * 3) + 3;
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(maximumLength, 1));
        try
        {
            if (!Convert.TryFromBase64String(encrypt, buffer, out var cipherLength))
            {
                return MessageDecryptResult.Rejected(MessageCryptoFailure.Base64Invalid);
            }

            if (cipherLength == 0 || cipherLength % 16 != 0)
            {
                return MessageDecryptResult.Rejected(MessageCryptoFailure.CiphertextLengthInvalid);
            }

            var ciphertext = buffer.AsSpan(0, cipherLength);
            var failure = TryOpen(currentKey, ciphertext, out var plaintext);
            if (failure == MessageCryptoFailure.None)
            {
                return MessageDecryptResult.Success(plaintext!, MessageKeyGeneration.Current);
            }

            if (previousKey is not null && TryOpen(previousKey, ciphertext, out plaintext) == MessageCryptoFailure.None)
            {
                return MessageDecryptResult.Success(plaintext!, MessageKeyGeneration.Previous);
            }

            return MessageDecryptResult.Rejected(failure);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Encrypts a reply (or a push, in the emulator) and signs it with <c>msg_signature</c>.</summary>
    /// <param name="plaintext">The message, usually passive-reply XML.</param>
    /// <param name="timestamp">Unix seconds as text, signed and echoed in the envelope.</param>
    /// <param name="nonce">Random text, signed and echoed in the envelope.</param>
    /// <param name="keyGeneration">Use the key that opened the incoming message.</param>
    public EncryptedMessage Encrypt(string plaintext, string timestamp, string nonce, MessageKeyGeneration keyGeneration = MessageKeyGeneration.Current)
    {
        Span<byte> randomPrefix = stackalloc byte[RandomPrefixLength];
        RandomNumberGenerator.Fill(randomPrefix);
        return Encrypt(plaintext, timestamp, nonce, randomPrefix, keyGeneration);
    }

    internal EncryptedMessage Encrypt(string plaintext, string timestamp, string nonce, ReadOnlySpan<byte> randomPrefix, MessageKeyGeneration keyGeneration = MessageKeyGeneration.Current)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        ArgumentNullException.ThrowIfNull(timestamp);
        ArgumentNullException.ThrowIfNull(nonce);
        if (randomPrefix.Length != RandomPrefixLength)
        {
            throw new ArgumentException($"The random prefix must be {RandomPrefixLength} bytes.", nameof(randomPrefix));
        }

        var key = keyGeneration == MessageKeyGeneration.Previous
            ? previousKey ?? throw new InvalidOperationException("No previous EncodingAESKey is configured.")
            : currentKey;

        var messageLength = Encoding.UTF8.GetByteCount(plaintext);
        var unpaddedLength = HeaderLength + messageLength + appIdBytes.Length;
        var padding = PaddingBlockSize - (unpaddedLength % PaddingBlockSize);
        var block = new byte[unpaddedLength + padding];
        randomPrefix.CopyTo(block);
        BinaryPrimitives.WriteUInt32BigEndian(block.AsSpan(RandomPrefixLength), (uint)messageLength);
        Encoding.UTF8.GetBytes(plaintext, block.AsSpan(HeaderLength));
        appIdBytes.CopyTo(block.AsSpan(HeaderLength + messageLength));
        block.AsSpan(unpaddedLength).Fill((byte)padding);

        var ciphertext = key.Cipher.EncryptCbc(block, key.InitializationVector, PaddingMode.None);
        var encrypt = Convert.ToBase64String(ciphertext);
        var signature = WeChatSignature.ComputeMessageSignature(token, timestamp, nonce, encrypt);
        return new EncryptedMessage(encrypt, signature, timestamp, nonce);
    }

    private MessageCryptoFailure TryOpen(EncodingAesKey key, ReadOnlySpan<byte> ciphertext, out string? plaintext)
    {
        plaintext = null;
        var buffer = ArrayPool<byte>.Shared.Rent(ciphertext.Length);
        try
        {
            var length = key.Cipher.DecryptCbc(ciphertext, key.InitializationVector, buffer, PaddingMode.None);
            var block = buffer.AsSpan(0, length);

            int padding = block[^1];
            if (padding is < 1 or > PaddingBlockSize || padding > block.Length)
            {
                return MessageCryptoFailure.PaddingInvalid;
            }

            foreach (var value in block[^padding..])
            {
                if (value != padding)
                {
                    return MessageCryptoFailure.PaddingInvalid;
                }
            }

            var content = block[..^padding];
            if (content.Length < HeaderLength)
            {
                return MessageCryptoFailure.MessageLengthInvalid;
            }

            var messageLength = BinaryPrimitives.ReadUInt32BigEndian(content[RandomPrefixLength..]);
            if (messageLength > (uint)(content.Length - HeaderLength))
            {
                return MessageCryptoFailure.MessageLengthInvalid;
            }

            var message = content.Slice(HeaderLength, (int)messageLength);
            var trailingAppId = content[(HeaderLength + (int)messageLength)..];
            if (!trailingAppId.SequenceEqual(appIdBytes))
            {
                return MessageCryptoFailure.AppIdMismatch;
            }

            try
            {
                plaintext = StrictUtf8.GetString(message);
            }
            catch (DecoderFallbackException)
            {
                return MessageCryptoFailure.EncodingInvalid;
            }

            return MessageCryptoFailure.None;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(buffer.AsSpan(0, ciphertext.Length));
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
