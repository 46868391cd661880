using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace WxMall.Payments;

public enum PaymentMode
{
    /// <summary>Inside WeChat: official-account H5 (<c>chooseWXPay</c>) or the mini-program (<c>requestPayment</c>).</summary>
    Jsapi = 0,

    /// <summary>A QR code scanned with WeChat: desktop browsers and in-store pickup counters.</summary>
    Native = 1,

    /// <summary>Phone browsers outside WeChat.</summary>
    H5 = 2,
}

/// <summary>
/// One WeChat Pay order (prepay) for one of our orders. The first attempt uses the order number as
/// <c>out_trade_no</c>; switching to another payment mode needs a new one (WeChat refuses the same
/// <c>out_trade_no</c> with other parameters), so later attempts add a suffix and the earlier ones are closed.
/// </summary>
public sealed class PaymentAttempt
{
    public long Id { get; set; }
    public required string OrderNumber { get; init; }
    public required string OutTradeNumber { get; init; }
    public PaymentMode Mode { get; init; }
    public required string AppId { get; init; }
    public string? PayerOpenId { get; init; }
    public string? PrepayId { get; set; }
    public string? CodeUrl { get; set; }
    public string? H5Url { get; set; }
    public long AmountFen { get; init; }
    public DateTimeOffset ExpiresAt { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? ClosedAt { get; set; }
    public DateTimeOffset? LastQueriedAt { get; set; }

    /// <summary>Set once WeChat Pay reports this attempt paid.</summary>
    public string? TransactionId { get; set; }

    /// <summary>When WeChat Pay took the money (<c>success_time</c>); the day of the trade bill it appears in.</summary>
    public DateTimeOffset? PaidAt { get; set; }

    public bool IsOpen => ClosedAt is null && TransactionId is null;
}

public enum RefundKind
{
    /// <summary>Staff refunded part or all of a paid order.</summary>
    Staff = 0,

    /// <summary>An approved return request.</summary>
    Return = 1,

    /// <summary>Money arrived for an order that was already cancelled or expired.</summary>
    UnpayableOrder = 2,

    /// <summary>A second payment for an order that another payment had already paid.</summary>
    DuplicatePayment = 3,
}

public enum RefundStatus
{
    /// <summary>Written with the order change; the outbox sends it to WeChat Pay.</summary>
    Requested = 0,
    Processing = 1,
    Succeeded = 2,
    Closed = 3,
    Abnormal = 4,

    /// <summary>WeChat Pay refused to start it (for example not enough balance); the reason is kept.</summary>
    Refused = 5,
}

public sealed class Refund
{
    public long Id { get; set; }
    public required string OutRefundNumber { get; init; }
    public required string OrderNumber { get; init; }
    public required string OutTradeNumber { get; init; }
    public required string TransactionId { get; init; }
    public long AmountFen { get; init; }

    /// <summary>The amount of the WeChat Pay transaction being refunded (WeChat asks for it).</summary>
    public long TransactionTotalFen { get; init; }
    public RefundKind Kind { get; init; }
    public required string Reason { get; init; }
    public required string RequestedBy { get; init; }

    /// <summary>A full refund of goods that come back (or never left) puts the stock back.</summary>
    public bool Restock { get; init; }
    public RefundStatus Status { get; set; }
    public string? WeChatRefundId { get; set; }
    public string? FailureReason { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>Refunds of orders (not of stray payments) change the order when they finish.</summary>
    public bool TouchesOrder => Kind is RefundKind.Staff or RefundKind.Return;

    public bool IsFinished => Status is RefundStatus.Succeeded or RefundStatus.Closed or RefundStatus.Abnormal or RefundStatus.Refused;
}

internal sealed class PaymentAttemptConfiguration : IEntityTypeConfiguration<PaymentAttempt>
{
    public void Configure(EntityTypeBuilder<PaymentAttempt> builder)
    {
        builder.HasIndex(a => a.OutTradeNumber).IsUnique();
        builder.HasIndex(a => a.OrderNumber);
        builder.HasIndex(a => a.PaidAt);
        builder.Ignore(a => a.IsOpen);
        builder.Property(a => a.TransactionId).HasMaxLength(32);
        builder.Property(a => a.OrderNumber).HasMaxLength(32);
        builder.Property(a => a.OutTradeNumber).HasMaxLength(32);
        builder.Property(a => a.AppId).HasMaxLength(32);
        builder.Property(a => a.PayerOpenId).HasMaxLength(64);
        builder.Property(a => a.PrepayId).HasMaxLength(64);
        builder.Property(a => a.CodeUrl).HasMaxLength(200);
        builder.Property(a => a.H5Url).HasMaxLength(500);
    }
}

internal sealed class RefundConfiguration : IEntityTypeConfiguration<Refund>
{
    public void Configure(EntityTypeBuilder<Refund> builder)
    {
        builder.HasIndex(r => r.OutRefundNumber).IsUnique();
        builder.HasIndex(r => r.OrderNumber);
        builder.HasIndex(r => r.CompletedAt);
        builder.Ignore(r => r.TouchesOrder);
        builder.Ignore(r => r.IsFinished);
        builder.Property(r => r.OutRefundNumber).HasMaxLength(64);
        builder.Property(r => r.OrderNumber).HasMaxLength(32);
        builder.Property(r => r.OutTradeNumber).HasMaxLength(32);
        builder.Property(r => r.TransactionId).HasMaxLength(32);
        builder.Property(r => r.Reason).HasMaxLength(80);
        builder.Property(r => r.RequestedBy).HasMaxLength(80);
        builder.Property(r => r.WeChatRefundId).HasMaxLength(32);
        builder.Property(r => r.FailureReason).HasMaxLength(300);
    }
}
