using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace WxMall.WeChat.Crypto;

/// <summary>Why a mini-program <c>encryptedData</c> value was rejected.</summary>
public enum MiniProgramDecryptFailure
{
    /// <summary>Not rejected.</summary>
    None,

    /// <summary>The session_key is not base64 of 16 bytes.</summary>
    SessionKeyInvalid,

    /// <summary>The iv is not base64 of 16 bytes.</summary>
    InitializationVectorInvalid,

    /// <summary>The encryptedData is not valid base64.</summary>
    Base64Invalid,

    /// <summary>The ciphertext is empty or not a whole number of AES blocks.</summary>
    CiphertextLengthInvalid,

    /// <summary>The PKCS#7 padding is wrong: usually a stale session_key (call wx.login again).</summary>
    PaddingInvalid,

    /// <summary>The plaintext is not a JSON object.</summary>
    JsonInvalid,

    /// <summary>The JSON has no <c>watermark.appid</c>.</summary>
    WatermarkMissing,

    /// <summary>The watermark appid is another mini-program's.</summary>
    AppIdMismatch,
}

/// <summary>Result of decrypting mini-program <c>encryptedData</c>.</summary>
public sealed class MiniProgramDecryptResult
{
    private MiniProgramDecryptResult(string? json, long watermarkTimestamp, MiniProgramDecryptFailure failure)
    {
        Json = json;
        WatermarkTimestamp = watermarkTimestamp;
        Failure = failure;
    }

    /// <summary>True when the data decrypted and its watermark names our appid.</summary>
    [MemberNotNullWhen(true, nameof(Json))]
    public bool Succeeded => Failure == MiniProgramDecryptFailure.None;

    /// <summary>The decrypted JSON document.</summary>
    public string? Json { get; }

    /// <summary><c>watermark.timestamp</c> (Unix seconds) when present, else 0.</summary>
    public long WatermarkTimestamp { get; }

    /// <summary>Why the data was rejected, or <see cref="MiniProgramDecryptFailure.None"/>.</summary>
    public MiniProgramDecryptFailure Failure { get; }

    internal static MiniProgramDecryptResult Success(string json, long watermarkTimestamp) => new(json, watermarkTimestamp, MiniProgramDecryptFailure.None);

    internal static MiniProgramDecryptResult Rejected(MiniProgramDecryptFailure failure) => new(null, 0, failure);
}

/// <summary>
/// Decrypts mini-program <c>encryptedData</c> (user info, share info, run data): AES-128-CBC with
/// key = base64(session_key), iv = base64(iv), PKCS#7, then checks <c>watermark.appid</c>
/// (developers.weixin.qq.com/miniprogram/dev/framework/open-ability/signature.html).
/// </summary>
public static class MiniProgramDataDecryptor
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Decrypts and checks the watermark; never throws on bad input.</summary>
    public static MiniProgramDecryptResult Decrypt(string? sessionKey, string? initializationVector, string? encryptedData, string expectedAppId)
    {
        ArgumentException.ThrowIfNullOrEmpty(expectedAppId);
        Span<byte> key = stackalloc byte[18];
        if (sessionKey is null || !Convert.TryFromBase64String(sessionKey, key, out var keyLength) || keyLength != 16)
        {
            return MiniProgramDecryptResult.Rejected(MiniProgramDecryptFailure.SessionKeyInvalid);
        }

        Span<byte> iv = stackalloc byte[18];
        if (initializationVector is null || !Convert.TryFromBase64String(initializationVector, iv, out var ivLength) || ivLength != 16)
        {
            return MiniProgramDecryptResult.Rejected(MiniProgramDecryptFailure.InitializationVectorInvalid);
        }

        if (string.IsNullOrEmpty(encryptedData))
        {
            return MiniProgramDecryptResult.Rejected(MiniProgramDecryptFailure.CiphertextLengthInvalid);
        }

        var cipherBuffer = new byte[(encryptedData.Length / 4 * 3) + 3];
        if (!Convert.TryFromBase64String(encryptedData, cipherBuffer, out var cipherLength))
        {
            return MiniProgramDecryptResult.Rejected(MiniProgramDecryptFailure.Base64Invalid);
        }

        if (cipherLength == 0 || cipherLength % 16 != 0)
        {
            return MiniProgramDecryptResult.Rejected(MiniProgramDecryptFailure.CiphertextLengthInvalid);
        }

        byte[] plaintextBytes;
        using (var aes = Aes.Create())
        {
            aes.Key = key[..16].ToArray();
            try
            {
                plaintextBytes = aes.DecryptCbc(cipherBuffer.AsSpan(0, cipherLength), iv[..16], PaddingMode.PKCS7);
            }
            catch (CryptographicException)
            {
                return MiniProgramDecryptResult.Rejected(MiniProgramDecryptFailure.PaddingInvalid);
            }
        }

        return CheckWatermark(plaintextBytes, expectedAppId);
    }

    private static MiniProgramDecryptResult CheckWatermark(byte[] plaintextBytes, string expectedAppId)
    {
        string json;
        try
        {
            json = StrictUtf8.GetString(plaintextBytes);
            using var document = JsonDocument.Parse(plaintextBytes);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return MiniProgramDecryptResult.Rejected(MiniProgramDecryptFailure.JsonInvalid);
            }

            if (!document.RootElement.TryGetProperty("watermark", out var watermark)
                || watermark.ValueKind != JsonValueKind.Object
                || !watermark.TryGetProperty("appid", out var appId)
                || appId.ValueKind != JsonValueKind.String)
            {
                return MiniProgramDecryptResult.Rejected(MiniProgramDecryptFailure.WatermarkMissing);
            }

            if (!string.Equals(appId.GetString(), expectedAppId, StringComparison.Ordinal))
            {
                return MiniProgramDecryptResult.Rejected(MiniProgramDecryptFailure.AppIdMismatch);
            }

            var timestamp = watermark.TryGetProperty("timestamp", out var time) && time.TryGetInt64(out var seconds) ? seconds : 0;
            return MiniProgramDecryptResult.Success(json, timestamp);
        }
        catch (Exception exception) when (exception is JsonException or DecoderFallbackException)
        {
            return MiniProgramDecryptResult.Rejected(MiniProgramDecryptFailure.JsonInvalid);
        }
    }
}
