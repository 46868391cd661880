using System.Net.Http.Headers;

namespace WxMall.WeChat.Pay.Crypto;

/// <summary>The four headers WeChat Pay signs its responses and callbacks with.</summary>
/// <param name="Timestamp"><c>Wechatpay-Timestamp</c>: unix seconds.</param>
/// <param name="Nonce"><c>Wechatpay-Nonce</c>.</param>
/// <param name="Signature"><c>Wechatpay-Signature</c>: Base64 SHA256withRSA.</param>
/// <param name="Serial"><c>Wechatpay-Serial</c>: platform certificate serial or <c>PUB_KEY_ID_…</c>.</param>
public sealed record PaySignatureHeaders(string? Timestamp, string? Nonce, string? Signature, string? Serial)
{
    /// <summary>Header name of the timestamp.</summary>
    public const string TimestampHeader = "Wechatpay-Timestamp";

    /// <summary>Header name of the nonce.</summary>
    public const string NonceHeader = "Wechatpay-Nonce";

    /// <summary>Header name of the signature.</summary>
    public const string SignatureHeader = "Wechatpay-Signature";

    /// <summary>Header name of the serial (also sent by the merchant to declare the key it verifies with).</summary>
    public const string SerialHeader = "Wechatpay-Serial";

    /// <summary>Reads the headers through a case-insensitive lookup (e.g. ASP.NET Core's request headers).</summary>
    public static PaySignatureHeaders FromLookup(Func<string, string?> lookup)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        return new PaySignatureHeaders(
            lookup(TimestampHeader),
            lookup(NonceHeader),
            lookup(SignatureHeader),
            lookup(SerialHeader));
    }

    /// <summary>Reads the headers from a dictionary; names are matched without case.</summary>
    public static PaySignatureHeaders FromDictionary(IReadOnlyDictionary<string, string> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        return FromLookup(name =>
            headers.FirstOrDefault(pair => string.Equals(pair.Key, name, StringComparison.OrdinalIgnoreCase)).Value);
    }

    /// <summary>Reads the headers of an HTTP response.</summary>
    public static PaySignatureHeaders FromHttpHeaders(HttpHeaders headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        return FromLookup(name => headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null);
    }

    /// <summary>True when all four headers carry a value.</summary>
    public bool IsComplete =>
        !string.IsNullOrWhiteSpace(Timestamp) && !string.IsNullOrWhiteSpace(Nonce)
        && !string.IsNullOrWhiteSpace(Signature) && !string.IsNullOrWhiteSpace(Serial);
}
