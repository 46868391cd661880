using Microsoft.EntityFrameworkCore;
using WxMall.Data;
using WxMall.Ordering;
using WxMall.WeChat.Pay.Transactions;

namespace WxMall.Payments;

/// <summary>
/// Closes WeChat Pay orders we no longer want paid (the order was cancelled, or the shopper switched payment mode).
/// When WeChat answers that one was paid after all, the payment is applied — which, for a cancelled order, refunds it.
/// </summary>
public sealed class ClosePayments(MallDb db, PayGateway gateway, SettleTransaction settle, IWriteGate writeGate, TimeProvider clock)
{
    public async Task HandleAsync(string orderNumber, CancellationToken cancellationToken)
    {
        var open = await db.PaymentAttempts.AsNoTracking()
            .Where(a => a.OrderNumber == orderNumber && a.ClosedAt == null && a.TransactionId == null).ToListAsync(cancellationToken);
        foreach (var attempt in open)
        {
            if (await CloseAsync(attempt, cancellationToken) is { } paid)
            {
                await settle.HandleAsync(paid, cancellationToken);
            }
        }
    }

    /// <summary>Closes an attempt at WeChat Pay; returns the transaction when it turns out to have been paid.</summary>
    public async Task<TransactionDetails?> CloseAsync(PaymentAttempt attempt, CancellationToken cancellationToken)
    {
        var closed = await gateway.Client.CloseTransactionAsync(
            new CloseTransactionRequest { OutTradeNumber = attempt.OutTradeNumber, MerchantId = gateway.MerchantId }, cancellationToken);
        if (closed.Error is { Code: "ORDERPAID" })
        {
            var query = await gateway.Client.GetTransactionByOutTradeNumberAsync(
                new GetTransactionByOutTradeNumberRequest { OutTradeNumber = attempt.OutTradeNumber, MerchantId = gateway.MerchantId }, cancellationToken);
            return query.Value ?? throw new InvalidOperationException($"WeChat says {attempt.OutTradeNumber} is paid but the query failed: {query.Error?.Code}");
        }

        if (closed.Error is { } error && error.Code != "ORDER_NOT_EXIST")
        {
            throw new InvalidOperationException($"Closing {attempt.OutTradeNumber} at WeChat Pay failed: {error.Code} {error.Message}");
        }

        await using (await writeGate.EnterAsync(cancellationToken))
        {
            await db.PaymentAttempts.Where(a => a.Id == attempt.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.ClosedAt, clock.GetUtcNow()), cancellationToken);
        }

        return null;
    }

}

/// <summary>A cancelled order's WeChat Pay orders are closed, so nobody can pay for what is no longer reserved.</summary>
public static class ClosePaymentsOnCancelHandler
{
    public static Task Handle(OrderCancelled message, ClosePayments closer, PayGateway gateway, CancellationToken cancellationToken) =>
        gateway.IsConfigured ? closer.HandleAsync(message.OrderNumber, cancellationToken) : Task.CompletedTask;
}
