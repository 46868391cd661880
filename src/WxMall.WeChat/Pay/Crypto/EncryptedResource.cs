using System.Text.Json.Serialization;

namespace WxMall.WeChat.Pay.Crypto;

/// <summary>
/// An AEAD_AES_256_GCM-encrypted object as WeChat Pay sends it: the <c>resource</c> of a notification
/// or the <c>encrypt_certificate</c> of a platform certificate.
/// </summary>
public sealed record EncryptedResource
{
    /// <summary><c>algorithm</c>: always <c>AEAD_AES_256_GCM</c>.</summary>
    [JsonPropertyName("algorithm")]
    public string? Algorithm { get; init; }

    /// <summary><c>ciphertext</c>: Base64 of ciphertext ‖ 16-byte tag.</summary>
    [JsonPropertyName("ciphertext")]
    public string? Ciphertext { get; init; }

    /// <summary><c>associated_data</c>: e.g. <c>transaction</c>, <c>refund</c>, <c>certificate</c>; may be empty.</summary>
    [JsonPropertyName("associated_data")]
    public string? AssociatedData { get; init; }

    /// <summary><c>nonce</c>: 12 characters.</summary>
    [JsonPropertyName("nonce")]
    public string? Nonce { get; init; }

    /// <summary><c>original_type</c>: the type of the plaintext object (notifications only).</summary>
    [JsonPropertyName("original_type")]
    public string? OriginalType { get; init; }
}
