using System.Globalization;
using System.Text;

namespace WxMall.WeChat.Pay.Crypto;

/// <summary>
/// WeChat Pay API v3 request signing: the message
/// <c>METHOD\nCANONICAL_URL\nTIMESTAMP\nNONCE\nBODY\n</c> signed with SHA256withRSA, carried in
/// <c>Authorization: WECHATPAY2-SHA256-RSA2048 mchid="…",nonce_str="…",timestamp="…",serial_no="…",signature="…"</c>.
/// </summary>
/// <remarks>https://pay.weixin.qq.com/wiki/doc/apiv3/wechatpay/wechatpay4_0.shtml</remarks>
public static class PayRequestSignature
{
    /// <summary>The authentication scheme of the Authorization header.</summary>
    public const string AuthorizationScheme = "WECHATPAY2-SHA256-RSA2048";

    /// <summary>
    /// The exact bytes to sign. <paramref name="canonicalUrl"/> is the path plus <c>?query</c> exactly as sent;
    /// <paramref name="body"/> is the exact body bytes (empty for GET, so the message ends in <c>\n\n</c>).
    /// </summary>
    public static byte[] BuildMessage(string method, string canonicalUrl, long timestamp, string nonce, ReadOnlySpan<byte> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        ArgumentException.ThrowIfNullOrEmpty(canonicalUrl);
        ArgumentException.ThrowIfNullOrEmpty(nonce);
        var head = string.Create(
            CultureInfo.InvariantCulture,
            $"{method}\n{canonicalUrl}\n{timestamp}\n{nonce}\n");
        var headLength = Encoding.UTF8.GetByteCount(head);
        var message = new byte[headLength + body.Length + 1];
        Encoding.UTF8.GetBytes(head, message);
        body.CopyTo(message.AsSpan(headLength));
        message[^1] = (byte)'\n';
        return message;
    }

    /// <summary>Signs a request and returns the full Authorization header value.</summary>
    public static string CreateAuthorization(
        WeChatPayMerchantKey merchantKey,
        string method,
        string canonicalUrl,
        long timestamp,
        string nonce,
        ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(merchantKey);
        var signature = merchantKey.SignToBase64(BuildMessage(method, canonicalUrl, timestamp, nonce, body));
        return FormatAuthorization(merchantKey.MerchantId, nonce, timestamp, merchantKey.CertificateSerial, signature);
    }

    /// <summary>Lays out the Authorization header value; attribute order does not matter to WeChat Pay.</summary>
    public static string FormatAuthorization(string merchantId, string nonce, long timestamp, string certificateSerial, string signature) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"{AuthorizationScheme} mchid=\"{merchantId}\",nonce_str=\"{nonce}\",timestamp=\"{timestamp}\",serial_no=\"{certificateSerial}\",signature=\"{signature}\"");
}
