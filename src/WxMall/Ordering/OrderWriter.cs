using Microsoft.EntityFrameworkCore;
using Wolverine;
using Wolverine.EntityFrameworkCore;
using WxMall.Cart;
using WxMall.Data;
using WxMall.Inventory;
using WxMall.Members;

namespace WxMall.Ordering;

/// <summary>
/// Writes placed orders in batches: one transaction and one commit for every order waiting at that moment, each order
/// inside its own savepoint so a refused one leaves the others untouched. Checkout spends most of its database time
/// in BEGIN/COMMIT and in waiting for the single writer; batching pays those once for many shoppers. The rows go in
/// through prepared inserts (<see cref="RowInserter{T}"/>), as everything here runs in the writer's turn.
/// </summary>
public sealed class OrderWriter(IServiceScopeFactory scopes, IWriteGate writeGate, TimeProvider clock, ILogger<OrderWriter> logger)
    : BatchWriter<OrderWriter.Pending, PlaceOrderOutcome?>(logger)
{
    /// <summary>
    /// Queues the order; null when it was written, otherwise why it was refused. With <paramref name="cart"/>, the
    /// ordered SKUs leave that cart in the same transaction.
    /// </summary>
    public Task<PlaceOrderOutcome?> WriteAsync(Order order, long usePoints, string? cart, CancellationToken cancellationToken) =>
        WriteAsync(new Pending(order, usePoints, cart), cancellationToken);

    protected override async Task<IReadOnlyList<PlaceOrderOutcome?>> WriteBatchAsync(IReadOnlyList<Pending> batch, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var outbox = scope.ServiceProvider.GetRequiredService<IDbContextOutbox<MallDb>>();
        var db = outbox.DbContext;
        var movements = new List<StockMovement>();
        var stock = new StockService(db, clock) { Ledger = movements.Add };
        var refused = new Dictionary<Pending, PlaceOrderOutcome>();
        var placed = new List<string>(batch.Count);
        var latestDeadline = DateTimeOffset.MinValue;

        await using (await writeGate.EnterAsync(cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await using var orders = new RowInserter<Order>(db);
            await using var lines = new RowInserter<OrderLine>(db);
            await using var ledger = new RowInserter<StockMovement>(db);
            for (var index = 0; index < batch.Count; index++)
            {
                var pending = batch[index];

                // A refusal after some of the order's writes must undo them. With one line and no points the only write
                // before a refusal is the guarded update that refused, which changed nothing: no savepoint needed.
                var savepoint = pending.Order.Lines.Count > 1 || pending.UsePoints > 0
                    ? "order" + index.ToString(System.Globalization.CultureInfo.InvariantCulture)
                    : null;
                if (savepoint is not null)
                {
                    await transaction.CreateSavepointAsync(savepoint, cancellationToken);
                }

                movements.Clear();
                if (await TryReserveAsync(db, stock, pending, cancellationToken) is { } refusal)
                {
                    if (savepoint is not null)
                    {
                        await transaction.RollbackToSavepointAsync(savepoint, cancellationToken);
                    }

                    refused[pending] = refusal;
                    continue;
                }

                await orders.InsertAsync(pending.Order, cancellationToken);
                foreach (var line in pending.Order.Lines)
                {
                    line.OrderId = pending.Order.Id;
                    await lines.InsertAsync(line, cancellationToken);
                }

                foreach (var movement in movements)
                {
                    await ledger.InsertAsync(movement, cancellationToken);
                }

                if (pending.Cart is { } cart)
                {
                    foreach (var line in pending.Order.Lines)
                    {
                        await CartModule.RemoveSkuAsync(db, cart, line.SkuId, cancellationToken);
                    }
                }

                placed.Add(pending.Order.Number);
                latestDeadline = pending.Order.PaymentDeadline > latestDeadline ? pending.Order.PaymentDeadline : latestDeadline;
            }

            // One scheduled message for the batch's timeouts: its orders' deadlines lie milliseconds apart.
            if (placed.Count > 0)
            {
                await outbox.ScheduleAsync(new CancelUnpaidOrders(placed), latestDeadline);
            }

            // Only points spent at checkout are left in the unit of work.
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        // The scheduled cancels are in the database with their orders; handing them over can wait for the gate to open.
        await outbox.FlushOutgoingMessagesAsync();
        return batch.Select(pending => refused.GetValueOrDefault(pending)).ToList();
    }

    private static async Task<PlaceOrderOutcome?> TryReserveAsync(MallDb db, StockService stock, Pending pending, CancellationToken cancellationToken)
    {
        var order = pending.Order;
        foreach (var line in order.Lines)
        {
            if (!await stock.TryReserveAsync(line.SkuId, line.Quantity, order.Number, $"member:{order.MemberId}", cancellationToken))
            {
                var available = await db.Stock.Where(s => s.SkuId == line.SkuId).Select(s => s.Available).FirstOrDefaultAsync(cancellationToken);
                var code = await db.Skus.Where(s => s.Id == line.SkuId).Select(s => s.Code).FirstAsync(cancellationToken);
                return new PlaceOrderOutcome.OutOfStock(code, line.Quantity, available);
            }
        }

        if (pending.UsePoints > 0)
        {
            var spent = await db.Members.Where(m => m.Id == order.MemberId && m.PointsBalance >= pending.UsePoints)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.PointsBalance, m => m.PointsBalance - pending.UsePoints), cancellationToken);
            if (spent == 0)
            {
                return new PlaceOrderOutcome.Refused("积分余额不足，请减少使用的积分");
            }

            db.PointsEntries.Add(new PointsEntry
            {
                MemberId = order.MemberId, Delta = -pending.UsePoints, Reason = PointsReasons.SpentOnOrder, OrderNumber = order.Number, At = order.PlacedAt,
            });
        }

        return null;
    }

    public sealed record Pending(Order Order, long UsePoints, string? Cart);
}
