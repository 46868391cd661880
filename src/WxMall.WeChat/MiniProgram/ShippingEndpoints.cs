using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using WxMall.WeChat.Http;

namespace WxMall.WeChat.MiniProgram;

/// <summary>
/// POST /wxa/sec/order/upload_shipping_info — 发货信息录入. For mini-programs under trade management the payment stays
/// frozen until this is uploaded and the buyer confirms receipt
/// (developers.weixin.qq.com/miniprogram/dev/platform-capabilities/business-capabilities/order-shipping/order-shipping.html).
/// </summary>
public sealed record UploadShippingInfoRequest
{
    /// <summary><c>order_key</c>.</summary>
    [JsonPropertyName("order_key")]
    public required ShippingOrderKey OrderKey { get; init; }

    /// <summary><c>logistics_type</c>: 1 express, 2 same-city delivery, 3 virtual goods, 4 user pickup.</summary>
    [JsonPropertyName("logistics_type")]
    public required int LogisticsType { get; init; }

    /// <summary><c>delivery_mode</c>: 1 unified, 2 split (express only, at most 15 packages).</summary>
    [JsonPropertyName("delivery_mode")]
    public required int DeliveryMode { get; init; }

    /// <summary><c>is_all_delivered</c>: split delivery, true with the last package.</summary>
    [JsonPropertyName("is_all_delivered")]
    public bool? IsAllDelivered { get; init; }

    /// <summary><c>shipping_list</c>: 1 to 15 items.</summary>
    [JsonPropertyName("shipping_list")]
    public required IReadOnlyList<ShippingItem> Shipping { get; init; }

    /// <summary><c>upload_time</c>: RFC 3339 with milliseconds and offset; an update must carry a later time.</summary>
    [JsonPropertyName("upload_time")]
    [JsonConverter(typeof(Rfc3339MillisecondsConverter))]
    public required DateTimeOffset UploadTime { get; init; }

    /// <summary><c>payer:{openid}</c>.</summary>
    [JsonPropertyName("payer")]
    public required ShippingPayer Payer { get; init; }
}

/// <summary><c>order_key</c>: by transaction id (type 2) or by merchant id + out_trade_no (type 1).</summary>
public sealed record ShippingOrderKey
{
    /// <summary><c>order_number_type</c>: 1 = mchid + out_trade_no, 2 = transaction_id.</summary>
    [JsonPropertyName("order_number_type")]
    public required int OrderNumberType { get; init; }

    /// <summary><c>transaction_id</c>.</summary>
    [JsonPropertyName("transaction_id")]
    public string? TransactionId { get; init; }

    /// <summary><c>mchid</c>.</summary>
    [JsonPropertyName("mchid")]
    public string? MerchantId { get; init; }

    /// <summary><c>out_trade_no</c>.</summary>
    [JsonPropertyName("out_trade_no")]
    public string? OutTradeNumber { get; init; }

    /// <summary>Identifies the order by WeChat Pay transaction id.</summary>
    public static ShippingOrderKey ByTransactionId(string transactionId) => new() { OrderNumberType = 2, TransactionId = transactionId };

    /// <summary>Identifies the order by merchant id and the store's order number.</summary>
    public static ShippingOrderKey ByOutTradeNumber(string merchantId, string outTradeNumber) => new() { OrderNumberType = 1, MerchantId = merchantId, OutTradeNumber = outTradeNumber };
}

/// <summary>One package of <c>shipping_list</c>.</summary>
public sealed record ShippingItem
{
    /// <summary><c>tracking_no</c>: required for express.</summary>
    [JsonPropertyName("tracking_no")]
    public string? TrackingNumber { get; init; }

    /// <summary><c>express_company</c>: code from get_delivery_list; required for express.</summary>
    [JsonPropertyName("express_company")]
    public string? ExpressCompany { get; init; }

    /// <summary><c>item_desc</c>: at most 120 characters, e.g. "微信红包抱枕*1个".</summary>
    [JsonPropertyName("item_desc")]
    public required string ItemDescription { get; init; }

    /// <summary><c>contact</c>: required for SF Express; masked numbers.</summary>
    [JsonPropertyName("contact")]
    public ShippingContact? Contact { get; init; }
}

/// <summary><c>contact:{consignor_contact, receiver_contact}</c>, masked like <c>189****1234</c>.</summary>
public sealed record ShippingContact
{
    /// <summary><c>consignor_contact</c>.</summary>
    [JsonPropertyName("consignor_contact")]
    public string? ConsignorContact { get; init; }

    /// <summary><c>receiver_contact</c>.</summary>
    [JsonPropertyName("receiver_contact")]
    public string? ReceiverContact { get; init; }
}

/// <summary><c>payer:{openid}</c>.</summary>
/// <param name="OpenId">The payer's mini-program openid.</param>
public sealed record ShippingPayer([property: JsonPropertyName("openid")] string OpenId);

/// <summary>Response of POST /wxa/sec/order/upload_shipping_info (10060001: payment not indexed yet, retry in a minute).</summary>
public sealed record UploadShippingInfoResponse : WeChatResponse;

/// <summary>
/// POST /wxa/sec/order/is_trade_managed — whether the mini-program is under trade management (shipping upload required)
/// (developers.weixin.qq.com/miniprogram/dev/platform-capabilities/business-capabilities/order-shipping/order-shipping.html).
/// </summary>
public sealed record IsTradeManagedRequest
{
    /// <summary><c>appid</c>.</summary>
    [JsonPropertyName("appid")]
    public required string AppId { get; init; }
}

/// <summary>Response of POST /wxa/sec/order/is_trade_managed.</summary>
public sealed record IsTradeManagedResponse : WeChatResponse
{
    /// <summary><c>is_trade_managed</c>.</summary>
    [JsonPropertyName("is_trade_managed")]
    public bool IsTradeManaged { get; init; }
}

/// <summary>
/// POST /wxa/sec/order/is_trade_management_confirmation_completed — whether the trade-management confirmation is done
/// (developers.weixin.qq.com/miniprogram/dev/platform-capabilities/business-capabilities/order-shipping/order-shipping.html).
/// </summary>
public sealed record IsTradeManagementConfirmationCompletedRequest
{
    /// <summary><c>appid</c>.</summary>
    [JsonPropertyName("appid")]
    public required string AppId { get; init; }
}

/// <summary>Response of POST /wxa/sec/order/is_trade_management_confirmation_completed.</summary>
public sealed record IsTradeManagementConfirmationCompletedResponse : WeChatResponse
{
    /// <summary><c>completed</c>.</summary>
    [JsonPropertyName("completed")]
    public bool Completed { get; init; }
}

/// <summary>Writes <c>2022-12-15T13:29:35.120+08:00</c>: RFC 3339 with milliseconds, as WeChat's examples show.</summary>
public sealed class Rfc3339MillisecondsConverter : JsonConverter<DateTimeOffset>
{
    /// <inheritdoc />
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        DateTimeOffset.Parse(reader.GetString()!, CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture));
    }
}
