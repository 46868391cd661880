namespace WxMall.Ordering;

// Integration events, written to the outbox in the same transaction as the change they announce.
// Handlers receive them at least once and must tolerate duplicates. An event is published once something
// consumes it: placing an order announces nothing yet (analytics will), it only schedules its own timeout.

public sealed record OrderPaid(string OrderNumber, long MemberId, long PaidFen, string TransactionId, DateTimeOffset PaidAt);

public sealed record OrderCancelled(string OrderNumber, long MemberId, string Reason);

public sealed record OrderShipped(string OrderNumber, long MemberId, string Carrier, string TrackingNumber);

/// <summary>Delivered at an order's payment deadline: cancels the order unless it was paid.</summary>
public sealed record CancelUnpaidOrder(string OrderNumber);

/// <summary>
/// Scheduled once per checkout batch, at the latest payment deadline of its orders (they were placed within the same
/// few milliseconds); delivered, it hands each order its own <see cref="CancelUnpaidOrder"/>.
/// </summary>
public sealed record CancelUnpaidOrders(IReadOnlyList<string> OrderNumbers);

/// <summary>WeChat Pay confirmed a refund (full or partial) of a paid order.</summary>
public sealed record OrderRefunded(string OrderNumber, long MemberId, string OutRefundNumber, long RefundFen, DateTimeOffset RefundedAt);
