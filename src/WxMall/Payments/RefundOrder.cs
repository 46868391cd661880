using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Wolverine.EntityFrameworkCore;
using WxMall.Admin;
using WxMall.Data;
using WxMall.Identity;
using WxMall.Ordering;

namespace WxMall.Payments;

public abstract record RefundOrderOutcome
{
    public sealed record Started(Refund Refund) : RefundOrderOutcome;

    public sealed record NotFound(string Detail) : RefundOrderOutcome;

    public sealed record Refused(string Detail) : RefundOrderOutcome;
}

/// <summary>
/// Staff refund part or all of a paid order, or approve a return request (which refunds what is left). The order
/// change, the refund row and the message that sends it to WeChat Pay are one transaction.
/// </summary>
public sealed class RefundOrder(IDbContextOutbox<MallDb> outbox, IWriteGate writeGate, TimeProvider clock)
{
    private readonly MallDb db = outbox.DbContext;

    public async Task<RefundOrderOutcome> HandleAsync(
        string orderNumber, long? amountFen, RefundKind kind, string reason, ClaimsPrincipal staff, CancellationToken cancellationToken)
    {
        await using var writer = await writeGate.EnterAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var order = await db.Orders.FirstOrDefaultAsync(o => o.Number == orderNumber, cancellationToken);
        if (order is null)
        {
            return new RefundOrderOutcome.NotFound($"订单 {orderNumber} 不存在");
        }

        if (kind == RefundKind.Return && order.Status != OrderStatus.ReturnRequested)
        {
            return new RefundOrderOutcome.Refused($"订单没有待处理的退货申请，当前状态：{OrderStatusNames.Of(order.Status)}");
        }

        if (order.PaymentTransactionId is null)
        {
            return new RefundOrderOutcome.Refused($"订单未支付，当前状态：{OrderStatusNames.Of(order.Status)}，没有可退的款项");
        }

        var amount = amountFen ?? order.RefundableFen;
        var change = order.BeginRefund(amount);
        if (!change.Applied)
        {
            return new RefundOrderOutcome.Refused(change.Refusal!);
        }

        var paidAttempt = await db.PaymentAttempts.Where(a => a.TransactionId == order.PaymentTransactionId)
            .Select(a => a.OutTradeNumber).FirstOrDefaultAsync(cancellationToken);
        var earlierRefunds = await db.Refunds.CountAsync(r => r.OrderNumber == orderNumber, cancellationToken);
        var refund = new Refund
        {
            OutRefundNumber = $"{order.Number}R{earlierRefunds + 1}",
            OrderNumber = order.Number,
            OutTradeNumber = paidAttempt ?? order.Number,
            TransactionId = order.PaymentTransactionId,
            AmountFen = amount,
            TransactionTotalFen = order.PaidFen ?? amount,

            // Everything refunded means the goods come back (or never left): their stock returns with the refund.
            Restock = order.RefundableFen == 0,
            Kind = kind,
            Reason = reason,
            RequestedBy = "staff:" + staff.StaffName(),
            CreatedAt = clock.GetUtcNow(),
        };
        db.Refunds.Add(refund);
        AuditTrail.Record(db, staff, clock, kind == RefundKind.Return ? "order.return.approve" : "order.refund", $"order:{order.Number}",
            $"{refund.OutRefundNumber} {amount} 分 {reason}");
        await outbox.PublishAsync(new SubmitRefund(refund.OutRefundNumber));
        await outbox.SaveChangesAndFlushMessagesAsync(cancellationToken);
        return new RefundOrderOutcome.Started(refund);
    }
}
