using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace WxMall.Payments.Reconciliation;

public enum ReconciliationStatus
{
    /// <summary>Every line of the bill matches our books and the other way round.</summary>
    Clean = 0,

    /// <summary>Differences were found; those a query could fix were repaired, the rest wait for review.</summary>
    Differences = 1,

    /// <summary>The bill could not be downloaded or did not pass its hash check.</summary>
    Failed = 2,
}

public enum DifferenceKind
{
    /// <summary>WeChat took the money; we never applied it (lost notification). Fixable by a query.</summary>
    PaidAtWeChatNotHere = 0,

    /// <summary>WeChat took money for an out_trade_no we never created.</summary>
    UnknownPayment = 1,

    /// <summary>We think it was paid; the bill has no such payment.</summary>
    PaidHereNotAtWeChat = 2,
    AmountMismatch = 3,

    /// <summary>WeChat refunded; our refund is not marked done (lost refund notification). Fixable by a query.</summary>
    RefundNotFinishedHere = 4,

    /// <summary>WeChat refunded with an out_refund_no we never created.</summary>
    UnknownRefund = 5,

    /// <summary>We think a refund succeeded; the bill has no such refund.</summary>
    RefundMissingAtWeChat = 6,
    RefundAmountMismatch = 7,
}

public enum DifferenceResolution
{
    Open = 0,
    RepairedByQuery = 1,
    Acknowledged = 2,
}

/// <summary>One comparison of a day's WeChat Pay trade bill with our payments and refunds.</summary>
public sealed class ReconciliationRun
{
    public long Id { get; set; }

    /// <summary>The bill date, China time.</summary>
    public DateOnly BillDate { get; init; }
    public ReconciliationStatus Status { get; set; }
    public required string StartedBy { get; init; }
    public DateTimeOffset StartedAt { get; init; }
    public int BillPayments { get; set; }
    public long BillPaidFen { get; set; }
    public int BillRefunds { get; set; }
    public long BillRefundFen { get; set; }
    public string? Failure { get; set; }
    public List<ReconciliationDifference> Differences { get; init; } = [];
}

public sealed class ReconciliationDifference
{
    public long Id { get; set; }
    public long RunId { get; set; }
    public DifferenceKind Kind { get; init; }
    public string? OutTradeNumber { get; init; }
    public string? OutRefundNumber { get; init; }
    public long? WeChatFen { get; init; }
    public long? StoreFen { get; init; }
    public required string Detail { get; init; }
    public DifferenceResolution Resolution { get; set; }
    public string? ResolvedBy { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
}

internal sealed class ReconciliationRunConfiguration : IEntityTypeConfiguration<ReconciliationRun>
{
    public void Configure(EntityTypeBuilder<ReconciliationRun> builder)
    {
        builder.HasIndex(r => r.BillDate);
        builder.HasMany(r => r.Differences).WithOne().HasForeignKey(d => d.RunId);
        builder.Property(r => r.StartedBy).HasMaxLength(80);
        builder.Property(r => r.Failure).HasMaxLength(500);
    }
}

internal sealed class ReconciliationDifferenceConfiguration : IEntityTypeConfiguration<ReconciliationDifference>
{
    public void Configure(EntityTypeBuilder<ReconciliationDifference> builder)
    {
        builder.Property(d => d.OutTradeNumber).HasMaxLength(32);
        builder.Property(d => d.OutRefundNumber).HasMaxLength(64);
        builder.Property(d => d.Detail).HasMaxLength(300);
        builder.Property(d => d.ResolvedBy).HasMaxLength(80);
    }
}
