using System.Text.Json.Serialization;
using WxMall.WeChat.Pay.Crypto;

namespace WxMall.WeChat.Pay.Notifications;

/// <summary>
/// The outer JSON WeChat Pay posts to <c>notify_url</c>: signed as a whole, with the business object
/// encrypted in <c>resource</c>.
/// https://pay.weixin.qq.com/wiki/doc/apiv3/apis/chapter3_1_5.shtml
/// </summary>
public sealed record PayNotificationEnvelope
{
    /// <summary><c>id</c>: unique per notification; deduplicate on it.</summary>
    [JsonPropertyName("id")]
    public string Id { get; init; } = string.Empty;

    /// <summary><c>create_time</c>.</summary>
    [JsonPropertyName("create_time")]
    public DateTimeOffset? CreateTime { get; init; }

    /// <summary><c>resource_type</c>: <c>encrypt-resource</c>.</summary>
    [JsonPropertyName("resource_type")]
    public string? ResourceType { get; init; }

    /// <summary><c>event_type</c>: see <see cref="PayEventTypes"/>.</summary>
    [JsonPropertyName("event_type")]
    public string EventType { get; init; } = string.Empty;

    /// <summary><c>summary</c>: e.g. 支付成功.</summary>
    [JsonPropertyName("summary")]
    public string? Summary { get; init; }

    /// <summary><c>resource</c>: the encrypted business object.</summary>
    [JsonPropertyName("resource")]
    public EncryptedResource? Resource { get; init; }
}

/// <summary>Values of <c>event_type</c>.</summary>
public static class PayEventTypes
{
    /// <summary>A payment succeeded.</summary>
    public const string TransactionSuccess = "TRANSACTION.SUCCESS";

    /// <summary>A refund succeeded.</summary>
    public const string RefundSuccess = "REFUND.SUCCESS";

    /// <summary>A refund is abnormal (the payer's account cannot receive it).</summary>
    public const string RefundAbnormal = "REFUND.ABNORMAL";

    /// <summary>A refund was closed.</summary>
    public const string RefundClosed = "REFUND.CLOSED";
}
