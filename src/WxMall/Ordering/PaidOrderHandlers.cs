using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WxMall.Data;
using WxMall.Inventory;
using WxMall.Members;

namespace WxMall.Ordering;

/// <summary>Reserved stock becomes sold once an order is paid. Runs at least once; the ledger shows whether it already ran.</summary>
public static class CommitStockOnPaymentHandler
{
    public static Task Handle(OrderPaid message, SharedWrites writes, TimeProvider clock, CancellationToken cancellationToken) =>
        writes.RunAsync(async (db, ct) =>
        {
            if (await db.StockMovements.AnyAsync(m => m.OrderNumber == message.OrderNumber && m.Kind == StockMovementKind.Commit, ct))
            {
                return;
            }

            var stock = new StockService(db, clock);
            foreach (var line in await OrderQuantities.OfAsync(db, message.OrderNumber, ct))
            {
                if (!await stock.TryCommitAsync(line.SkuId, line.Quantity, message.OrderNumber, "system:payment", ct))
                {
                    // Left for an operator: the message retries, then waits in the dead letters for a replay.
                    throw new InvalidOperationException(
                        $"Order {message.OrderNumber}: SKU {line.SkuId} has less reserved stock than the {line.Quantity} the order holds.");
                }
            }
        }, cancellationToken);
}

/// <summary>Points and member level for a paid order, awarded once per order.</summary>
public static class AwardPointsOnPaymentHandler
{
    public static Task Handle(OrderPaid message, SharedWrites writes, IOptions<PointsOptions> options, TimeProvider clock, CancellationToken cancellationToken) =>
        writes.RunAsync(async (db, ct) =>
        {
            // The order's member now, not when it was paid: an account merge in between moves the order, and the points go with it.
            var order = await db.Orders.Where(o => o.Number == message.OrderNumber)
                .Select(o => new
                {
                    o.MemberId,
                    Awarded = db.PointsEntries.Any(p => p.OrderNumber == message.OrderNumber && p.Reason == PointsReasons.EarnedOnPayment),
                })
                .FirstAsync(ct);
            if (order.Awarded)
            {
                return;
            }

            var memberId = order.MemberId;
            var earned = options.Value.EarnedFor(message.PaidFen);
            await db.Members.Where(m => m.Id == memberId).ExecuteUpdateAsync(s => s
                .SetProperty(m => m.PointsBalance, m => m.PointsBalance + earned)
                .SetProperty(m => m.TotalPaidFen, m => m.TotalPaidFen + message.PaidFen), ct);
            var total = await db.Members.Where(m => m.Id == memberId).Select(m => m.TotalPaidFen).FirstAsync(ct);
            var level = MemberLevels.For(total);

            // Levels only go up; a stale read in a concurrent award can never lower one.
            await db.Members.Where(m => m.Id == memberId && m.Level < level)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.Level, level), ct);
            db.PointsEntries.Add(new PointsEntry
            {
                MemberId = memberId, Delta = earned, Reason = PointsReasons.EarnedOnPayment, OrderNumber = message.OrderNumber, At = clock.GetUtcNow(),
            });
        }, cancellationToken);
}
