namespace WxMall.WeChatEmulator.Pay;

/// <summary>A payment or refund notification and every delivery of it.</summary>
public sealed class NotificationRecord
{
    public required string Id { get; init; }

    public required string EventType { get; init; }

    public required string NotifyUrl { get; init; }

    /// <summary>The decrypted resource, for tests and the control API.</summary>
    public required string ResourcePlaintext { get; init; }

    /// <summary>The JSON body as posted (encrypted resource).</summary>
    public required string Body { get; init; }

    public List<NotificationDelivery> Deliveries { get; } = [];

    /// <summary>pending, held (waiting to be reordered), acknowledged, gave_up or dropped.</summary>
    public string Status { get; set; } = "pending";
}

/// <summary>One POST of a notification. Kind: genuine, duplicate, probe (a WECHATPAY/SIGNTEST/ signature) or forged.</summary>
public sealed record NotificationDelivery(int Attempt, string Kind, DateTimeOffset At, int? HttpStatus, string? Error);
