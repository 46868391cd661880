using System.Text.Json.Serialization;

namespace WxMall.WeChat.Pay.Transactions;

/// <summary>
/// The Transaction object of Pay v3, as returned by the order queries and decrypted from
/// <c>TRANSACTION.SUCCESS</c> notifications. Before payment only a few fields are present.
/// </summary>
public abstract record TransactionDetails
{
    /// <summary><c>appid</c>.</summary>
    [JsonPropertyName("appid")]
    public string? AppId { get; init; }

    /// <summary><c>mchid</c>.</summary>
    [JsonPropertyName("mchid")]
    public string? MerchantId { get; init; }

    /// <summary><c>out_trade_no</c>.</summary>
    [JsonPropertyName("out_trade_no")]
    public string OutTradeNumber { get; init; } = string.Empty;

    /// <summary><c>transaction_id</c>: WeChat Pay's order number (absent before payment).</summary>
    [JsonPropertyName("transaction_id")]
    public string? TransactionId { get; init; }

    /// <summary><c>trade_type</c>: JSAPI, NATIVE, APP, MICROPAY, MWEB, FACEPAY.</summary>
    [JsonPropertyName("trade_type")]
    public string? TradeType { get; init; }

    /// <summary><c>trade_state</c>: see <see cref="TradeStates"/>.</summary>
    [JsonPropertyName("trade_state")]
    public string TradeState { get; init; } = string.Empty;

    /// <summary><c>trade_state_desc</c>.</summary>
    [JsonPropertyName("trade_state_desc")]
    public string? TradeStateDescription { get; init; }

    /// <summary><c>bank_type</c>.</summary>
    [JsonPropertyName("bank_type")]
    public string? BankType { get; init; }

    /// <summary><c>attach</c>: as sent in the prepay.</summary>
    [JsonPropertyName("attach")]
    public string? Attach { get; init; }

    /// <summary><c>success_time</c>.</summary>
    [JsonPropertyName("success_time")]
    public DateTimeOffset? SuccessTime { get; init; }

    /// <summary><c>payer</c>.</summary>
    [JsonPropertyName("payer")]
    public TransactionPayer? Payer { get; init; }

    /// <summary><c>amount</c>.</summary>
    [JsonPropertyName("amount")]
    public TransactionAmount? Amount { get; init; }

    /// <summary><c>scene_info</c>.</summary>
    [JsonPropertyName("scene_info")]
    public TransactionSceneInfo? SceneInfo { get; init; }

    /// <summary><c>promotion_detail</c>.</summary>
    [JsonPropertyName("promotion_detail")]
    public IReadOnlyList<PromotionDetail>? PromotionDetails { get; init; }
}

/// <summary>Values of <c>trade_state</c>.</summary>
public static class TradeStates
{
    /// <summary>Paid.</summary>
    public const string Success = "SUCCESS";

    /// <summary>Paid, then (partly) refunded.</summary>
    public const string Refund = "REFUND";

    /// <summary>Not paid yet.</summary>
    public const string NotPaid = "NOTPAY";

    /// <summary>Closed.</summary>
    public const string Closed = "CLOSED";

    /// <summary>Revoked (pay-by-code only).</summary>
    public const string Revoked = "REVOKED";

    /// <summary>Payer entering the password (pay-by-code only).</summary>
    public const string UserPaying = "USERPAYING";

    /// <summary>Failed (pay-by-code only).</summary>
    public const string PayError = "PAYERROR";
}

/// <summary><c>payer</c> of a transaction.</summary>
public sealed record TransactionPayer
{
    /// <summary><c>openid</c>.</summary>
    [JsonPropertyName("openid")]
    public string? OpenId { get; init; }
}

/// <summary><c>amount</c> of a transaction.</summary>
public sealed record TransactionAmount
{
    /// <summary><c>total</c>: order amount in fen.</summary>
    [JsonPropertyName("total")]
    public long? TotalFen { get; init; }

    /// <summary><c>payer_total</c>: what the payer paid, in fen, after discounts.</summary>
    [JsonPropertyName("payer_total")]
    public long? PayerTotalFen { get; init; }

    /// <summary><c>currency</c>.</summary>
    [JsonPropertyName("currency")]
    public string? Currency { get; init; }

    /// <summary><c>payer_currency</c>.</summary>
    [JsonPropertyName("payer_currency")]
    public string? PayerCurrency { get; init; }
}

/// <summary><c>scene_info</c> of a transaction.</summary>
public sealed record TransactionSceneInfo
{
    /// <summary><c>device_id</c>.</summary>
    [JsonPropertyName("device_id")]
    public string? DeviceId { get; init; }
}

/// <summary>One entry of <c>promotion_detail</c>.</summary>
public sealed record PromotionDetail
{
    /// <summary><c>coupon_id</c>.</summary>
    [JsonPropertyName("coupon_id")]
    public string? CouponId { get; init; }

    /// <summary><c>name</c>.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    /// <summary><c>scope</c>: GLOBAL or SINGLE.</summary>
    [JsonPropertyName("scope")]
    public string? Scope { get; init; }

    /// <summary><c>type</c>: CASH or NOCASH.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; init; }

    /// <summary><c>amount</c>: discount in fen.</summary>
    [JsonPropertyName("amount")]
    public long? AmountFen { get; init; }

    /// <summary><c>stock_id</c>.</summary>
    [JsonPropertyName("stock_id")]
    public string? StockId { get; init; }

    /// <summary><c>wechatpay_contribute</c> in fen.</summary>
    [JsonPropertyName("wechatpay_contribute")]
    public long? WeChatPayContributionFen { get; init; }

    /// <summary><c>merchant_contribute</c> in fen.</summary>
    [JsonPropertyName("merchant_contribute")]
    public long? MerchantContributionFen { get; init; }

    /// <summary><c>other_contribute</c> in fen.</summary>
    [JsonPropertyName("other_contribute")]
    public long? OtherContributionFen { get; init; }

    /// <summary><c>currency</c>.</summary>
    [JsonPropertyName("currency")]
    public string? Currency { get; init; }
}
