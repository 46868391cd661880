namespace WxMall.WeChat.Messages;

/// <summary>
/// An event push (<c>MsgType=event</c>)
/// (developers.weixin.qq.com/doc/offiaccount/Message_Management/Receiving_event_pushes.html).
/// </summary>
public abstract record InboundEvent : InboundMessage
{
    /// <summary><c>Event</c> exactly as sent.</summary>
    public required string EventName { get; init; }
}

/// <summary>
/// <c>Event=subscribe</c>. A follow through a parametric QR code carries <c>EventKey=qrscene_&lt;scene&gt;</c>
/// and a <c>Ticket</c>; a plain follow carries neither.
/// </summary>
public sealed record SubscribeEvent : InboundEvent
{
    /// <summary>The QR scene (<c>scene_id</c> or <c>scene_str</c>) without the <c>qrscene_</c> prefix, or null for a plain follow.</summary>
    public string? SceneValue { get; init; }

    /// <summary><c>Ticket</c> of the QR code that was scanned, or null.</summary>
    public string? Ticket { get; init; }

    /// <summary>True when the user followed by scanning a parametric QR code.</summary>
    public bool FromQrCode => SceneValue is not null;
}

/// <summary><c>Event=unsubscribe</c>.</summary>
public sealed record UnsubscribeEvent : InboundEvent;

/// <summary><c>Event=SCAN</c>: a follower scanned a parametric QR code. <c>EventKey</c> has no prefix here.</summary>
public sealed record ScanEvent : InboundEvent
{
    /// <summary>The QR scene (<c>scene_id</c> or <c>scene_str</c>).</summary>
    public required string SceneValue { get; init; }

    /// <summary><c>Ticket</c> of the QR code.</summary>
    public string? Ticket { get; init; }
}

/// <summary><c>Event=CLICK</c>: a <c>click</c> menu button.</summary>
public sealed record MenuClickEvent : InboundEvent
{
    /// <summary><c>EventKey</c>: the button's <c>key</c>.</summary>
    public required string ButtonKey { get; init; }
}

/// <summary><c>Event=VIEW</c>: a <c>view</c> menu button opened a URL.</summary>
public sealed record MenuViewEvent : InboundEvent
{
    /// <summary><c>EventKey</c>: the URL.</summary>
    public required string Url { get; init; }

    /// <summary><c>MenuId</c> (personalised menus), or null.</summary>
    public string? MenuId { get; init; }
}

/// <summary><c>Event=view_miniprogram</c>: a <c>miniprogram</c> menu button opened a page.</summary>
public sealed record MenuMiniProgramEvent : InboundEvent
{
    /// <summary><c>EventKey</c>: the mini-program page path.</summary>
    public required string PagePath { get; init; }

    /// <summary><c>MenuId</c>, or null.</summary>
    public string? MenuId { get; init; }
}

/// <summary>Delivery result of a template message.</summary>
public enum TemplateDeliveryStatus
{
    /// <summary><c>success</c>.</summary>
    Delivered,

    /// <summary><c>failed:user block</c>: the user refuses this account's messages.</summary>
    UserBlocked,

    /// <summary><c>failed: system failed</c> (note the space WeChat sends).</summary>
    SystemFailed,

    /// <summary><c>failed:freq limit</c> (observed, not documented).</summary>
    FrequencyLimited,

    /// <summary>Any other status; see <see cref="TemplateSendJobFinishedEvent.StatusText"/>.</summary>
    Other,
}

/// <summary><c>Event=TEMPLATESENDJOBFINISH</c>: the outcome of a template message, correlated by <c>MsgID</c>.</summary>
public sealed record TemplateSendJobFinishedEvent : InboundEvent
{
    /// <summary><c>MsgID</c> (capital D here): the <c>msgid</c> returned by template/send.</summary>
    public required long TemplateMessageId { get; init; }

    /// <summary><c>Status</c> exactly as sent.</summary>
    public required string StatusText { get; init; }

    /// <summary><c>Status</c> as a value.</summary>
    public TemplateDeliveryStatus Status => StatusText switch
    {
        "success" => TemplateDeliveryStatus.Delivered,
        "failed:user block" => TemplateDeliveryStatus.UserBlocked,
        "failed: system failed" or "failed:system failed" => TemplateDeliveryStatus.SystemFailed,
        "failed:freq limit" => TemplateDeliveryStatus.FrequencyLimited,
        _ => TemplateDeliveryStatus.Other,
    };

    /// <inheritdoc />
    public override string DeduplicationKey => "template:" + TemplateMessageId.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
