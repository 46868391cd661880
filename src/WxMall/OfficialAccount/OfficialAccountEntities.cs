using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace WxMall.OfficialAccount;

/// <summary>Who answered a pushed message, for the match-rate report.</summary>
public enum AnsweredBy
{
    /// <summary>Nothing to answer (unsubscribe, delivery reports, images…): <c>success</c>.</summary>
    Nobody = 0,
    KeywordRule = 1,
    Greeting = 2,
    MenuClick = 3,
    CustomerService = 4,
    QrScene = 5,

    /// <summary>A rule or the bot failed; the shopper got the apology text.</summary>
    Fallback = 6,
}

/// <summary>
/// One push from WeChat, kept once: the unique <see cref="DeduplicationKey"/> (MsgId, or FromUserName+CreateTime for
/// events) makes WeChat's retries, on any instance, find the first one and its reply.
/// </summary>
public sealed class ReceivedMessage
{
    public long Id { get; set; }
    public required string DeduplicationKey { get; init; }
    public required string OpenId { get; init; }
    public required string MessageType { get; init; }
    public string? EventName { get; init; }

    /// <summary>Text content (first 500 characters) or event key.</summary>
    public string? Content { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }
    public AnsweredBy AnsweredBy { get; set; }
    public long? RuleId { get; set; }

    /// <summary>The plaintext passive reply, returned again to a retry of the same push.</summary>
    public string? ReplyXml { get; set; }

    /// <summary>Set once the shopper has an answer (passive, or sent later through the customer-service API).</summary>
    public DateTimeOffset? RepliedAt { get; set; }
}

public enum RuleTrigger
{
    /// <summary>The message equals the pattern (ignoring case and surrounding spaces).</summary>
    Exact = 0,
    Contains = 1,

    /// <summary>A .NET regular expression, evaluated with a timeout.</summary>
    Regex = 2,

    /// <summary>A <c>click</c> menu button whose key equals the pattern.</summary>
    MenuClick = 3,

    /// <summary>The greeting on follow; the pattern is empty (any follow) or a QR scene.</summary>
    Follow = 4,
}

public enum RuleReplyKind
{
    Text = 0,
    News = 1,

    /// <summary>A news card built from a live product (title, price, image, link).</summary>
    Product = 2,
}

public sealed class AutoReplyRule
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public RuleTrigger Trigger { get; set; }
    public string Pattern { get; set; } = "";

    /// <summary>Higher wins; among equals, the older rule.</summary>
    public int Priority { get; set; }
    public RuleReplyKind ReplyKind { get; set; }

    /// <summary>Text reply, or the news card's description. <c>{scene}</c> is replaced by the QR scene on follow.</summary>
    public string ReplyText { get; set; } = "";
    public string? NewsTitle { get; set; }
    public string? NewsUrl { get; set; }
    public string? NewsPictureUrl { get; set; }
    public string? ProductCode { get; set; }
    public bool Enabled { get; set; } = true;
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>The official account's menu: the draft staff edit, and when it was last published.</summary>
public sealed class MenuDraft
{
    public int Id { get; set; }
    public string ButtonsJson { get; set; } = "[]";
    public DateTimeOffset UpdatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";
    public DateTimeOffset? PublishedAt { get; set; }
}

/// <summary><c>/s/{Code}</c>: a short link carrying a campaign code, redirecting to a store page.</summary>
public sealed class ShortLink
{
    public long Id { get; set; }
    public required string Code { get; init; }
    public required string TargetPath { get; set; }
    public required string Campaign { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
}

public sealed class ShortLinkClick
{
    public long Id { get; set; }
    public required string Code { get; init; }
    public required string Campaign { get; init; }
    public DateTimeOffset At { get; init; }
}

public enum QrCodeKind
{
    Channel = 0,

    /// <summary>At a pickup store's counter: scanning starts in-store pickup there.</summary>
    PickupStore = 1,
}

/// <summary>A permanent parametric QR code (<c>QR_LIMIT_STR_SCENE</c>) for a channel or a pickup store.</summary>
public sealed class QrChannel
{
    public long Id { get; set; }
    public required string Scene { get; init; }
    public QrCodeKind Kind { get; init; }
    public required string Name { get; init; }
    public int? PickupStoreId { get; init; }
    public required string Ticket { get; init; }
    public required string Url { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>A scan of a parametric QR code (follow or SCAN), for attribution.</summary>
public sealed class QrScan
{
    public long Id { get; set; }
    public required string Scene { get; init; }
    public required string OpenId { get; init; }
    public long? MemberId { get; init; }
    public bool NewFollower { get; init; }
    public DateTimeOffset At { get; init; }
}

public enum NotificationStatus
{
    Sent = 0,
    Delivered = 1,

    /// <summary>The client-side daily quota stopped it; not sent.</summary>
    QuotaStopped = 2,

    /// <summary>WeChat refused it (errcode kept in <see cref="OrderNotification.Error"/>), or the delivery report says failed.</summary>
    Failed = 3,

    /// <summary>The buyer has no openid in the official account or the mini-program.</summary>
    NoRecipient = 4,
}

/// <summary>A template (official account) or subscribe (mini-program) message about an order, one per order and event.</summary>
public sealed class OrderNotification
{
    public long Id { get; set; }
    public required string OrderNumber { get; init; }

    /// <summary><c>paid</c>, <c>shipped</c> or <c>refunded:{out_refund_no}</c>.</summary>
    public required string Kind { get; init; }

    /// <summary><c>template</c> or <c>subscribe</c>.</summary>
    public required string Channel { get; set; }
    public string? OpenId { get; set; }
    public long? WeChatMessageId { get; set; }
    public NotificationStatus Status { get; set; }
    public string? Error { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? DeliveryReportedAt { get; set; }
}

internal sealed class OfficialAccountConfiguration :
    IEntityTypeConfiguration<ReceivedMessage>, IEntityTypeConfiguration<AutoReplyRule>, IEntityTypeConfiguration<MenuDraft>,
    IEntityTypeConfiguration<ShortLink>, IEntityTypeConfiguration<ShortLinkClick>, IEntityTypeConfiguration<QrChannel>,
    IEntityTypeConfiguration<QrScan>, IEntityTypeConfiguration<OrderNotification>
{
    public void Configure(EntityTypeBuilder<ReceivedMessage> builder)
    {
        builder.HasIndex(m => m.DeduplicationKey).IsUnique();
        builder.HasIndex(m => m.ReceivedAt);
        builder.Property(m => m.DeduplicationKey).HasMaxLength(120);
        builder.Property(m => m.OpenId).HasMaxLength(64);
        builder.Property(m => m.MessageType).HasMaxLength(32);
        builder.Property(m => m.EventName).HasMaxLength(64);
        builder.Property(m => m.Content).HasMaxLength(500);
        builder.Property(m => m.ReplyXml).HasMaxLength(8000);
    }

    public void Configure(EntityTypeBuilder<AutoReplyRule> builder)
    {
        builder.Property(r => r.Name).HasMaxLength(60);
        builder.Property(r => r.Pattern).HasMaxLength(300);
        builder.Property(r => r.ReplyText).HasMaxLength(2000);
        builder.Property(r => r.NewsTitle).HasMaxLength(64);
        builder.Property(r => r.NewsUrl).HasMaxLength(1024);
        builder.Property(r => r.NewsPictureUrl).HasMaxLength(1024);
        builder.Property(r => r.ProductCode).HasMaxLength(80);
    }

    public void Configure(EntityTypeBuilder<MenuDraft> builder)
    {
        builder.Property(m => m.ButtonsJson).HasMaxLength(16000);
        builder.Property(m => m.UpdatedBy).HasMaxLength(60);
    }

    public void Configure(EntityTypeBuilder<ShortLink> builder)
    {
        builder.HasIndex(l => l.Code).IsUnique();
        builder.Property(l => l.Code).HasMaxLength(16);
        builder.Property(l => l.TargetPath).HasMaxLength(500);
        builder.Property(l => l.Campaign).HasMaxLength(64);
    }

    public void Configure(EntityTypeBuilder<ShortLinkClick> builder)
    {
        builder.HasIndex(c => new { c.Code, c.At });
        builder.Property(c => c.Code).HasMaxLength(16);
        builder.Property(c => c.Campaign).HasMaxLength(64);
    }

    public void Configure(EntityTypeBuilder<QrChannel> builder)
    {
        builder.HasIndex(q => q.Scene).IsUnique();
        builder.Property(q => q.Scene).HasMaxLength(64);
        builder.Property(q => q.Name).HasMaxLength(60);
        builder.Property(q => q.Ticket).HasMaxLength(200);
        builder.Property(q => q.Url).HasMaxLength(300);
    }

    public void Configure(EntityTypeBuilder<QrScan> builder)
    {
        builder.HasIndex(s => new { s.Scene, s.At });
        builder.HasIndex(s => s.OpenId);

        // The sales facts look up a buyer's first scan by member, for every payment.
        builder.HasIndex(s => s.MemberId);
        builder.Property(s => s.Scene).HasMaxLength(64);
        builder.Property(s => s.OpenId).HasMaxLength(64);
    }

    public void Configure(EntityTypeBuilder<OrderNotification> builder)
    {
        builder.HasIndex(n => new { n.OrderNumber, n.Kind }).IsUnique();
        builder.HasIndex(n => n.WeChatMessageId);
        builder.Property(n => n.OrderNumber).HasMaxLength(32);
        builder.Property(n => n.Kind).HasMaxLength(80);
        builder.Property(n => n.Channel).HasMaxLength(16);
        builder.Property(n => n.OpenId).HasMaxLength(64);
        builder.Property(n => n.Error).HasMaxLength(300);
    }
}
