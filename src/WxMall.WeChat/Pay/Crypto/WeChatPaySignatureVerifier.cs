using System.Buffers;
using System.Globalization;
using System.Text;

namespace WxMall.WeChat.Pay.Crypto;

/// <summary>
/// Verifies WeChat Pay responses and callbacks: the message <c>TIMESTAMP\nNONCE\nRAW_BODY\n</c> signed with
/// SHA256withRSA by the key that <c>Wechatpay-Serial</c> names (platform certificate or <c>PUB_KEY_ID_…</c>
/// public key), inside a clock window, refusing <c>WECHATPAY/SIGNTEST/</c> probes.
/// </summary>
/// <remarks>https://pay.weixin.qq.com/wiki/doc/apiv3/wechatpay/wechatpay4_1.shtml</remarks>
public sealed class WeChatPaySignatureVerifier
{
    /// <summary>Prefix of the deliberately wrong signatures WeChat Pay sends to check that merchants verify.</summary>
    public const string ProbeSignaturePrefix = "WECHATPAY/SIGNTEST/";

    /// <summary>The clock window the official SDKs apply.</summary>
    public static readonly TimeSpan DefaultAllowedClockSkew = TimeSpan.FromMinutes(5);

    private readonly PayVerifierKeyStore keys;
    private readonly TimeProvider timeProvider;
    private readonly long allowedSkewSeconds;

    /// <summary>Creates a verifier over a key store; time comes from <paramref name="timeProvider"/>.</summary>
    public WeChatPaySignatureVerifier(PayVerifierKeyStore keys, TimeProvider timeProvider, TimeSpan? allowedClockSkew = null)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(timeProvider);
        this.keys = keys;
        this.timeProvider = timeProvider;
        allowedSkewSeconds = (long)(allowedClockSkew ?? DefaultAllowedClockSkew).TotalSeconds;
    }

    /// <summary>The keys this verifier trusts.</summary>
    public PayVerifierKeyStore Keys => keys;

    /// <summary>Verifies the raw body bytes against the signature headers. Never throws for bad input.</summary>
    public PayCheck Verify(PaySignatureHeaders headers, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(headers);
        if (!headers.IsComplete)
        {
            return PayCheck.Refused(
                PayFailureReason.MissingHeader,
                "Wechatpay-Timestamp, Wechatpay-Nonce, Wechatpay-Signature and Wechatpay-Serial are all required; " +
                "a proxy or CDN in front of the app may be stripping them.");
        }

        if (headers.Signature!.StartsWith(ProbeSignaturePrefix, StringComparison.Ordinal))
        {
            return PayCheck.Refused(
                PayFailureReason.ProbeSignature,
                "WECHATPAY/SIGNTEST/ probe signature: WeChat Pay is checking that we verify; answer with a 4xx/5xx.");
        }

        if (!long.TryParse(headers.Timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp))
        {
            return PayCheck.Refused(PayFailureReason.MalformedTimestamp, "Wechatpay-Timestamp is not unix seconds.");
        }

        var now = timeProvider.GetUtcNow();
        var skew = now.ToUnixTimeSeconds() - timestamp;
        if (skew > allowedSkewSeconds || skew < -allowedSkewSeconds)
        {
            return PayCheck.Refused(
                PayFailureReason.TimestampOutsideWindow,
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"Wechatpay-Timestamp is {skew} s away from now (allowed ±{allowedSkewSeconds} s): a replay, or a wrong server clock."));
        }

        var key = keys.Find(headers.Serial!);
        if (key is null)
        {
            return PayCheck.Refused(
                PayFailureReason.UnknownSerial,
                PaySerialNumber.IsPublicKeyId(headers.Serial!)
                    ? $"Wechatpay-Serial {headers.Serial} is a WeChat Pay public key id we do not hold; configure that public key."
                    : $"Wechatpay-Serial {headers.Serial} is a platform certificate we do not hold; download /v3/certificates again.");
        }

        if (!key.IsValidAt(now))
        {
            return PayCheck.Refused(
                PayFailureReason.CertificateNotValid,
                $"Platform certificate {key.Serial} is outside its validity period; download /v3/certificates again.");
        }

        return VerifyWithKey(key, headers.Timestamp!, headers.Nonce!, headers.Signature!, body);
    }

    private static PayCheck VerifyWithKey(PayPlatformKey key, string timestamp, string nonce, string signatureBase64, ReadOnlySpan<byte> body)
    {
        Span<byte> signature = stackalloc byte[512];
        if (signatureBase64.Length > 684
            || !Convert.TryFromBase64String(signatureBase64, signature, out var signatureLength))
        {
            return PayCheck.Refused(PayFailureReason.MalformedSignature, "Wechatpay-Signature is not Base64.");
        }

        var headLength = Encoding.UTF8.GetByteCount(timestamp) + Encoding.UTF8.GetByteCount(nonce) + 2;
        var messageLength = headLength + body.Length + 1;
        var rented = ArrayPool<byte>.Shared.Rent(messageLength);
        try
        {
            var message = rented.AsSpan(0, messageLength);
            var offset = Encoding.UTF8.GetBytes(timestamp, message);
            message[offset++] = (byte)'\n';
            offset += Encoding.UTF8.GetBytes(nonce, message[offset..]);
            message[offset++] = (byte)'\n';
            body.CopyTo(message[offset..]);
            message[^1] = (byte)'\n';

            return key.VerifySignature(message, signature[..signatureLength])
                ? PayCheck.Valid(key.Serial)
                : PayCheck.Refused(
                    PayFailureReason.SignatureMismatch,
                    $"The signature does not verify with {key.Serial}: verify the raw body bytes exactly as received, not a re-serialized copy.");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
