using Microsoft.EntityFrameworkCore;
using WxMall.Data;
using WxMall.Ordering;
using WxMall.WeChat.Pay.Transactions;

namespace WxMall.Payments;

public enum SettlementOutcome
{
    Paid,

    /// <summary>The same transaction was applied before: a duplicate or reordered notification, nothing changed.</summary>
    AlreadyPaid,

    /// <summary>WeChat reports no money yet (NOTPAY, CLOSED, USERPAYING…).</summary>
    NotPaid,

    /// <summary>Money arrived for an order that can no longer take it; a refund was started and recorded.</summary>
    RefundedAutomatically,
    UnknownOrder,

    /// <summary>Merchant, app or amount differ from what we asked WeChat for: nothing changed, someone must look.</summary>
    Mismatch,
}

/// <summary>
/// Applies what WeChat Pay says about one of our transactions, whoever learned it: a notification, an active
/// query or the reconciliation. Every path ends here so the checks and the refund rule are the same.
/// </summary>
public sealed class SettleTransaction(MallDb db, RecordPayment recordPayment, RefundStrayPayment refundStrayPayment, PayGateway gateway, TimeProvider clock)
{
    public async Task<(SettlementOutcome Outcome, string? Detail)> HandleAsync(TransactionDetails transaction, CancellationToken cancellationToken)
    {
        var attempt = await db.PaymentAttempts.AsNoTracking()
            .FirstOrDefaultAsync(a => a.OutTradeNumber == transaction.OutTradeNumber, cancellationToken);
        if (attempt is null)
        {
            return (SettlementOutcome.UnknownOrder, $"没有商户订单号为 {transaction.OutTradeNumber} 的支付");
        }

        if (transaction.MerchantId != gateway.MerchantId)
        {
            return (SettlementOutcome.Mismatch, $"商户号 {transaction.MerchantId} 不是本店的商户号");
        }

        if (transaction.AppId != attempt.AppId)
        {
            return (SettlementOutcome.Mismatch, $"appid {transaction.AppId} 与下单时的 {attempt.AppId} 不一致");
        }

        if (transaction.TradeState is not (TradeStates.Success or TradeStates.Refund) || transaction.TransactionId is null)
        {
            return (SettlementOutcome.NotPaid, transaction.TradeState);
        }

        var paidFen = transaction.Amount?.TotalFen ?? -1;
        if (paidFen != attempt.AmountFen)
        {
            return (SettlementOutcome.Mismatch, $"支付金额 {paidFen} 分与下单金额 {attempt.AmountFen} 分不一致");
        }

        var paidAt = (transaction.SuccessTime ?? clock.GetUtcNow()).ToUniversalTime(); // WeChat sends China time; PostgreSQL stores UTC
        var (outcome, detail) = await recordPayment.HandleAsync(
            attempt.OrderNumber, transaction.TransactionId, paidFen, paidAt, cancellationToken, attempt.TransactionId is null ? attempt.Id : null);
        switch (outcome)
        {
            case PaymentOutcome.Recorded:
                return (SettlementOutcome.Paid, null);
            case PaymentOutcome.AlreadyRecorded:
                return (SettlementOutcome.AlreadyPaid, null);
            case PaymentOutcome.OrderNotFound:
                return (SettlementOutcome.UnknownOrder, detail);
            case PaymentOutcome.AmountMismatch:
                return (SettlementOutcome.Mismatch, detail);
            case PaymentOutcome.OrderNotPayable:
                await refundStrayPayment.HandleAsync(attempt, transaction.TransactionId, paidFen, cancellationToken);
                return (SettlementOutcome.RefundedAutomatically, detail);
            default:
                throw new InvalidOperationException($"Unhandled payment outcome {outcome}");
        }
    }
}
