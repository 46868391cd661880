using Microsoft.EntityFrameworkCore;
using Wolverine.EntityFrameworkCore;
using WxMall.Data;
using WxMall.Ordering;
using WxMall.WeChat.Pay.Refunds;

namespace WxMall.Payments;

public enum RefundUpdate
{
    Applied,

    /// <summary>The refund had already reached this or a final state (a duplicate notification).</summary>
    Unchanged,
    UnknownRefund,
}

/// <summary>
/// Records what WeChat Pay says about a refund — from the refund notification, the refund call's own answer, or a
/// query — and moves the order with it in one transaction, publishing <see cref="OrderRefunded"/> for stock, points
/// and the buyer's message.
/// </summary>
public sealed class FinishRefund(IDbContextOutbox<MallDb> outbox, IWriteGate writeGate, TimeProvider clock)
{
    private readonly MallDb db = outbox.DbContext;

    public async Task<RefundUpdate> HandleAsync(
        string outRefundNumber, string wechatStatus, string? wechatRefundId, DateTimeOffset? succeededAt, CancellationToken cancellationToken)
    {
        var status = wechatStatus switch
        {
            RefundStatuses.Success => RefundStatus.Succeeded,
            RefundStatuses.Closed => RefundStatus.Closed,
            RefundStatuses.Abnormal => RefundStatus.Abnormal,
            _ => RefundStatus.Processing,
        };
        return await ApplyAsync(outRefundNumber, status, wechatRefundId, succeededAt, failure: status == RefundStatus.Abnormal ? "退款异常：买家账户异常，请联系买家线下处理" : null, cancellationToken);
    }

    /// <summary>WeChat Pay refused to start the refund; the order gets its refundable amount back.</summary>
    public Task<RefundUpdate> RefuseAsync(string outRefundNumber, string reason, CancellationToken cancellationToken) =>
        ApplyAsync(outRefundNumber, RefundStatus.Refused, wechatRefundId: null, succeededAt: null, reason, cancellationToken);

    private async Task<RefundUpdate> ApplyAsync(
        string outRefundNumber, RefundStatus status, string? wechatRefundId, DateTimeOffset? succeededAt, string? failure, CancellationToken cancellationToken)
    {
        await using var writer = await writeGate.EnterAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var refund = await db.Refunds.FirstOrDefaultAsync(r => r.OutRefundNumber == outRefundNumber, cancellationToken);
        if (refund is null)
        {
            return RefundUpdate.UnknownRefund;
        }

        if (refund.IsFinished || refund.Status == status)
        {
            return RefundUpdate.Unchanged;
        }

        refund.Status = status;
        refund.WeChatRefundId ??= wechatRefundId;
        refund.FailureReason = failure;
        if (refund.IsFinished)
        {
            refund.CompletedAt = (succeededAt ?? clock.GetUtcNow()).ToUniversalTime();
        }

        if (refund.TouchesOrder && refund.IsFinished)
        {
            var order = await db.Orders.FirstAsync(o => o.Number == refund.OrderNumber, cancellationToken);
            var change = status == RefundStatus.Succeeded ? order.CompleteRefund(refund.AmountFen) : order.FailRefund(refund.AmountFen);
            if (!change.Applied)
            {
                throw new InvalidOperationException($"Refund {outRefundNumber} does not fit order {order.Number}: {change.Refusal}");
            }

            if (status == RefundStatus.Succeeded)
            {
                await outbox.PublishAsync(new OrderRefunded(order.Number, order.MemberId, refund.OutRefundNumber, refund.AmountFen, refund.CompletedAt!.Value));
            }
        }

        await outbox.SaveChangesAndFlushMessagesAsync(cancellationToken);
        return RefundUpdate.Applied;
    }
}
