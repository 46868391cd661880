using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Wolverine;
using WxMall.Data;
using WxMall.WeChat.Pay.Refunds;

namespace WxMall.Payments;

/// <summary>Sends a recorded refund to WeChat Pay. Written to the outbox with the refund row.</summary>
public sealed record SubmitRefund(string OutRefundNumber);

/// <summary>Asks WeChat Pay how a refund is going, for when its notification does not come.</summary>
public sealed record CheckRefund(string OutRefundNumber, int Attempt);

/// <summary>
/// At least once: WeChat Pay treats a repeated <c>out_refund_no</c> as the same refund, so a redelivered message
/// never refunds twice. Transport faults and WeChat's transient errors throw, and Wolverine retries with back-off.
/// </summary>
public static class SubmitRefundHandler
{
    public static async Task Handle(
        SubmitRefund message, MallDb db, PayGateway gateway, FinishRefund finish, IMessageContext context,
        IOptions<PaymentOptions> options, TimeProvider clock, CancellationToken cancellationToken)
    {
        var refund = await db.Refunds.AsNoTracking().FirstAsync(r => r.OutRefundNumber == message.OutRefundNumber, cancellationToken);
        if (refund.Status != RefundStatus.Requested)
        {
            return;
        }

        var result = await gateway.Client.CreateRefundAsync(
            new CreateRefundRequest
            {
                TransactionId = refund.TransactionId,
                OutRefundNumber = refund.OutRefundNumber,
                Reason = refund.Reason,
                NotifyUrl = gateway.Options.RefundNotifyUrl?.ToString(),
                Amount = new RefundRequestAmount { RefundFen = refund.AmountFen, TotalFen = refund.TransactionTotalFen },
            },
            cancellationToken);
        if (result.Error is { IsTransient: true } transient)
        {
            throw new InvalidOperationException($"WeChat Pay could not take refund {refund.OutRefundNumber} now: {transient.Code} {transient.Message}");
        }

        if (result.Error is { } error)
        {
            await finish.RefuseAsync(refund.OutRefundNumber, $"{error.Code}: {error.Message}", cancellationToken);
            return;
        }

        var accepted = result.Value!;
        await finish.HandleAsync(refund.OutRefundNumber, accepted.Status, accepted.RefundId, accepted.SuccessTime, cancellationToken);
        if (accepted.Status == RefundStatuses.Processing)
        {
            await context.ScheduleAsync(new CheckRefund(refund.OutRefundNumber, 1), clock.GetUtcNow() + options.Value.RefundCheckDelay);
        }
    }
}

public static class CheckRefundHandler
{
    public static async Task Handle(
        CheckRefund message, MallDb db, PayGateway gateway, FinishRefund finish, IMessageContext context,
        IOptions<PaymentOptions> options, TimeProvider clock, CancellationToken cancellationToken)
    {
        var status = await db.Refunds.Where(r => r.OutRefundNumber == message.OutRefundNumber).Select(r => r.Status).FirstAsync(cancellationToken);
        if (status != RefundStatus.Processing)
        {
            return;
        }

        var result = await gateway.Client.GetRefundByOutRefundNumberAsync(
            new GetRefundByOutRefundNumberRequest { OutRefundNumber = message.OutRefundNumber }, cancellationToken);
        if (result.Error is { } error)
        {
            throw new InvalidOperationException($"Querying refund {message.OutRefundNumber} failed: {error.Code} {error.Message}");
        }

        var refund = result.Value!;
        await finish.HandleAsync(message.OutRefundNumber, refund.Status, refund.RefundId, refund.SuccessTime, cancellationToken);
        if (refund.Status == RefundStatuses.Processing && message.Attempt < options.Value.RefundChecks)
        {
            await context.ScheduleAsync(message with { Attempt = message.Attempt + 1 }, clock.GetUtcNow() + options.Value.RefundCheckDelay);
        }
    }
}
