using System.Text.Json.Serialization;
using WxMall.WeChat.Pay.Refunds;

namespace WxMall.WeChat.Pay.Notifications;

/// <summary>A verified, decrypted refund notification (<c>REFUND.SUCCESS</c>, <c>REFUND.ABNORMAL</c>, <c>REFUND.CLOSED</c>).</summary>
/// <param name="Envelope">The outer notification.</param>
/// <param name="Refund">The decrypted refund.</param>
public sealed record RefundNotification(PayNotificationEnvelope Envelope, NotifiedRefund Refund);

/// <summary>
/// The refund decrypted from a refund notification.
/// https://pay.weixin.qq.com/wiki/doc/apiv3/apis/chapter3_1_11.shtml
/// </summary>
public sealed record NotifiedRefund
{
    /// <summary><c>mchid</c>.</summary>
    [JsonPropertyName("mchid")]
    public string? MerchantId { get; init; }

    /// <summary><c>out_trade_no</c>.</summary>
    [JsonPropertyName("out_trade_no")]
    public string? OutTradeNumber { get; init; }

    /// <summary><c>transaction_id</c>.</summary>
    [JsonPropertyName("transaction_id")]
    public string? TransactionId { get; init; }

    /// <summary><c>out_refund_no</c>.</summary>
    [JsonPropertyName("out_refund_no")]
    public string OutRefundNumber { get; init; } = string.Empty;

    /// <summary><c>refund_id</c>.</summary>
    [JsonPropertyName("refund_id")]
    public string? RefundId { get; init; }

    /// <summary><c>refund_status</c>: see <see cref="RefundStatuses"/>.</summary>
    [JsonPropertyName("refund_status")]
    public string RefundStatus { get; init; } = string.Empty;

    /// <summary><c>success_time</c>.</summary>
    [JsonPropertyName("success_time")]
    public DateTimeOffset? SuccessTime { get; init; }

    /// <summary><c>user_received_account</c>.</summary>
    [JsonPropertyName("user_received_account")]
    public string? UserReceivedAccount { get; init; }

    /// <summary><c>amount</c>: total, refund, payer_total, payer_refund (fen).</summary>
    [JsonPropertyName("amount")]
    public RefundAmountDetails? Amount { get; init; }
}
