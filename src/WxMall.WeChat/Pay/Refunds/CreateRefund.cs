using System.Text.Json.Serialization;

namespace WxMall.WeChat.Pay.Refunds;

/// <summary>
/// <c>POST /v3/refund/domestic/refunds</c> — ask for a refund. The same <c>out_refund_no</c> is the same refund,
/// so reuse it on retry. The response only means "accepted": wait for the notification or query.
/// https://pay.weixin.qq.com/wiki/doc/apiv3/apis/chapter3_1_9.shtml
/// </summary>
public sealed record CreateRefundRequest
{
    /// <summary><c>transaction_id</c>: give this or <see cref="OutTradeNumber"/>.</summary>
    [JsonPropertyName("transaction_id")]
    public string? TransactionId { get; init; }

    /// <summary><c>out_trade_no</c>: give this or <see cref="TransactionId"/>.</summary>
    [JsonPropertyName("out_trade_no")]
    public string? OutTradeNumber { get; init; }

    /// <summary><c>out_refund_no</c>: our refund number, <c>[0-9A-Za-z_-|*@]</c>.</summary>
    [JsonPropertyName("out_refund_no")]
    public required string OutRefundNumber { get; init; }

    /// <summary><c>reason</c>: shown to the payer.</summary>
    [JsonPropertyName("reason")]
    public string? Reason { get; init; }

    /// <summary><c>notify_url</c>: overrides the console setting; the configured refund URL when null.</summary>
    [JsonPropertyName("notify_url")]
    public string? NotifyUrl { get; init; }

    /// <summary><c>funds_account</c>: <c>AVAILABLE</c>.</summary>
    [JsonPropertyName("funds_account")]
    public string? FundsAccount { get; init; }

    /// <summary><c>amount</c>.</summary>
    [JsonPropertyName("amount")]
    public required RefundRequestAmount Amount { get; init; }

    /// <summary><c>goods_detail</c>.</summary>
    [JsonPropertyName("goods_detail")]
    public IReadOnlyList<RefundGoodsDetail>? GoodsDetails { get; init; }
}

/// <summary><c>amount</c> of a refund request.</summary>
public sealed record RefundRequestAmount
{
    /// <summary><c>refund</c>: amount to refund in fen.</summary>
    [JsonPropertyName("refund")]
    public required long RefundFen { get; init; }

    /// <summary><c>from</c>: funding sources.</summary>
    [JsonPropertyName("from")]
    public IReadOnlyList<RefundSource>? From { get; init; }

    /// <summary><c>total</c>: the original order amount in fen.</summary>
    [JsonPropertyName("total")]
    public required long TotalFen { get; init; }

    /// <summary><c>currency</c>: <c>CNY</c>.</summary>
    [JsonPropertyName("currency")]
    public string Currency { get; init; } = "CNY";
}

/// <summary>One entry of <c>goods_detail</c> in a refund request.</summary>
public sealed record RefundGoodsDetail
{
    /// <summary><c>merchant_goods_id</c>.</summary>
    [JsonPropertyName("merchant_goods_id")]
    public required string MerchantGoodsId { get; init; }

    /// <summary><c>wechatpay_goods_id</c>.</summary>
    [JsonPropertyName("wechatpay_goods_id")]
    public string? WeChatPayGoodsId { get; init; }

    /// <summary><c>goods_name</c>.</summary>
    [JsonPropertyName("goods_name")]
    public string? GoodsName { get; init; }

    /// <summary><c>unit_price</c> in fen.</summary>
    [JsonPropertyName("unit_price")]
    public required long UnitPriceFen { get; init; }

    /// <summary><c>refund_amount</c> in fen.</summary>
    [JsonPropertyName("refund_amount")]
    public required long RefundAmountFen { get; init; }

    /// <summary><c>refund_quantity</c>.</summary>
    [JsonPropertyName("refund_quantity")]
    public required int RefundQuantity { get; init; }
}

/// <summary>Response of <c>POST /v3/refund/domestic/refunds</c>.</summary>
public sealed record CreateRefundResponse : RefundDetails;
