using System.Text.Json.Serialization;

namespace WxMall.WeChat.Pay.Refunds;

/// <summary>The Refund object of Pay v3, returned by refund create and query.</summary>
public abstract record RefundDetails
{
    /// <summary><c>refund_id</c>: WeChat Pay's refund number.</summary>
    [JsonPropertyName("refund_id")]
    public string RefundId { get; init; } = string.Empty;

    /// <summary><c>out_refund_no</c>.</summary>
    [JsonPropertyName("out_refund_no")]
    public string OutRefundNumber { get; init; } = string.Empty;

    /// <summary><c>transaction_id</c>.</summary>
    [JsonPropertyName("transaction_id")]
    public string? TransactionId { get; init; }

    /// <summary><c>out_trade_no</c>.</summary>
    [JsonPropertyName("out_trade_no")]
    public string? OutTradeNumber { get; init; }

    /// <summary><c>channel</c>: ORIGINAL, BALANCE, OTHER_BALANCE, OTHER_BANKCARD.</summary>
    [JsonPropertyName("channel")]
    public string? Channel { get; init; }

    /// <summary><c>user_received_account</c>: e.g. "招商银行信用卡0403".</summary>
    [JsonPropertyName("user_received_account")]
    public string? UserReceivedAccount { get; init; }

    /// <summary><c>success_time</c>.</summary>
    [JsonPropertyName("success_time")]
    public DateTimeOffset? SuccessTime { get; init; }

    /// <summary><c>create_time</c>.</summary>
    [JsonPropertyName("create_time")]
    public DateTimeOffset? CreateTime { get; init; }

    /// <summary><c>status</c>: see <see cref="RefundStatuses"/>.</summary>
    [JsonPropertyName("status")]
    public string Status { get; init; } = string.Empty;

    /// <summary><c>funds_account</c>.</summary>
    [JsonPropertyName("funds_account")]
    public string? FundsAccount { get; init; }

    /// <summary><c>amount</c>.</summary>
    [JsonPropertyName("amount")]
    public RefundAmountDetails? Amount { get; init; }
}

/// <summary>Values of the refund <c>status</c> (and of <c>refund_status</c> in notifications).</summary>
public static class RefundStatuses
{
    /// <summary>Refunded.</summary>
    public const string Success = "SUCCESS";

    /// <summary>Closed.</summary>
    public const string Closed = "CLOSED";

    /// <summary>In progress.</summary>
    public const string Processing = "PROCESSING";

    /// <summary>The payer's account is abnormal; the merchant must act.</summary>
    public const string Abnormal = "ABNORMAL";
}

/// <summary><c>amount</c> of a refund.</summary>
public sealed record RefundAmountDetails
{
    /// <summary><c>total</c>: original order amount in fen.</summary>
    [JsonPropertyName("total")]
    public long? TotalFen { get; init; }

    /// <summary><c>refund</c>: refunded amount in fen.</summary>
    [JsonPropertyName("refund")]
    public long? RefundFen { get; init; }

    /// <summary><c>from</c>: where the refund is funded from.</summary>
    [JsonPropertyName("from")]
    public IReadOnlyList<RefundSource>? From { get; init; }

    /// <summary><c>payer_total</c> in fen.</summary>
    [JsonPropertyName("payer_total")]
    public long? PayerTotalFen { get; init; }

    /// <summary><c>payer_refund</c> in fen.</summary>
    [JsonPropertyName("payer_refund")]
    public long? PayerRefundFen { get; init; }

    /// <summary><c>settlement_refund</c> in fen.</summary>
    [JsonPropertyName("settlement_refund")]
    public long? SettlementRefundFen { get; init; }

    /// <summary><c>settlement_total</c> in fen.</summary>
    [JsonPropertyName("settlement_total")]
    public long? SettlementTotalFen { get; init; }

    /// <summary><c>discount_refund</c> in fen.</summary>
    [JsonPropertyName("discount_refund")]
    public long? DiscountRefundFen { get; init; }

    /// <summary><c>currency</c>.</summary>
    [JsonPropertyName("currency")]
    public string? Currency { get; init; }
}

/// <summary>One entry of <c>amount.from</c>.</summary>
public sealed record RefundSource
{
    /// <summary><c>account</c>: AVAILABLE or UNAVAILABLE.</summary>
    [JsonPropertyName("account")]
    public required string Account { get; init; }

    /// <summary><c>amount</c> in fen.</summary>
    [JsonPropertyName("amount")]
    public required long AmountFen { get; init; }
}
