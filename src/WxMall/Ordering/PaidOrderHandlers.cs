using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WxMall.Analytics;
using WxMall.Data;
using WxMall.Inventory;
using WxMall.Members;

namespace WxMall.Ordering;

/// <summary>
/// The bookkeeping of a paid order: reserved stock becomes sold, the buyer earns points, and the sale is recorded for
/// the reports. One message for the three, because every durable message costs envelope writes and a completion
/// commit on the single writer, which is what a burst of payments queues behind. Three units of work all the same:
/// each runs in its own savepoint of the shared batch, so one that fails is rolled back alone while the others commit.
/// The message then retries (and waits in the dead letters for a replay), and the units already done find their own
/// record and change nothing.
/// </summary>
public static class PaidOrderBookkeepingHandler
{
    public static Task Handle(OrderPaid message, SharedWrites writes, IOptions<PointsOptions> points, TimeProvider clock, CancellationToken cancellationToken) =>
        Task.WhenAll(
            writes.RunAsync((db, ct) => CommitStockAsync(db, message.OrderNumber, clock, ct), cancellationToken),
            writes.RunAsync((db, ct) => AwardPointsAsync(db, message, points.Value, clock, ct), cancellationToken),
            writes.RunAsync((db, ct) => SaleRecorder.RecordPaymentAsync(db, message.OrderNumber, ct), cancellationToken));

    /// <summary>Reserved stock becomes sold, once: the ledger shows whether it already happened.</summary>
    private static async Task CommitStockAsync(MallDb db, string orderNumber, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await StockCommitted.For(db)(db, orderNumber, cancellationToken) || db.StockMovements.Local.Any(m => m.OrderNumber == orderNumber && m.Kind == StockMovementKind.Commit))
        {
            return;
        }

        var stock = new StockService(db, clock);
        foreach (var line in await OrderQuantities.OfAsync(db, orderNumber, cancellationToken))
        {
            if (!await stock.TryCommitAsync(line.SkuId, line.Quantity, orderNumber, "system:payment", cancellationToken))
            {
                // Left for an operator: the message retries, then waits in the dead letters for a replay.
                throw new InvalidOperationException(
                    $"Order {orderNumber}: SKU {line.SkuId} has less reserved stock than the {line.Quantity} the order holds.");
            }
        }
    }

    /// <summary>Points and member level for the paid order, awarded once per order.</summary>
    private static async Task AwardPointsAsync(MallDb db, OrderPaid message, PointsOptions options, TimeProvider clock, CancellationToken cancellationToken)
    {
        // The order's member now, not when it was paid: an account merge in between moves the order, and the points go with it.
        var order = await PointsStateOf.For(db)(db, message.OrderNumber, cancellationToken)
            ?? throw new InvalidOperationException($"Order {message.OrderNumber} is announced as paid but does not exist.");
        if (order.Awarded || db.PointsEntries.Local.Any(p => p.OrderNumber == message.OrderNumber && p.Reason == PointsReasons.EarnedOnPayment))
        {
            return;
        }

        var memberId = order.MemberId;
        var earned = options.EarnedFor(message.PaidFen);
        var total = await db.Sql.ScalarAsync<long>($"""
            UPDATE "Members" SET "PointsBalance" = "PointsBalance" + {earned}, "TotalPaidFen" = "TotalPaidFen" + {message.PaidFen}
            WHERE "Id" = {memberId} RETURNING "TotalPaidFen"
            """, cancellationToken);

        // Levels only go up; a stale read in a concurrent award can never lower one.
        if (total is { } paid && MemberLevels.For(paid) is var level and > MemberLevel.Regular)
        {
            await db.Sql.ExecuteAsync(
                $"""UPDATE "Members" SET "Level" = {(int)level} WHERE "Id" = {memberId} AND "Level" < {(int)level}""", cancellationToken);
        }

        db.PointsEntries.Add(new PointsEntry
        {
            MemberId = memberId, Delta = earned, Reason = PointsReasons.EarnedOnPayment, OrderNumber = message.OrderNumber, At = clock.GetUtcNow(),
        });
    }

    private sealed record PointsState(long MemberId, bool Awarded);

    // Compiled: these run for every payment inside the shared write batch, where translating LINQ cost more than the reads.
    private static readonly CompiledPerModel<Func<MallDb, string, CancellationToken, Task<bool>>> StockCommitted = new(() => EF.CompileAsyncQuery(
        (MallDb db, string orderNumber, CancellationToken _) => db.StockMovements.Any(m => m.OrderNumber == orderNumber && m.Kind == StockMovementKind.Commit)));

    private static readonly CompiledPerModel<Func<MallDb, string, CancellationToken, Task<PointsState?>>> PointsStateOf = new(() => EF.CompileAsyncQuery(
        (MallDb db, string orderNumber, CancellationToken _) => db.Orders.Where(o => o.Number == orderNumber)
            .Select(o => new PointsState(
                o.MemberId, db.PointsEntries.Any(p => p.OrderNumber == orderNumber && p.Reason == PointsReasons.EarnedOnPayment)))
            .FirstOrDefault()));
}
