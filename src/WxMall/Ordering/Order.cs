namespace WxMall.Ordering;

public enum OrderStatus
{
    AwaitingPayment = 0,
    Paid = 1,
    Shipped = 2,
    Completed = 3,
    Cancelled = 4,
    ReturnRequested = 5,
    Refunding = 6,
    Refunded = 7,
}

public enum DeliveryMethod
{
    Express = 0,
    StorePickup = 1,
}

/// <summary>The result of asking an order to change state: applied, or refused with a reason the caller can show.</summary>
public readonly record struct StateChange(bool Applied, string? Refusal)
{
    public static readonly StateChange Done = new(true, null);

    public static StateChange Refuse(string reason) => new(false, reason);
}

public sealed class Order
{
    public long Id { get; set; }

    /// <summary>Our order number, also the WeChat Pay <c>out_trade_no</c> (6–32 letters and digits).</summary>
    public required string Number { get; init; }
    public long MemberId { get; init; }
    public OrderStatus Status { get; private set; } = OrderStatus.AwaitingPayment;
    public long GoodsFen { get; init; }
    public long ShippingFen { get; init; }
    public long PointsUsed { get; init; }
    public long PointsDiscountFen { get; init; }
    public long PayableFen { get; init; }
    public DeliveryMethod Delivery { get; init; }
    public int? PickupStoreId { get; init; }

    /// <summary>Snapshot of the recipient at checkout, encrypted (name, phone, street address).</summary>
    public string? RecipientNameCipher { get; init; }
    public string? RecipientPhoneCipher { get; init; }
    public string? RegionText { get; init; }
    public string? AddressDetailCipher { get; init; }
    public string? IdempotencyKey { get; init; }
    public DateTimeOffset PlacedAt { get; init; }

    /// <summary>When an unpaid order cancels itself; the Native QR code expires at the same time.</summary>
    public DateTimeOffset PaymentDeadline { get; init; }
    public DateTimeOffset? PaidAt { get; private set; }
    public long? PaidFen { get; private set; }
    public string? PaymentTransactionId { get; private set; }
    public DateTimeOffset? ShippedAt { get; private set; }
    public string? Carrier { get; private set; }
    public string? TrackingNumber { get; private set; }
    public DateTimeOffset? CompletedAt { get; private set; }
    public DateTimeOffset? CancelledAt { get; private set; }
    public string? CancelReason { get; private set; }
    public string? ReturnReason { get; private set; }

    /// <summary>Why staff turned the last return request down, shown to the shopper; cleared by a new request.</summary>
    public string? ReturnRejection { get; private set; }
    public long RefundedFen { get; private set; }

    /// <summary>Refunds sent to WeChat Pay and not yet confirmed.</summary>
    public long RefundPendingFen { get; private set; }

    /// <summary>Where a return request or a full refund came from, to go back there if it is rejected or fails.</summary>
    public OrderStatus? StatusBeforeRefund { get; private set; }

    /// <summary>Optimistic concurrency: two racing transitions cannot both be saved.</summary>
    public int Version { get; private set; }
    public List<OrderLine> Lines { get; init; } = [];

    public StateChange MarkPaid(string transactionId, long amountFen, DateTimeOffset paidAt)
    {
        if (Status != OrderStatus.AwaitingPayment)
        {
            return StateChange.Refuse($"订单状态为{OrderStatusNames.Of(Status)}，不能再标记为已支付");
        }

        if (amountFen != PayableFen)
        {
            return StateChange.Refuse($"支付金额 {amountFen} 分与应付金额 {PayableFen} 分不一致");
        }

        Status = OrderStatus.Paid;
        PaidAt = paidAt;
        PaidFen = amountFen;
        PaymentTransactionId = transactionId;
        Version++;
        return StateChange.Done;
    }

    public StateChange Ship(string carrier, string trackingNumber, DateTimeOffset shippedAt)
    {
        if (Status != OrderStatus.Paid)
        {
            return StateChange.Refuse($"只有已支付的订单可以发货，当前状态：{OrderStatusNames.Of(Status)}");
        }

        Status = OrderStatus.Shipped;
        Carrier = carrier;
        TrackingNumber = trackingNumber;
        ShippedAt = shippedAt;
        Version++;
        return StateChange.Done;
    }

    public StateChange Complete(DateTimeOffset completedAt)
    {
        if (Status != OrderStatus.Shipped)
        {
            return StateChange.Refuse($"只有已发货的订单可以确认收货，当前状态：{OrderStatusNames.Of(Status)}");
        }

        Status = OrderStatus.Completed;
        CompletedAt = completedAt;
        Version++;
        return StateChange.Done;
    }

    /// <summary>Cancels an unpaid order (by the shopper, by staff, or by the payment timeout).</summary>
    public StateChange Cancel(string reason, DateTimeOffset cancelledAt)
    {
        if (Status != OrderStatus.AwaitingPayment)
        {
            return StateChange.Refuse($"只有待支付的订单可以取消，当前状态：{OrderStatusNames.Of(Status)}");
        }

        Status = OrderStatus.Cancelled;
        CancelReason = reason;
        CancelledAt = cancelledAt;
        Version++;
        return StateChange.Done;
    }

    public StateChange RequestReturn(string reason)
    {
        if (Status is not (OrderStatus.Paid or OrderStatus.Shipped or OrderStatus.Completed))
        {
            return StateChange.Refuse($"当前状态（{OrderStatusNames.Of(Status)}）不能申请退货退款");
        }

        StatusBeforeRefund = Status;
        Status = OrderStatus.ReturnRequested;
        ReturnReason = reason;
        ReturnRejection = null;
        Version++;
        return StateChange.Done;
    }

    /// <summary>Staff turn a return request down, saying why; the order goes back to where it was.</summary>
    public StateChange RejectReturn(string reason)
    {
        if (Status != OrderStatus.ReturnRequested)
        {
            return StateChange.Refuse($"订单没有待处理的退货申请，当前状态：{OrderStatusNames.Of(Status)}");
        }

        Status = StatusBeforeRefund ?? OrderStatus.Paid;
        ReturnRejection = reason;
        Version++;
        return StateChange.Done;
    }

    /// <summary>What can still be refunded: paid, minus refunded, minus refunds in flight.</summary>
    public long RefundableFen => (PaidFen ?? 0) - RefundedFen - RefundPendingFen;

    /// <summary>
    /// A refund of <paramref name="amountFen"/> is sent to WeChat Pay. Refunding everything that is left moves the order
    /// to <see cref="OrderStatus.Refunding"/>; a partial refund (a price adjustment) leaves the order where it is.
    /// </summary>
    public StateChange BeginRefund(long amountFen)
    {
        if (Status is not (OrderStatus.Paid or OrderStatus.Shipped or OrderStatus.Completed or OrderStatus.ReturnRequested or OrderStatus.Refunding))
        {
            return StateChange.Refuse($"当前状态（{OrderStatusNames.Of(Status)}）不能退款");
        }

        if (amountFen <= 0 || amountFen > RefundableFen)
        {
            return StateChange.Refuse($"退款金额 {amountFen} 分超出可退金额 {RefundableFen} 分");
        }

        RefundPendingFen += amountFen;
        if (RefundableFen == 0 && Status != OrderStatus.Refunding)
        {
            if (Status != OrderStatus.ReturnRequested)
            {
                StatusBeforeRefund = Status;
            }

            Status = OrderStatus.Refunding;
        }

        Version++;
        return StateChange.Done;
    }

    /// <summary>WeChat Pay confirmed a refund that <see cref="BeginRefund"/> started.</summary>
    public StateChange CompleteRefund(long amountFen)
    {
        if (amountFen <= 0 || amountFen > RefundPendingFen)
        {
            return StateChange.Refuse($"退款金额 {amountFen} 分与退款中的金额 {RefundPendingFen} 分不符");
        }

        RefundPendingFen -= amountFen;
        RefundedFen += amountFen;
        if (RefundedFen == PaidFen)
        {
            Status = OrderStatus.Refunded;
        }

        Version++;
        return StateChange.Done;
    }

    /// <summary>WeChat Pay closed or could not make a refund: the money stays with the store and the order goes back.</summary>
    public StateChange FailRefund(long amountFen)
    {
        if (amountFen <= 0 || amountFen > RefundPendingFen)
        {
            return StateChange.Refuse($"退款金额 {amountFen} 分与退款中的金额 {RefundPendingFen} 分不符");
        }

        RefundPendingFen -= amountFen;
        if (Status == OrderStatus.Refunding)
        {
            Status = StatusBeforeRefund ?? OrderStatus.Paid;
        }

        Version++;
        return StateChange.Done;
    }
}

public sealed class OrderLine
{
    public long Id { get; set; }
    public long OrderId { get; set; }
    public int SkuId { get; init; }
    public required string ProductName { get; init; }
    public required string SkuName { get; init; }
    public long UnitPriceFen { get; init; }
    public int Quantity { get; init; }
    public long LineTotalFen => UnitPriceFen * Quantity;
}

public static class OrderStatusNames
{
    public static string Of(OrderStatus status) => status switch
    {
        OrderStatus.AwaitingPayment => "待支付",
        OrderStatus.Paid => "已支付",
        OrderStatus.Shipped => "已发货",
        OrderStatus.Completed => "已完成",
        OrderStatus.Cancelled => "已取消",
        OrderStatus.ReturnRequested => "退货申请中",
        OrderStatus.Refunding => "退款中",
        OrderStatus.Refunded => "已退款",
        _ => status.ToString(),
    };
}
