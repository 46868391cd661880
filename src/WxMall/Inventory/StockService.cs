using Microsoft.EntityFrameworkCore;
using WxMall.Data;

namespace WxMall.Inventory;

/// <summary>
/// Every stock change is one guarded, set-based UPDATE (never read-then-write) plus a ledger line, both in the
/// caller's transaction. A guard that fails changes nothing and returns false.
/// </summary>
public sealed class StockService(MallDb db, TimeProvider clock)
{
    /// <summary>Available → reserved. False when fewer than <paramref name="quantity"/> are available.</summary>
    public async Task<bool> TryReserveAsync(int skuId, int quantity, string orderNumber, string actor, CancellationToken cancellationToken)
    {
        var changed = await db.Stock
            .Where(s => s.SkuId == skuId && s.Available >= quantity)
            .ExecuteUpdateAsync(s => s
                .SetProperty(x => x.Available, x => x.Available - quantity)
                .SetProperty(x => x.Reserved, x => x.Reserved + quantity), cancellationToken);
        return changed == 1 && Record(skuId, StockMovementKind.Reserve, -quantity, quantity, 0, orderNumber, "下单预占", actor);
    }

    /// <summary>Reserved → available, when an unpaid order is cancelled.</summary>
    public async Task<bool> TryReleaseAsync(int skuId, int quantity, string orderNumber, string reason, string actor, CancellationToken cancellationToken)
    {
        var changed = await db.Stock
            .Where(s => s.SkuId == skuId && s.Reserved >= quantity)
            .ExecuteUpdateAsync(s => s
                .SetProperty(x => x.Available, x => x.Available + quantity)
                .SetProperty(x => x.Reserved, x => x.Reserved - quantity), cancellationToken);
        return changed == 1 && Record(skuId, StockMovementKind.Release, quantity, -quantity, 0, orderNumber, reason, actor);
    }

    /// <summary>Reserved → sold, when an order is paid.</summary>
    public async Task<bool> TryCommitAsync(int skuId, int quantity, string orderNumber, string actor, CancellationToken cancellationToken)
    {
        var changed = await db.Stock
            .Where(s => s.SkuId == skuId && s.Reserved >= quantity)
            .ExecuteUpdateAsync(s => s
                .SetProperty(x => x.Reserved, x => x.Reserved - quantity)
                .SetProperty(x => x.Sold, x => x.Sold + quantity), cancellationToken);
        return changed == 1 && Record(skuId, StockMovementKind.Commit, 0, -quantity, quantity, orderNumber, "支付扣减", actor);
    }

    /// <summary>Sold → available, when returned goods go back on the shelf.</summary>
    public async Task<bool> TryRestockAsync(int skuId, int quantity, string orderNumber, string actor, CancellationToken cancellationToken)
    {
        var changed = await db.Stock
            .Where(s => s.SkuId == skuId && s.Sold >= quantity)
            .ExecuteUpdateAsync(s => s
                .SetProperty(x => x.Available, x => x.Available + quantity)
                .SetProperty(x => x.Sold, x => x.Sold - quantity), cancellationToken);
        return changed == 1 && Record(skuId, StockMovementKind.Restock, quantity, 0, -quantity, orderNumber, "退货入库", actor);
    }

    /// <summary>Staff receive goods (positive) or correct a count (either sign); available never goes below zero.</summary>
    public async Task<bool> TryAdjustAvailableAsync(int skuId, int delta, StockMovementKind kind, string reason, string actor, CancellationToken cancellationToken)
    {
        var changed = await db.Stock
            .Where(s => s.SkuId == skuId && s.Available + delta >= 0)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Available, x => x.Available + delta), cancellationToken);
        return changed == 1 && Record(skuId, kind, delta, 0, 0, null, reason, actor);
    }

    private bool Record(int skuId, StockMovementKind kind, int available, int reserved, int sold, string? orderNumber, string reason, string actor)
    {
        db.StockMovements.Add(new StockMovement
        {
            SkuId = skuId, Kind = kind, AvailableDelta = available, ReservedDelta = reserved, SoldDelta = sold,
            OrderNumber = orderNumber, Reason = reason, Actor = actor, At = clock.GetUtcNow(),
        });
        return true;
    }
}
