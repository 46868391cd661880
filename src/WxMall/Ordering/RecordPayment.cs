using Microsoft.EntityFrameworkCore;
using Wolverine.EntityFrameworkCore;
using WxMall.Data;

namespace WxMall.Ordering;

public enum PaymentOutcome
{
    Recorded,

    /// <summary>The same payment was recorded before (a duplicate notification): nothing changed.</summary>
    AlreadyRecorded,
    OrderNotFound,

    /// <summary>Paid amount differs from what the order asks; nothing changed.</summary>
    AmountMismatch,

    /// <summary>The money arrived for an order that is no longer awaiting payment (cancelled or timed out); it must be refunded.</summary>
    OrderNotPayable,
}

/// <summary>
/// Marks an order paid and writes <see cref="OrderPaid"/> to the outbox in the same transaction. Stock commit and
/// points happen in the handlers of that event. Idempotent: a repeated notification changes nothing.
/// </summary>
public sealed class RecordPayment(IDbContextOutbox<MallDb> outbox, IWriteGate writeGate)
{
    private readonly MallDb db = outbox.DbContext;

    public async Task<(PaymentOutcome Outcome, string? Detail)> HandleAsync(
        string orderNumber, string transactionId, long amountFen, DateTimeOffset paidAt, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TryOnceAsync(orderNumber, transactionId, amountFen, paidAt, cancellationToken);
            }
            catch (DbUpdateConcurrencyException) when (attempt < 3)
            {
                // A cancel or another delivery of this payment changed the order first; look again.
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<(PaymentOutcome, string?)> TryOnceAsync(
        string orderNumber, string transactionId, long amountFen, DateTimeOffset paidAt, CancellationToken cancellationToken)
    {
        await using var writer = await writeGate.EnterAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var order = await db.Orders.FirstOrDefaultAsync(o => o.Number == orderNumber, cancellationToken);
        if (order is null)
        {
            return (PaymentOutcome.OrderNotFound, $"订单 {orderNumber} 不存在");
        }

        if (order.PaymentTransactionId == transactionId)
        {
            return (PaymentOutcome.AlreadyRecorded, null);
        }

        if (order.Status != OrderStatus.AwaitingPayment)
        {
            return (PaymentOutcome.OrderNotPayable, $"订单状态为{OrderStatusNames.Of(order.Status)}，这笔支付需要退款");
        }

        var change = order.MarkPaid(transactionId, amountFen, paidAt);
        if (!change.Applied)
        {
            return (PaymentOutcome.AmountMismatch, change.Refusal);
        }

        await outbox.PublishAsync(new OrderPaid(order.Number, order.MemberId, amountFen, transactionId, paidAt));
        await outbox.SaveChangesAndFlushMessagesAsync(cancellationToken);
        return (PaymentOutcome.Recorded, null);
    }
}
