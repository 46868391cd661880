using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WxMall.Data;
using WxMall.Inventory;
using WxMall.Members;
using WxMall.Ordering;

namespace WxMall.Payments;

/// <summary>A full refund puts the goods back on sale. The stock ledger's unique key makes a redelivery a no-op.</summary>
public static class RestockOnRefundHandler
{
    public static async Task Handle(OrderRefunded message, MallDb db, StockService stock, IWriteGate writeGate, CancellationToken cancellationToken)
    {
        var restock = await db.Refunds.Where(r => r.OutRefundNumber == message.OutRefundNumber).Select(r => r.Restock).FirstAsync(cancellationToken);
        if (!restock || await db.StockMovements.AnyAsync(m => m.OrderNumber == message.OrderNumber && m.Kind == StockMovementKind.Restock, cancellationToken))
        {
            return;
        }

        await using var writer = await writeGate.EnterAsync(WritePriority.Background, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var lines = await OrderQuantities.OfAsync(db, message.OrderNumber, cancellationToken);
        foreach (var line in lines)
        {
            if (!await stock.TryRestockAsync(line.SkuId, line.Quantity, message.OrderNumber, "system:refund", cancellationToken))
            {
                // The payment's stock commit has not run yet (or failed): retry, then wait in the dead letters for an operator.
                throw new InvalidOperationException($"Order {message.OrderNumber}: SKU {line.SkuId} has fewer sold units than the {line.Quantity} being returned.");
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}

/// <summary>
/// Refunded money earns no points: each refund takes back the points its amount earned (never below zero), and a
/// full refund returns the points spent at checkout. Points entries are keyed by the refund number, so once each.
/// </summary>
public static class AdjustPointsOnRefundHandler
{
    public static async Task Handle(
        OrderRefunded message, MallDb db, IOptions<PointsOptions> options, IWriteGate writeGate, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await db.PointsEntries.AnyAsync(p => p.MemberId == message.MemberId && p.OrderNumber == message.OutRefundNumber, cancellationToken))
        {
            return;
        }

        await using var writer = await writeGate.EnterAsync(WritePriority.Background, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var balance = await db.Members.Where(m => m.Id == message.MemberId).Select(m => m.PointsBalance).FirstAsync(cancellationToken);
        var order = await db.Orders.AsNoTracking().Where(o => o.Number == message.OrderNumber)
            .Select(o => new { o.Status, o.PointsUsed }).FirstAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var revoked = Math.Min(options.Value.EarnedFor(message.RefundFen), balance);
        var returned = order.Status == OrderStatus.Refunded ? order.PointsUsed : 0;

        // The refund number stands in the order-number column so that every partial refund gets its own entry.
        db.PointsEntries.Add(new PointsEntry
        {
            MemberId = message.MemberId, Delta = -revoked, Reason = PointsReasons.RevokedOnRefund, OrderNumber = message.OutRefundNumber, At = now,
        });
        if (returned > 0)
        {
            db.PointsEntries.Add(new PointsEntry
            {
                MemberId = message.MemberId, Delta = returned, Reason = PointsReasons.ReturnedOnRefund, OrderNumber = message.OrderNumber, At = now,
            });
        }

        // Set-based, like the award on payment, so a concurrent award is not lost.
        await db.Members.Where(m => m.Id == message.MemberId).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.PointsBalance, m => m.PointsBalance - revoked + returned)
            .SetProperty(m => m.TotalPaidFen, m => m.TotalPaidFen > message.RefundFen ? m.TotalPaidFen - message.RefundFen : 0), cancellationToken);

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
