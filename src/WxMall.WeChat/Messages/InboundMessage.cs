namespace WxMall.WeChat.Messages;

/// <summary>
/// A message or event pushed to the official account's message server
/// (developers.weixin.qq.com/doc/offiaccount/Message_Management/Receiving_standard_messages.html).
/// </summary>
public abstract record InboundMessage
{
    /// <summary><c>ToUserName</c>: the official account's original id (<c>gh_…</c>).</summary>
    public required string AccountOriginalId { get; init; }

    /// <summary><c>FromUserName</c>: the sender's openid.</summary>
    public required string OpenId { get; init; }

    /// <summary><c>CreateTime</c>.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary><c>MsgType</c> exactly as sent (<c>text</c>, <c>image</c>, <c>event</c>, …).</summary>
    public required string MessageType { get; init; }

    /// <summary>Every element of the pushed XML, for fields this library does not type.</summary>
    public required IReadOnlyDictionary<string, string> Fields { get; init; }

    /// <summary>
    /// The key WeChat's retries share: <c>MsgId</c> for messages, <c>FromUserName + CreateTime</c> for events
    /// (WeChat re-sends up to three times when no reply arrives within 5 s).
    /// </summary>
    public virtual string DeduplicationKey => OpenId + ":" + CreatedAt.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>A user message carrying a <c>MsgId</c>.</summary>
public abstract record UserMessage : InboundMessage
{
    /// <summary><c>MsgId</c> (64-bit).</summary>
    public required long MessageId { get; init; }

    /// <inheritdoc />
    public override string DeduplicationKey => MessageId.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary><c>MsgType=text</c>.</summary>
public sealed record TextMessage : UserMessage
{
    /// <summary><c>Content</c>.</summary>
    public required string Content { get; init; }

    /// <summary><c>MsgDataId</c>, present when the message came from an article.</summary>
    public string? MessageDataId { get; init; }

    /// <summary><c>Idx</c>, the article index when <see cref="MessageDataId"/> is present.</summary>
    public string? ArticleIndex { get; init; }
}

/// <summary><c>MsgType=image</c>.</summary>
public sealed record ImageMessage : UserMessage
{
    /// <summary><c>PicUrl</c>.</summary>
    public required string PictureUrl { get; init; }

    /// <summary><c>MediaId</c>, usable to download the image.</summary>
    public required string MediaId { get; init; }
}

/// <summary>A message or event type this library does not model; <see cref="InboundMessage.Fields"/> has everything.</summary>
public sealed record UnrecognizedMessage : InboundMessage
{
    /// <summary><c>Event</c> when <c>MsgType=event</c>.</summary>
    public string? EventName { get; init; }
}
