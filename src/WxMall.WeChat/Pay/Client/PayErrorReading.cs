using System.Text;
using System.Text.Json;

namespace WxMall.WeChat.Pay.Client;

/// <summary>Reads the <c>{code, message, detail}</c> error body of Pay v3.</summary>
internal static class PayErrorReading
{
    public static PayError Read(PayRawResponse response, bool isSignatureVerified)
    {
        try
        {
            using var document = JsonDocument.Parse(response.Body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String)
            {
                return new PayError
                {
                    Kind = PayErrorKind.WeChatPay,
                    Code = code.GetString()!,
                    Message = root.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String
                        ? message.GetString()!
                        : string.Empty,
                    Detail = root.TryGetProperty("detail", out var detail) ? detail.Clone() : null,
                    HttpStatus = response.HttpStatus,
                    IsSignatureVerified = isSignatureVerified,
                };
            }
        }
        catch (JsonException)
        {
            // Gateways in front of WeChat Pay answer 502/503 with HTML; reported below.
        }

        return new PayError
        {
            Kind = PayErrorKind.WeChatPay,
            Code = "HTTP_" + response.HttpStatus.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Message = Preview(response.Body),
            HttpStatus = response.HttpStatus,
            IsSignatureVerified = isSignatureVerified,
        };
    }

    private static string Preview(byte[] body)
    {
        var text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 200));
        return text.Length == 0 ? "(empty body)" : text;
    }
}
