using System.Globalization;

namespace WxMall.WeChat.Pay.Crypto;

/// <summary>
/// The attributes of a <c>WECHATPAY2-SHA256-RSA2048</c> Authorization header, as WeChat Pay (or the emulator)
/// reads them to verify a merchant's request. Attribute order does not matter; values are quoted.
/// </summary>
/// <param name="MerchantId"><c>mchid</c>.</param>
/// <param name="Nonce"><c>nonce_str</c>.</param>
/// <param name="Timestamp"><c>timestamp</c>: unix seconds.</param>
/// <param name="CertificateSerial"><c>serial_no</c>: the merchant API certificate serial.</param>
/// <param name="Signature"><c>signature</c>: Base64 SHA256withRSA.</param>
public sealed record PayAuthorization(string MerchantId, string Nonce, long Timestamp, string CertificateSerial, string Signature)
{
    /// <summary>Reads an Authorization header value; false when it is not a complete WECHATPAY2-SHA256-RSA2048 header.</summary>
    public static bool TryParse(string? header, out PayAuthorization? authorization)
    {
        authorization = null;
        var prefix = PayRequestSignature.AuthorizationScheme + " ";
        if (header is null || !header.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in header[prefix.Length..].Split(','))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                return false;
            }

            var value = part[(equals + 1)..].Trim();
            if (value.Length < 2 || value[0] != '"' || value[^1] != '"')
            {
                return false;
            }

            attributes[part[..equals].Trim()] = value[1..^1];
        }

        if (!attributes.TryGetValue("mchid", out var merchantId)
            || !attributes.TryGetValue("nonce_str", out var nonce)
            || !attributes.TryGetValue("timestamp", out var timestampText)
            || !attributes.TryGetValue("serial_no", out var serial)
            || !attributes.TryGetValue("signature", out var signature)
            || !long.TryParse(timestampText, NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp))
        {
            return false;
        }

        authorization = new PayAuthorization(merchantId, nonce, timestamp, serial, signature);
        return true;
    }

    /// <summary>Verifies the signature over the request as received, with the merchant certificate's key.</summary>
    public bool Verify(PayPlatformKey merchantCertificate, string method, string canonicalUrl, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(merchantCertificate);
        Span<byte> signature = stackalloc byte[512];
        return Signature.Length <= 684
            && Convert.TryFromBase64String(Signature, signature, out var length)
            && merchantCertificate.VerifySignature(PayRequestSignature.BuildMessage(method, canonicalUrl, Timestamp, Nonce, body), signature[..length]);
    }
}
