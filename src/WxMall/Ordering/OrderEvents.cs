namespace WxMall.Ordering;

// Integration events, written to the outbox in the same transaction as the change they announce.
// Handlers receive them at least once and must tolerate duplicates. An event is published once something
// consumes it: placing an order announces nothing yet (analytics will), it only schedules its own timeout.

public sealed record OrderPaid(string OrderNumber, long MemberId, long PaidFen, string TransactionId, DateTimeOffset PaidAt);

public sealed record OrderCancelled(string OrderNumber, long MemberId, string Reason);

public sealed record OrderShipped(string OrderNumber, long MemberId, string Carrier, string TrackingNumber);

/// <summary>Scheduled when an order is placed, delivered at its payment deadline.</summary>
public sealed record CancelUnpaidOrder(string OrderNumber);

/// <summary>WeChat Pay confirmed a refund (full or partial) of a paid order.</summary>
public sealed record OrderRefunded(string OrderNumber, long MemberId, string OutRefundNumber, long RefundFen, DateTimeOffset RefundedAt);
