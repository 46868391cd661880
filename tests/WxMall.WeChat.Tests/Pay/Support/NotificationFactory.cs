using System.Text;
using System.Text.Json;
using WxMall.WeChat.Pay.Crypto;

namespace WxMall.WeChat.Tests.Pay.Support;

/// <summary>Builds notifications the way WeChat Pay sends them: encrypted resource, signed raw body.</summary>
internal static class NotificationFactory
{
    public const string ApiV3Key = "0123456789ABCDEF0123456789abcdef";

    public const string TransactionJson =
        """{"mchid":"1900000109","appid":"wxd678efh567hg6787","out_trade_no":"WX20250615000001","transaction_id":"4200000985202103031441826014","trade_type":"JSAPI","trade_state":"SUCCESS","trade_state_desc":"支付成功","bank_type":"CMC","attach":"","success_time":"2025-06-15T13:29:35+08:00","payer":{"openid":"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"},"amount":{"total":1299900,"payer_total":1299900,"currency":"CNY","payer_currency":"CNY"}}""";

    public const string RefundJson =
        """{"mchid":"1900000109","out_trade_no":"WX20250615000001","transaction_id":"4200000985202103031441826014","out_refund_no":"RF20250616000001","refund_id":"50000000382019052709732678859","refund_status":"SUCCESS","success_time":"2025-06-16T13:29:35+08:00","user_received_account":"招商银行信用卡0403","amount":{"total":1299900,"refund":1299900,"payer_total":1299900,"payer_refund":1299900}}""";

    public static byte[] Body(
        string eventType,
        string resourceJson,
        string associatedData,
        string nonce = "fdasflkja484",
        string apiV3Key = ApiV3Key,
        string algorithm = "AEAD_AES_256_GCM",
        Func<string, string>? tamperCiphertext = null)
    {
        using var cipher = AeadAes256GcmCipher.FromApiV3Key(apiV3Key);
        var ciphertext = cipher.Encrypt(nonce, associatedData, resourceJson);
        var envelope = new
        {
            id = "EV-2018022511223320873",
            create_time = "2025-06-15T13:29:35+08:00",
            resource_type = "encrypt-resource",
            event_type = eventType,
            summary = eventType.StartsWith("REFUND", StringComparison.Ordinal) ? "退款成功" : "支付成功",
            resource = new
            {
                original_type = associatedData,
                algorithm,
                ciphertext = tamperCiphertext?.Invoke(ciphertext) ?? ciphertext,
                associated_data = associatedData,
                nonce,
            },
        };
        return JsonSerializer.SerializeToUtf8Bytes(envelope, WxMall.WeChat.Pay.Client.PayJson.Options);
    }

    public static byte[] Payment() => Body("TRANSACTION.SUCCESS", TransactionJson, "transaction");

    public static byte[] Refund() => Body("REFUND.SUCCESS", RefundJson, "refund");

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
