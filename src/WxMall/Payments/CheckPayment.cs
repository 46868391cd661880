using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WxMall.Data;
using WxMall.WeChat.Pay.Transactions;

namespace WxMall.Payments;

/// <summary>
/// The active query: asks WeChat Pay about an order's open payment attempts and applies any payment it reports.
/// Used by the pay-result page (never trusting the page's own "ok"), before the timeout cancels an order, and by
/// reconciliation. Queries of one attempt are spaced by <see cref="PaymentOptions.QueryInterval"/> unless forced.
/// </summary>
public sealed class CheckPayment(MallDb db, PayGateway gateway, SettleTransaction settle, IWriteGate writeGate, IOptions<PaymentOptions> options, TimeProvider clock)
{
    /// <returns>How many attempts WeChat reported paid (applied or refunded).</returns>
    public async Task<int> HandleAsync(string orderNumber, bool force, CancellationToken cancellationToken)
    {
        if (!gateway.IsConfigured)
        {
            return 0;
        }

        var now = clock.GetUtcNow();
        var due = now - options.Value.QueryInterval;
        var attempts = await db.PaymentAttempts.AsNoTracking()
            .Where(a => a.OrderNumber == orderNumber && a.ClosedAt == null && a.TransactionId == null)
            .Where(a => force || a.LastQueriedAt == null || a.LastQueriedAt < due)
            .ToListAsync(cancellationToken);
        var paid = 0;
        foreach (var attempt in attempts)
        {
            await using (await writeGate.EnterAsync(cancellationToken))
            {
                await db.PaymentAttempts.Where(a => a.Id == attempt.Id)
                    .ExecuteUpdateAsync(s => s.SetProperty(a => a.LastQueriedAt, now), cancellationToken);
            }

            var result = await gateway.Client.GetTransactionByOutTradeNumberAsync(
                new GetTransactionByOutTradeNumberRequest { OutTradeNumber = attempt.OutTradeNumber, MerchantId = gateway.MerchantId }, cancellationToken);
            if (result.Value is { TradeState: TradeStates.Success or TradeStates.Refund } transaction)
            {
                await settle.HandleAsync(transaction, cancellationToken);
                paid++;
            }
            else if (result.Error is { IsTransient: true } error)
            {
                throw new InvalidOperationException($"Querying {attempt.OutTradeNumber} failed: {error.Code} {error.Message}");
            }
        }

        return paid;
    }
}
