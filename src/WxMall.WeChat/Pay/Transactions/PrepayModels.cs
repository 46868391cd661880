using System.Text.Json.Serialization;

namespace WxMall.WeChat.Pay.Transactions;

/// <summary><c>amount</c> of a prepay request.</summary>
public sealed record PrepayAmount
{
    /// <summary><c>total</c>: order amount in fen.</summary>
    [JsonPropertyName("total")]
    public required long TotalFen { get; init; }

    /// <summary><c>currency</c>: <c>CNY</c>.</summary>
    [JsonPropertyName("currency")]
    public string? Currency { get; init; } = "CNY";
}

/// <summary><c>payer</c> of a JSAPI prepay request.</summary>
public sealed record PrepayPayer
{
    /// <summary><c>openid</c> of the payer under the request's appid.</summary>
    [JsonPropertyName("openid")]
    public required string OpenId { get; init; }
}

/// <summary><c>detail</c>: goods details for discounts.</summary>
public sealed record PrepayDetail
{
    /// <summary><c>cost_price</c>: original price in fen.</summary>
    [JsonPropertyName("cost_price")]
    public long? CostPriceFen { get; init; }

    /// <summary><c>invoice_id</c>: the merchant's receipt id.</summary>
    [JsonPropertyName("invoice_id")]
    public string? InvoiceId { get; init; }

    /// <summary><c>goods_detail</c>.</summary>
    [JsonPropertyName("goods_detail")]
    public IReadOnlyList<PrepayGoodsDetail>? GoodsDetails { get; init; }
}

/// <summary>One entry of <c>goods_detail</c>.</summary>
public sealed record PrepayGoodsDetail
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

    /// <summary><c>quantity</c>.</summary>
    [JsonPropertyName("quantity")]
    public required int Quantity { get; init; }

    /// <summary><c>unit_price</c> in fen.</summary>
    [JsonPropertyName("unit_price")]
    public required long UnitPriceFen { get; init; }
}

/// <summary><c>scene_info</c>: where the payment happens (required for H5).</summary>
public sealed record PrepaySceneInfo
{
    /// <summary><c>payer_client_ip</c>: the shopper's IPv4 or IPv6 address.</summary>
    [JsonPropertyName("payer_client_ip")]
    public required string PayerClientIp { get; init; }

    /// <summary><c>device_id</c>: the merchant's terminal id.</summary>
    [JsonPropertyName("device_id")]
    public string? DeviceId { get; init; }

    /// <summary><c>store_info</c>.</summary>
    [JsonPropertyName("store_info")]
    public PrepayStoreInfo? StoreInfo { get; init; }

    /// <summary><c>h5_info</c>: required for H5 payments.</summary>
    [JsonPropertyName("h5_info")]
    public PrepayH5Info? H5Info { get; init; }
}

/// <summary><c>store_info</c>: the merchant's physical store.</summary>
public sealed record PrepayStoreInfo
{
    /// <summary><c>id</c>.</summary>
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    /// <summary><c>name</c>.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    /// <summary><c>area_code</c>: administrative region code.</summary>
    [JsonPropertyName("area_code")]
    public string? AreaCode { get; init; }

    /// <summary><c>address</c>.</summary>
    [JsonPropertyName("address")]
    public string? Address { get; init; }
}

/// <summary><c>h5_info</c>: the page or app that starts an H5 payment.</summary>
public sealed record PrepayH5Info
{
    /// <summary><c>type</c>: <c>Wap</c>, <c>iOS</c> or <c>Android</c>.</summary>
    [JsonPropertyName("type")]
    public required string Type { get; init; }

    /// <summary><c>app_name</c>.</summary>
    [JsonPropertyName("app_name")]
    public string? AppName { get; init; }

    /// <summary><c>app_url</c>.</summary>
    [JsonPropertyName("app_url")]
    public string? AppUrl { get; init; }

    /// <summary><c>bundle_id</c> (iOS).</summary>
    [JsonPropertyName("bundle_id")]
    public string? BundleId { get; init; }

    /// <summary><c>package_name</c> (Android).</summary>
    [JsonPropertyName("package_name")]
    public string? PackageName { get; init; }
}

/// <summary><c>settle_info</c>.</summary>
public sealed record PrepaySettleInfo
{
    /// <summary><c>profit_sharing</c>: hold the funds for profit sharing.</summary>
    [JsonPropertyName("profit_sharing")]
    public bool? ProfitSharing { get; init; }
}
