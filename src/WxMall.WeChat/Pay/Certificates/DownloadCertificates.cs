using System.Text.Json.Serialization;
using WxMall.WeChat.Pay.Crypto;

namespace WxMall.WeChat.Pay.Certificates;

/// <summary>
/// <c>GET /v3/certificates</c> — the platform certificates, each encrypted with the APIv3 key. The client
/// decrypts them, checks their serials, and verifies the response with the keys it holds or, on first download,
/// with the certificates just decrypted (their AEAD tag proves they came from WeChat Pay).
/// https://pay.weixin.qq.com/wiki/doc/apiv3/apis/wechatpay5_1.shtml
/// </summary>
public sealed record DownloadCertificatesRequest
{
    /// <summary><c>algorithm_type</c> (query): e.g. <c>RSA</c>; omitted when null.</summary>
    [JsonIgnore]
    public string? AlgorithmType { get; init; }
}

/// <summary>Response of <c>GET /v3/certificates</c>.</summary>
public sealed record DownloadCertificatesResponse
{
    /// <summary><c>data</c>: the encrypted certificates as sent.</summary>
    [JsonPropertyName("data")]
    public IReadOnlyList<EncryptedPlatformCertificate> Data { get; init; } = [];

    /// <summary>The certificates decrypted by the client, in the order of <see cref="Data"/>.</summary>
    [JsonIgnore]
    public IReadOnlyList<PlatformCertificate> Certificates { get; init; } = [];
}

/// <summary>One entry of <c>data</c>.</summary>
public sealed record EncryptedPlatformCertificate
{
    /// <summary><c>serial_no</c>.</summary>
    [JsonPropertyName("serial_no")]
    public string SerialNumber { get; init; } = string.Empty;

    /// <summary><c>effective_time</c>.</summary>
    [JsonPropertyName("effective_time")]
    public DateTimeOffset? EffectiveTime { get; init; }

    /// <summary><c>expire_time</c>.</summary>
    [JsonPropertyName("expire_time")]
    public DateTimeOffset? ExpireTime { get; init; }

    /// <summary><c>encrypt_certificate</c>: associated data <c>certificate</c>.</summary>
    [JsonPropertyName("encrypt_certificate")]
    public EncryptedResource? EncryptCertificate { get; init; }
}

/// <summary>A decrypted platform certificate, ready to add to a <see cref="PayVerifierKeyStore"/>.</summary>
/// <param name="SerialNumber">Hex serial, as WeChat Pay spells it.</param>
/// <param name="EffectiveTime">Start of validity.</param>
/// <param name="ExpireTime">End of validity.</param>
/// <param name="CertificatePem">The PEM text.</param>
/// <param name="Key">The parsed key.</param>
public sealed record PlatformCertificate(
    string SerialNumber,
    DateTimeOffset? EffectiveTime,
    DateTimeOffset? ExpireTime,
    string CertificatePem,
    PayPlatformKey Key);
