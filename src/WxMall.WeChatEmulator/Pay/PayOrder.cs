namespace WxMall.WeChatEmulator.Pay;

/// <summary>An order placed through a prepay call, as WeChat Pay keeps it.</summary>
public sealed class PayOrder
{
    public required string AppId { get; init; }

    public required string MerchantId { get; init; }

    public required string OutTradeNumber { get; init; }

    public required string Description { get; init; }

    public required long TotalFen { get; init; }

    public string Currency { get; init; } = "CNY";

    public string? PayerOpenId { get; init; }

    public required string NotifyUrl { get; init; }

    public string? Attach { get; init; }

    /// <summary>JSAPI, NATIVE or MWEB.</summary>
    public required string TradeType { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>The request fields that must match when the same out_trade_no is placed again.</summary>
    public required string Fingerprint { get; init; }

    public required string PrepayId { get; set; }

    public string? CodeUrl { get; set; }

    /// <summary>NOTPAY, SUCCESS, REFUND, CLOSED.</summary>
    public string State { get; set; } = "NOTPAY";

    public string? TransactionId { get; set; }

    public DateTimeOffset? SucceededAt { get; set; }

    /// <summary>The openid that paid (for Native and H5 orders, the scanning user).</summary>
    public string? PaidByOpenId { get; set; }
}

/// <summary>A refund of a paid order.</summary>
public sealed class PayRefund
{
    public required string RefundId { get; init; }

    public required string OutRefundNumber { get; init; }

    public required PayOrder Order { get; init; }

    public required long RefundFen { get; init; }

    public string? Reason { get; init; }

    public string? NotifyUrl { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>PROCESSING, SUCCESS, CLOSED, ABNORMAL.</summary>
    public string Status { get; set; } = "PROCESSING";

    public DateTimeOffset? SucceededAt { get; set; }
}
