namespace WxMall.WeChat.Pay.Crypto;

/// <summary>Spelling rules for the values of <c>Wechatpay-Serial</c>.</summary>
public static class PaySerialNumber
{
    /// <summary>Prefix of a WeChat Pay public key id; any other serial is a platform certificate serial.</summary>
    public const string PublicKeyIdPrefix = "PUB_KEY_ID_";

    /// <summary>True when the serial names a WeChat Pay public key rather than a platform certificate.</summary>
    public static bool IsPublicKeyId(string serial) =>
        serial.StartsWith(PublicKeyIdPrefix, StringComparison.Ordinal);

    /// <summary>
    /// The form used to look a serial up. Certificate serials are hex and compared without case and without
    /// leading zeros: .NET reports a DER serial whose top bit is set with a leading "00"
    /// (<c>00D7CE59D1F522D701</c>) while WeChat Pay sends <c>D7CE59D1F522D701</c>.
    /// Public key ids are compared exactly.
    /// </summary>
    public static string Normalize(string serial)
    {
        ArgumentNullException.ThrowIfNull(serial);
        var trimmed = serial.Trim();
        if (IsPublicKeyId(trimmed))
        {
            return trimmed;
        }

        var withoutLeadingZeros = trimmed.TrimStart('0');
        return withoutLeadingZeros.Length == 0 ? "0" : withoutLeadingZeros.ToUpperInvariant();
    }
}
