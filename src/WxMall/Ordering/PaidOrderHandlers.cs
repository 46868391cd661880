using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WxMall.Data;
using WxMall.Inventory;
using WxMall.Members;

namespace WxMall.Ordering;

/// <summary>Reserved stock becomes sold once an order is paid. Runs at least once; the ledger shows whether it already ran.</summary>
public static class CommitStockOnPaymentHandler
{
    public static async Task Handle(OrderPaid message, MallDb db, StockService stock, IWriteGate writeGate, CancellationToken cancellationToken)
    {
        if (await db.StockMovements.AnyAsync(m => m.OrderNumber == message.OrderNumber && m.Kind == StockMovementKind.Commit, cancellationToken))
        {
            return;
        }

        await using var writer = await writeGate.EnterAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var lines = await OrderQuantities.OfAsync(db, message.OrderNumber, cancellationToken);
        foreach (var line in lines)
        {
            if (!await stock.TryCommitAsync(line.SkuId, line.Quantity, message.OrderNumber, "system:payment", cancellationToken))
            {
                // Left for an operator: the message retries, then waits in the dead letters for a replay.
                throw new InvalidOperationException(
                    $"Order {message.OrderNumber}: SKU {line.SkuId} has less reserved stock than the {line.Quantity} the order holds.");
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}

/// <summary>Points and member level for a paid order, awarded once per order.</summary>
public static class AwardPointsOnPaymentHandler
{
    public static async Task Handle(OrderPaid message, MallDb db, IOptions<PointsOptions> options, IWriteGate writeGate, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await db.PointsEntries.AnyAsync(p => p.OrderNumber == message.OrderNumber && p.Reason == PointsReasons.EarnedOnPayment, cancellationToken))
        {
            return;
        }

        var earned = options.Value.EarnedFor(message.PaidFen);
        await using var writer = await writeGate.EnterAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Members.Where(m => m.Id == message.MemberId).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.PointsBalance, m => m.PointsBalance + earned)
            .SetProperty(m => m.TotalPaidFen, m => m.TotalPaidFen + message.PaidFen), cancellationToken);
        var total = await db.Members.Where(m => m.Id == message.MemberId).Select(m => m.TotalPaidFen).FirstAsync(cancellationToken);
        var level = MemberLevels.For(total);

        // Levels only go up; a stale read in a concurrent award can never lower one.
        await db.Members.Where(m => m.Id == message.MemberId && m.Level < level)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Level, level), cancellationToken);
        db.PointsEntries.Add(new PointsEntry
        {
            MemberId = message.MemberId, Delta = earned, Reason = PointsReasons.EarnedOnPayment, OrderNumber = message.OrderNumber, At = clock.GetUtcNow(),
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
