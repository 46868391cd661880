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

/// <summary>A payment to record; <c>AttemptId</c> is the WeChat Pay attempt it came through, marked paid in the same transaction.</summary>
public sealed record PaymentToRecord(string OrderNumber, string TransactionId, long AmountFen, DateTimeOffset PaidAt, long? AttemptId);

/// <summary>
/// Marks orders paid and writes <see cref="OrderPaid"/> to the outbox in the same transaction. Stock commit and points
/// happen in the handlers of that event. Idempotent: a repeated notification changes nothing. Payments arriving
/// together are written in one batch (one commit), which is what lets a burst of notifications keep up on SQLite.
/// </summary>
public sealed class RecordPayment(IServiceScopeFactory scopes, IWriteGate writeGate, ILogger<RecordPayment> logger)
    : BatchWriter<PaymentToRecord, (PaymentOutcome Outcome, string? Detail)>(logger)
{
    public Task<(PaymentOutcome Outcome, string? Detail)> HandleAsync(
        string orderNumber, string transactionId, long amountFen, DateTimeOffset paidAt, CancellationToken cancellationToken, long? attemptId = null) =>
        WriteAsync(new PaymentToRecord(orderNumber, transactionId, amountFen, paidAt, attemptId), cancellationToken);

    protected override async Task<IReadOnlyList<(PaymentOutcome Outcome, string? Detail)>> WriteBatchAsync(
        IReadOnlyList<PaymentToRecord> batch, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TryBatchAsync(batch, cancellationToken);
            }
            catch (DbUpdateConcurrencyException) when (attempt < 3)
            {
                // A cancel changed one of the orders first (PostgreSQL has no single writer); read them again.
            }
        }
    }

    private async Task<IReadOnlyList<(PaymentOutcome, string?)>> TryBatchAsync(IReadOnlyList<PaymentToRecord> batch, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var outbox = scope.ServiceProvider.GetRequiredService<IDbContextOutbox<MallDb>>();
        var db = outbox.DbContext;
        var results = new List<(PaymentOutcome, string?)>(batch.Count);
        await using (await writeGate.EnterAsync(cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var numbers = batch.Select(p => p.OrderNumber).Distinct().ToList();
            var orders = await db.Orders.Where(o => numbers.Contains(o.Number)).ToDictionaryAsync(o => o.Number, cancellationToken);
            foreach (var payment in batch)
            {
                if (payment.AttemptId is { } attemptId)
                {
                    await db.PaymentAttempts.Where(a => a.Id == attemptId && a.TransactionId == null).ExecuteUpdateAsync(s => s
                        .SetProperty(a => a.TransactionId, payment.TransactionId)
                        .SetProperty(a => a.PaidAt, payment.PaidAt), cancellationToken);
                }

                results.Add(await ApplyAsync(outbox, orders.GetValueOrDefault(payment.OrderNumber), payment));
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        await outbox.FlushOutgoingMessagesAsync();
        return results;
    }

    private static async Task<(PaymentOutcome, string?)> ApplyAsync(IDbContextOutbox<MallDb> outbox, Order? order, PaymentToRecord payment)
    {
        if (order is null)
        {
            return (PaymentOutcome.OrderNotFound, $"订单 {payment.OrderNumber} 不存在");
        }

        if (order.PaymentTransactionId == payment.TransactionId)
        {
            return (PaymentOutcome.AlreadyRecorded, null);
        }

        if (order.Status != OrderStatus.AwaitingPayment)
        {
            return (PaymentOutcome.OrderNotPayable, $"订单状态为{OrderStatusNames.Of(order.Status)}，这笔支付需要退款");
        }

        var change = order.MarkPaid(payment.TransactionId, payment.AmountFen, payment.PaidAt);
        if (!change.Applied)
        {
            return (PaymentOutcome.AmountMismatch, change.Refusal);
        }

        await outbox.PublishAsync(new OrderPaid(order.Number, order.MemberId, payment.AmountFen, payment.TransactionId, payment.PaidAt));
        return (PaymentOutcome.Recorded, null);
    }
}
