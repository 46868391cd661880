using System.Text;
using Microsoft.AspNetCore.Http;
using WxMall.WeChat.Pay.Crypto;
using WxMall.WeChatEmulator.Accounts;

namespace WxMall.WeChatEmulator.Pay;

/// <summary>Checks the merchant's <c>Authorization: WECHATPAY2-SHA256-RSA2048 …</c> on the raw request; 401 SIGN_ERROR as WeChat answers.</summary>
internal static class MerchantAuthentication
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    public static PayReply? Check(HttpRequest request, byte[] body, EmulatorKeys keys, EmulatorOptions options, TimeProvider timeProvider)
    {
        var canonicalUrl = request.Path.Value + request.QueryString.Value;
        var header = request.Headers.Authorization.ToString();
        if (header.Length == 0)
        {
            return Refuse(request.Method, canonicalUrl, body, "authorization", "Authorization header is missing", null);
        }

        if (!PayAuthorization.TryParse(header, out var authorization) || authorization is null)
        {
            return Refuse(request.Method, canonicalUrl, body, "authorization", "Authorization format is invalid", null);
        }

        if (authorization.MerchantId != options.Merchant.MerchantId)
        {
            return PayReply.Error(400, "MCH_NOT_EXISTS", "商户号不存在");
        }

        if (PaySerialNumber.Normalize(authorization.CertificateSerial) != PaySerialNumber.Normalize(options.Merchant.CertificateSerial))
        {
            return Refuse(request.Method, canonicalUrl, body, "serial_no", "merchant certificate serial_no not match", authorization);
        }

        var age = timeProvider.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(authorization.Timestamp);
        if (age.Duration() > Window)
        {
            return Refuse(request.Method, canonicalUrl, body, "timestamp", "timestamp expired", authorization);
        }

        return authorization.Verify(keys.MerchantVerificationKey, request.Method, canonicalUrl, body)
            ? null
            : Refuse(request.Method, canonicalUrl, body, "signature", "sign not match", authorization);
    }

    private static PayReply Refuse(string method, string canonicalUrl, byte[] body, string field, string issue, PayAuthorization? authorization)
    {
        var message = authorization is null
            ? $"{method}\n{canonicalUrl}\n"
            : Encoding.UTF8.GetString(PayRequestSignature.BuildMessage(method, canonicalUrl, authorization.Timestamp, authorization.Nonce, body));
        return PayReply.Error(401, "SIGN_ERROR", "签名错误，请检查后再试", new
        {
            field,
            location = "authorization",
            detail = new { issue },
            sign_information = new
            {
                method,
                url = canonicalUrl,
                truncated_sign_message = message.Length > 60 ? message[..60] : message,
                sign_message_length = Encoding.UTF8.GetByteCount(message),
            },
        });
    }
}
