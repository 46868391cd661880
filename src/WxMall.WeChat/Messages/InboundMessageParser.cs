using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace WxMall.WeChat.Messages;

/// <summary>Why a pushed message could not be turned into an <see cref="InboundMessage"/>.</summary>
public enum MessageParseFailure
{
    /// <summary>Not rejected.</summary>
    None,

    /// <summary>The XML itself was rejected; see <see cref="InboundMessageResult.XmlFailure"/>.</summary>
    XmlRejected,

    /// <summary>A field every message must carry is missing; see <see cref="InboundMessageResult.Detail"/>.</summary>
    MissingField,

    /// <summary>A numeric field is not a number; see <see cref="InboundMessageResult.Detail"/>.</summary>
    InvalidField,
}

/// <summary>A typed inbound message, or why the push was rejected.</summary>
public sealed class InboundMessageResult
{
    private InboundMessageResult(InboundMessage? message, MessageParseFailure failure, XmlReadFailure xmlFailure, string? detail)
    {
        Message = message;
        Failure = failure;
        XmlFailure = xmlFailure;
        Detail = detail;
    }

    /// <summary>True when the message was read.</summary>
    [MemberNotNullWhen(true, nameof(Message))]
    public bool Succeeded => Failure == MessageParseFailure.None;

    /// <summary>The message when <see cref="Succeeded"/>.</summary>
    public InboundMessage? Message { get; }

    /// <summary>Why the push was rejected.</summary>
    public MessageParseFailure Failure { get; }

    /// <summary>The XML-level reason when <see cref="Failure"/> is <see cref="MessageParseFailure.XmlRejected"/>.</summary>
    public XmlReadFailure XmlFailure { get; }

    /// <summary>A human-readable explanation.</summary>
    public string? Detail { get; }

    internal static InboundMessageResult Success(InboundMessage message) => new(message, MessageParseFailure.None, XmlReadFailure.None, null);

    internal static InboundMessageResult Rejected(MessageParseFailure failure, string detail, XmlReadFailure xmlFailure = XmlReadFailure.None) =>
        new(null, failure, xmlFailure, detail);
}

/// <summary>Turns pushed (or decrypted) message XML into typed messages and events; never throws on bad input.</summary>
public static class InboundMessageParser
{
    private const string QrScenePrefix = "qrscene_";

    /// <summary>Parses UTF-8 XML bytes.</summary>
    public static InboundMessageResult Parse(ReadOnlyMemory<byte> utf8Xml, int maximumBytes = SafeXmlReader.DefaultMaximumBytes) =>
        FromXml(SafeXmlReader.Read(utf8Xml, maximumBytes));

    /// <summary>Parses XML text.</summary>
    public static InboundMessageResult Parse(string? xml, int maximumBytes = SafeXmlReader.DefaultMaximumBytes) =>
        FromXml(SafeXmlReader.Read(xml, maximumBytes));

    /// <summary>Types a document already read by <see cref="SafeXmlReader"/>.</summary>
    public static InboundMessageResult FromXml(XmlReadResult xml)
    {
        ArgumentNullException.ThrowIfNull(xml);
        if (!xml.Succeeded)
        {
            return InboundMessageResult.Rejected(MessageParseFailure.XmlRejected, xml.Detail ?? xml.Failure.ToString(), xml.Failure);
        }

        var fields = xml.Fields;
        foreach (var required in (ReadOnlySpan<string>)["ToUserName", "FromUserName", "CreateTime", "MsgType"])
        {
            if (!fields.TryGetValue(required, out var value) || value.Length == 0)
            {
                return InboundMessageResult.Rejected(MessageParseFailure.MissingField, $"<{required}> is missing.");
            }
        }

        if (!long.TryParse(fields["CreateTime"], NumberStyles.None, CultureInfo.InvariantCulture, out var createTime)
            || createTime > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return InboundMessageResult.Rejected(MessageParseFailure.InvalidField, "<CreateTime> is not a number of Unix seconds.");
        }

        var common = new CommonFields(fields["ToUserName"], fields["FromUserName"], DateTimeOffset.FromUnixTimeSeconds(createTime), fields["MsgType"], fields);
        return common.MessageType switch
        {
            "text" => ReadUserMessage(common, "text"),
            "image" => ReadUserMessage(common, "image"),
            "event" => ReadEvent(common),
            _ => InboundMessageResult.Success(common.Unrecognized(eventName: null)),
        };
    }

    private static InboundMessageResult ReadUserMessage(CommonFields common, string type)
    {
        if (!common.TryGetLong("MsgId", out var messageId, out var failure))
        {
            return failure;
        }

        InboundMessage message = type == "text"
            ? new TextMessage
            {
                AccountOriginalId = common.To, OpenId = common.From, CreatedAt = common.CreatedAt, MessageType = common.MessageType, Fields = common.Fields,
                MessageId = messageId,
                Content = common.Get("Content") ?? string.Empty,
                MessageDataId = common.Get("MsgDataId"),
                ArticleIndex = common.Get("Idx"),
            }
            : new ImageMessage
            {
                AccountOriginalId = common.To, OpenId = common.From, CreatedAt = common.CreatedAt, MessageType = common.MessageType, Fields = common.Fields,
                MessageId = messageId,
                PictureUrl = common.Get("PicUrl") ?? string.Empty,
                MediaId = common.Get("MediaId") ?? string.Empty,
            };
        return InboundMessageResult.Success(message);
    }

    private static InboundMessageResult ReadEvent(CommonFields common)
    {
        var eventName = common.Get("Event");
        if (string.IsNullOrEmpty(eventName))
        {
            return InboundMessageResult.Rejected(MessageParseFailure.MissingField, "<Event> is missing from an event push.");
        }

        var eventKey = common.Get("EventKey");
        InboundMessage message;
        switch (eventName)
        {
            case "subscribe":
                var fromQrCode = eventKey is not null && eventKey.StartsWith(QrScenePrefix, StringComparison.Ordinal);
                message = new SubscribeEvent
                {
                    AccountOriginalId = common.To, OpenId = common.From, CreatedAt = common.CreatedAt, MessageType = common.MessageType, Fields = common.Fields, EventName = eventName,
                    SceneValue = fromQrCode ? eventKey![QrScenePrefix.Length..] : null,
                    Ticket = NullIfEmpty(common.Get("Ticket")),
                };
                break;
            case "unsubscribe":
                message = new UnsubscribeEvent
                {
                    AccountOriginalId = common.To, OpenId = common.From, CreatedAt = common.CreatedAt, MessageType = common.MessageType, Fields = common.Fields, EventName = eventName,
                };
                break;
            case "SCAN":
                message = new ScanEvent
                {
                    AccountOriginalId = common.To, OpenId = common.From, CreatedAt = common.CreatedAt, MessageType = common.MessageType, Fields = common.Fields, EventName = eventName,
                    SceneValue = eventKey ?? string.Empty,
                    Ticket = NullIfEmpty(common.Get("Ticket")),
                };
                break;
            case "CLICK":
                message = new MenuClickEvent
                {
                    AccountOriginalId = common.To, OpenId = common.From, CreatedAt = common.CreatedAt, MessageType = common.MessageType, Fields = common.Fields, EventName = eventName,
                    ButtonKey = eventKey ?? string.Empty,
                };
                break;
            case "VIEW":
                message = new MenuViewEvent
                {
                    AccountOriginalId = common.To, OpenId = common.From, CreatedAt = common.CreatedAt, MessageType = common.MessageType, Fields = common.Fields, EventName = eventName,
                    Url = eventKey ?? string.Empty,
                    MenuId = NullIfEmpty(common.Get("MenuId")),
                };
                break;
            case "view_miniprogram":
                message = new MenuMiniProgramEvent
                {
                    AccountOriginalId = common.To, OpenId = common.From, CreatedAt = common.CreatedAt, MessageType = common.MessageType, Fields = common.Fields, EventName = eventName,
                    PagePath = eventKey ?? string.Empty,
                    MenuId = NullIfEmpty(common.Get("MenuId")),
                };
                break;
            case "TEMPLATESENDJOBFINISH":
                // The template event spells it MsgID; accept MsgId too rather than drop a delivery report.
                var idField = common.Get("MsgID") is not null ? "MsgID" : "MsgId";
                if (!common.TryGetLong(idField, out var templateMessageId, out var failure))
                {
                    return failure;
                }

                message = new TemplateSendJobFinishedEvent
                {
                    AccountOriginalId = common.To, OpenId = common.From, CreatedAt = common.CreatedAt, MessageType = common.MessageType, Fields = common.Fields, EventName = eventName,
                    TemplateMessageId = templateMessageId,
                    StatusText = common.Get("Status") ?? string.Empty,
                };
                break;
            default:
                message = common.Unrecognized(eventName);
                break;
        }

        return InboundMessageResult.Success(message);
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private sealed record CommonFields(string To, string From, DateTimeOffset CreatedAt, string MessageType, IReadOnlyDictionary<string, string> Fields)
    {
        public string? Get(string name) => Fields.TryGetValue(name, out var value) ? value : null;

        public bool TryGetLong(string name, out long value, [NotNullWhen(false)] out InboundMessageResult? failure)
        {
            var text = Get(name);
            if (string.IsNullOrEmpty(text))
            {
                value = 0;
                failure = InboundMessageResult.Rejected(MessageParseFailure.MissingField, $"<{name}> is missing.");
                return false;
            }

            if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value))
            {
                failure = InboundMessageResult.Rejected(MessageParseFailure.InvalidField, $"<{name}> is not a 64-bit number.");
                return false;
            }

            failure = null;
            return true;
        }

        public UnrecognizedMessage Unrecognized(string? eventName) => new()
        {
            AccountOriginalId = To, OpenId = From, CreatedAt = CreatedAt, MessageType = MessageType, Fields = Fields, EventName = eventName,
        };
    }
}
