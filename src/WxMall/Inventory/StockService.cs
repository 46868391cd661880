using Microsoft.EntityFrameworkCore;
using WxMall.Data;

namespace WxMall.Inventory;

/// <summary>
/// Every stock change is one guarded, set-based UPDATE (never read-then-write) plus a ledger line, both in the
/// caller's transaction. A guard that fails changes nothing and returns false. The updates are plain parameterised SQL
/// (the same on SQLite and PostgreSQL) through <see cref="PlainSql"/>: they run inside the single writer's turn, where
/// translating LINQ, or even parsing the same statement again for every order of a batch, cost more than executing it.
/// </summary>
public sealed class StockService(MallDb db, TimeProvider clock)
{
    /// <summary>Where ledger lines go: added to <c>db</c>'s unit of work unless a caller that writes them itself says otherwise.</summary>
    public Action<StockMovement> Ledger { get; init; } = movement => db.StockMovements.Add(movement);

    /// <summary>Available → reserved. False when fewer than <paramref name="quantity"/> are available.</summary>
    public async Task<bool> TryReserveAsync(int skuId, int quantity, string orderNumber, string actor, CancellationToken cancellationToken)
    {
        var changed = await db.Sql.ExecuteAsync(
            $"""UPDATE "Stock" SET "Available" = "Available" - {quantity}, "Reserved" = "Reserved" + {quantity} WHERE "SkuId" = {skuId} AND "Available" >= {quantity}""",
            cancellationToken);
        return changed == 1 && Record(skuId, StockMovementKind.Reserve, -quantity, quantity, 0, orderNumber, "下单预占", actor);
    }

    /// <summary>Reserved → available, when an unpaid order is cancelled.</summary>
    public async Task<bool> TryReleaseAsync(int skuId, int quantity, string orderNumber, string reason, string actor, CancellationToken cancellationToken)
    {
        var changed = await db.Sql.ExecuteAsync(
            $"""UPDATE "Stock" SET "Available" = "Available" + {quantity}, "Reserved" = "Reserved" - {quantity} WHERE "SkuId" = {skuId} AND "Reserved" >= {quantity}""",
            cancellationToken);
        return changed == 1 && Record(skuId, StockMovementKind.Release, quantity, -quantity, 0, orderNumber, reason, actor);
    }

    /// <summary>Reserved → sold, when an order is paid.</summary>
    public async Task<bool> TryCommitAsync(int skuId, int quantity, string orderNumber, string actor, CancellationToken cancellationToken)
    {
        var changed = await db.Sql.ExecuteAsync(
            $"""UPDATE "Stock" SET "Reserved" = "Reserved" - {quantity}, "Sold" = "Sold" + {quantity} WHERE "SkuId" = {skuId} AND "Reserved" >= {quantity}""",
            cancellationToken);
        return changed == 1 && Record(skuId, StockMovementKind.Commit, 0, -quantity, quantity, orderNumber, "支付扣减", actor);
    }

    /// <summary>Sold → available, when returned goods go back on the shelf.</summary>
    public async Task<bool> TryRestockAsync(int skuId, int quantity, string orderNumber, string actor, CancellationToken cancellationToken)
    {
        var changed = await db.Sql.ExecuteAsync(
            $"""UPDATE "Stock" SET "Available" = "Available" + {quantity}, "Sold" = "Sold" - {quantity} WHERE "SkuId" = {skuId} AND "Sold" >= {quantity}""",
            cancellationToken);
        return changed == 1 && Record(skuId, StockMovementKind.Restock, quantity, 0, -quantity, orderNumber, "退货入库", actor);
    }

    /// <summary>Staff receive goods (positive) or correct a count (either sign); available never goes below zero.</summary>
    public async Task<bool> TryAdjustAvailableAsync(int skuId, int delta, StockMovementKind kind, string reason, string actor, CancellationToken cancellationToken)
    {
        var changed = await db.Sql.ExecuteAsync(
            $"""UPDATE "Stock" SET "Available" = "Available" + {delta} WHERE "SkuId" = {skuId} AND "Available" + {delta} >= 0""",
            cancellationToken);
        return changed == 1 && Record(skuId, kind, delta, 0, 0, null, reason, actor);
    }

    /// <summary>
    /// Opens the counters of a new SKU at zero and receives <paramref name="initial"/> units into them, so even the
    /// first stock a SKU ever had is a line of the ledger. Runs in the caller's transaction, like every other change.
    /// </summary>
    public async Task OpenAsync(int skuId, int initial, string reason, string actor, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(initial);
        await db.Sql.ExecuteAsync(
            $"""INSERT INTO "Stock" ("SkuId", "Available", "Reserved", "Sold") VALUES ({skuId}, 0, 0, 0)""", cancellationToken);
        if (initial > 0 && !await TryAdjustAvailableAsync(skuId, initial, StockMovementKind.Receive, reason, actor, cancellationToken))
        {
            throw new InvalidOperationException($"Stock counters of SKU {skuId} were not there right after they were opened");
        }
    }

    private bool Record(int skuId, StockMovementKind kind, int available, int reserved, int sold, string? orderNumber, string reason, string actor)
    {
        Ledger(new StockMovement
        {
            SkuId = skuId, Kind = kind, AvailableDelta = available, ReservedDelta = reserved, SoldDelta = sold,
            OrderNumber = orderNumber, Reason = reason, Actor = actor, At = clock.GetUtcNow(),
        });
        return true;
    }
}
