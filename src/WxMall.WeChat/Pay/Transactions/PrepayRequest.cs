using System.Text.Json.Serialization;

namespace WxMall.WeChat.Pay.Transactions;

/// <summary>
/// The body fields the JSAPI, Native and H5 prepay requests share, in the order of the official docs.
/// <see cref="AppId"/>, <see cref="MerchantId"/> and <see cref="NotifyUrl"/> are filled from the options when null.
/// </summary>
public abstract record PrepayRequest
{
    /// <summary><c>appid</c>: bound to the merchant id, else APPID_MCHID_NOT_MATCH.</summary>
    [JsonPropertyName("appid")]
    [JsonPropertyOrder(1)]
    public string? AppId { get; init; }

    /// <summary><c>mchid</c>.</summary>
    [JsonPropertyName("mchid")]
    [JsonPropertyOrder(2)]
    public string? MerchantId { get; init; }

    /// <summary><c>description</c>: shown to the payer, at most 127 characters.</summary>
    [JsonPropertyName("description")]
    [JsonPropertyOrder(3)]
    public required string Description { get; init; }

    /// <summary><c>out_trade_no</c>: 6–32 characters of <c>[0-9A-Za-z_-|*]</c>, unique per merchant.</summary>
    [JsonPropertyName("out_trade_no")]
    [JsonPropertyOrder(4)]
    public required string OutTradeNumber { get; init; }

    /// <summary><c>time_expire</c>: the last moment the order can be paid.</summary>
    [JsonPropertyName("time_expire")]
    [JsonPropertyOrder(5)]
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary><c>attach</c>: echoed in query and notification, at most 128 characters.</summary>
    [JsonPropertyName("attach")]
    [JsonPropertyOrder(6)]
    public string? Attach { get; init; }

    /// <summary><c>notify_url</c>: HTTPS, no query string.</summary>
    [JsonPropertyName("notify_url")]
    [JsonPropertyOrder(7)]
    public string? NotifyUrl { get; init; }

    /// <summary><c>goods_tag</c>: discount tag.</summary>
    [JsonPropertyName("goods_tag")]
    [JsonPropertyOrder(8)]
    public string? GoodsTag { get; init; }

    /// <summary><c>support_fapiao</c>: show the e-invoice entry.</summary>
    [JsonPropertyName("support_fapiao")]
    [JsonPropertyOrder(9)]
    public bool? SupportFapiao { get; init; }

    /// <summary><c>amount</c>.</summary>
    [JsonPropertyName("amount")]
    [JsonPropertyOrder(10)]
    public required PrepayAmount Amount { get; init; }

    /// <summary><c>detail</c>.</summary>
    [JsonPropertyName("detail")]
    [JsonPropertyOrder(12)]
    public PrepayDetail? Detail { get; init; }

    /// <summary><c>settle_info</c>.</summary>
    [JsonPropertyName("settle_info")]
    [JsonPropertyOrder(14)]
    public PrepaySettleInfo? SettleInfo { get; init; }
}
