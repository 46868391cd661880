using Microsoft.EntityFrameworkCore;
using Wolverine.EntityFrameworkCore;
using WxMall.Data;
using WxMall.Ordering;

namespace WxMall.Payments;

/// <summary>
/// Money that reached us for an order that cannot take it — cancelled or timed out before the payment landed, or
/// already paid by another attempt — goes straight back to the payer. The store never keeps it. The refund number is
/// derived from the transaction, so the same payment reported again finds its refund instead of starting another.
/// </summary>
public sealed class RefundStrayPayment(IDbContextOutbox<MallDb> outbox, IWriteGate writeGate, TimeProvider clock)
{
    private readonly MallDb db = outbox.DbContext;

    public static string RefundNumberFor(string outTradeNumber) => outTradeNumber + "RX";

    public async Task HandleAsync(PaymentAttempt attempt, string transactionId, long paidFen, CancellationToken cancellationToken)
    {
        var refundNumber = RefundNumberFor(attempt.OutTradeNumber);
        if (await db.Refunds.AnyAsync(r => r.OutRefundNumber == refundNumber, cancellationToken))
        {
            return;
        }

        await using var writer = await writeGate.EnterAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var orderStatus = await db.Orders.Where(o => o.Number == attempt.OrderNumber).Select(o => o.Status).FirstAsync(cancellationToken);
        var kind = orderStatus is OrderStatus.Cancelled or OrderStatus.AwaitingPayment ? RefundKind.UnpayableOrder : RefundKind.DuplicatePayment;
        db.Refunds.Add(new Refund
        {
            OutRefundNumber = refundNumber,
            OrderNumber = attempt.OrderNumber,
            OutTradeNumber = attempt.OutTradeNumber,
            TransactionId = transactionId,
            AmountFen = paidFen,
            TransactionTotalFen = paidFen,
            Kind = kind,
            Reason = kind == RefundKind.UnpayableOrder ? "订单已取消，支付原路退回" : "订单已由另一笔支付付款，重复支付原路退回",
            RequestedBy = "system:payment",
            CreatedAt = clock.GetUtcNow(),
        });
        await outbox.PublishAsync(new SubmitRefund(refundNumber));
        try
        {
            await outbox.SaveChangesAndFlushMessagesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A concurrent delivery of the same payment may have started the refund first; anything else is a real fault.
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            if (!await db.Refunds.AnyAsync(r => r.OutRefundNumber == refundNumber, cancellationToken))
            {
                throw;
            }
        }
    }
}
