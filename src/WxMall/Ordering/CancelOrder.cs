using Microsoft.EntityFrameworkCore;
using Wolverine;
using Wolverine.EntityFrameworkCore;
using WxMall.Data;
using WxMall.Inventory;
using WxMall.Members;

namespace WxMall.Ordering;

public enum CancelOutcome
{
    Cancelled,
    NotFound,
    NotCancellable,

    /// <summary>The payment timeout fired early (a clock difference); the order was left alone.</summary>
    NotYetDue,
}

/// <summary>
/// Cancels an unpaid order — asked by the shopper, or by the payment timeout — releasing its stock and
/// returning its points in the same transaction as the state change.
/// </summary>
public sealed class CancelOrder(IDbContextOutbox<MallDb> outbox, StockService stock, IWriteGate writeGate, TimeProvider clock)
{
    private readonly MallDb db = outbox.DbContext;

    public async Task<(CancelOutcome Outcome, string? Refusal)> HandleAsync(
        string orderNumber, long? memberId, string reason, string actor, bool onlyWhenDue, CancellationToken cancellationToken)
    {
        await using var writer = await writeGate.EnterAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var order = await db.Orders.Include(o => o.Lines)
            .FirstOrDefaultAsync(o => o.Number == orderNumber && (memberId == null || o.MemberId == memberId), cancellationToken);
        if (order is null)
        {
            return (CancelOutcome.NotFound, $"订单 {orderNumber} 不存在");
        }

        var now = clock.GetUtcNow();
        if (onlyWhenDue && order.Status == OrderStatus.AwaitingPayment && now < order.PaymentDeadline)
        {
            return (CancelOutcome.NotYetDue, null);
        }

        var change = order.Cancel(reason, now);
        if (!change.Applied)
        {
            return (CancelOutcome.NotCancellable, change.Refusal);
        }

        foreach (var line in order.Lines)
        {
            if (!await stock.TryReleaseAsync(line.SkuId, line.Quantity, order.Number, reason, actor, cancellationToken))
            {
                throw new InvalidOperationException($"Reserved stock of SKU {line.SkuId} is lower than order {order.Number} holds; the stock ledger needs checking.");
            }
        }

        if (order.PointsUsed > 0)
        {
            await db.Members.Where(m => m.Id == order.MemberId)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.PointsBalance, m => m.PointsBalance + order.PointsUsed), cancellationToken);
            db.PointsEntries.Add(new PointsEntry
            {
                MemberId = order.MemberId, Delta = order.PointsUsed, Reason = PointsReasons.ReturnedOnCancel, OrderNumber = order.Number, At = now,
            });
        }

        await outbox.PublishAsync(new OrderCancelled(order.Number, order.MemberId, reason));
        await outbox.SaveChangesAndFlushMessagesAsync(cancellationToken);
        return (CancelOutcome.Cancelled, null);
    }
}

/// <summary>Delivered by the durable scheduler at an order's payment deadline.</summary>
public static class CancelUnpaidOrderHandler
{
    public const string TimeoutReason = "超时未支付，系统自动取消";

    /// <summary>
    /// A checkout batch's timeouts become one durable message per order, so each is retried (or dead-lettered) alone.
    /// </summary>
    public static IEnumerable<CancelUnpaidOrder> Handle(CancelUnpaidOrders message) =>
        message.OrderNumbers.Select(number => new CancelUnpaidOrder(number));

    public static async Task Handle(
        CancelUnpaidOrder message, CancelOrder cancel, Payments.CheckPayment check, MallDb db, IMessageContext context, ILogger<CancelOrder> logger,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var deadline = await db.Orders.Where(o => o.Number == message.OrderNumber && o.Status == OrderStatus.AwaitingPayment)
            .Select(o => (DateTimeOffset?)o.PaymentDeadline).FirstOrDefaultAsync(cancellationToken);
        if (deadline is null)
        {
            return;
        }

        if (clock.GetUtcNow() < deadline)
        {
            await context.ScheduleAsync(message, deadline.Value);
            return;
        }

        try
        {
            // A payment whose notification is late or lost must win over the timeout.
            await check.HandleAsync(message.OrderNumber, force: true, cancellationToken);
        }
        catch (Exception exception) when (exception is HttpRequestException or InvalidOperationException)
        {
            // Cancel on time anyway: closing the WeChat order after the cancel refunds any payment that still lands.
            logger.LogWarning(exception, "Could not query WeChat Pay before cancelling {OrderNumber}", message.OrderNumber);
        }

        await cancel.HandleAsync(message.OrderNumber, memberId: null, TimeoutReason, "system:timeout", onlyWhenDue: true, cancellationToken);
    }
}
