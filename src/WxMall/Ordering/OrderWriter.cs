using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Wolverine;
using Wolverine.EntityFrameworkCore;
using WxMall.Data;
using WxMall.Inventory;
using WxMall.Members;

namespace WxMall.Ordering;

/// <summary>
/// Writes placed orders in batches: one transaction and one commit for every order waiting at that moment, each order
/// inside its own savepoint so a refused one leaves the others untouched. Checkout spends most of its database time
/// in BEGIN/COMMIT and in waiting for the single writer; batching pays those once for many shoppers.
/// </summary>
public sealed class OrderWriter(IServiceScopeFactory scopes, IWriteGate writeGate, ILogger<OrderWriter> logger) : BackgroundService
{
    public const int MaxBatch = 64;
    private readonly Channel<Pending> queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(4096) { SingleReader = true });

    /// <summary>Queues the order; null when it was written, otherwise why it was refused.</summary>
    public async Task<PlaceOrderOutcome?> WriteAsync(Order order, long usePoints, CancellationToken cancellationToken)
    {
        var pending = new Pending(order, usePoints);
        await queue.Writer.WriteAsync(pending, cancellationToken);
        return await pending.Outcome.Task.WaitAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Pending>(MaxBatch);
        while (await queue.Reader.WaitToReadAsync(stoppingToken))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            try
            {
                await WriteBatchAsync(batch, stoppingToken);
            }
            catch (DbUpdateException) when (batch.Count > 1)
            {
                // One order broke a constraint (a racing idempotency key): write them one by one to find it.
                foreach (var pending in batch)
                {
                    await WriteAloneAsync(pending, stoppingToken);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogError(exception, "Writing a batch of {Count} orders failed", batch.Count);
                foreach (var pending in batch)
                {
                    pending.Outcome.TrySetException(exception);
                }
            }
        }
    }

    private async Task WriteAloneAsync(Pending pending, CancellationToken cancellationToken)
    {
        try
        {
            await WriteBatchAsync([pending], cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            pending.Outcome.TrySetException(exception);
        }
    }

    private async Task WriteBatchAsync(IReadOnlyList<Pending> batch, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var outbox = scope.ServiceProvider.GetRequiredService<IDbContextOutbox<MallDb>>();
        var stock = scope.ServiceProvider.GetRequiredService<StockService>();
        var db = outbox.DbContext;
        var refused = new Dictionary<Pending, PlaceOrderOutcome>();

        await using (await writeGate.EnterAsync(cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            for (var index = 0; index < batch.Count; index++)
            {
                var pending = batch[index];
                var savepoint = "order" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await transaction.CreateSavepointAsync(savepoint, cancellationToken);
                if (await TryReserveAsync(db, stock, pending, cancellationToken) is { } refusal)
                {
                    await transaction.RollbackToSavepointAsync(savepoint, cancellationToken);
                    ForgetTracked(db, pending.Order.Number);
                    refused[pending] = refusal;
                    continue;
                }

                db.Orders.Add(pending.Order);
                await outbox.ScheduleAsync(new CancelUnpaidOrder(pending.Order.Number), pending.Order.PaymentDeadline);
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        // The scheduled cancels are in the database with their orders; handing them over can wait for the gate to open.
        await outbox.FlushOutgoingMessagesAsync();
        foreach (var pending in batch)
        {
            pending.Outcome.TrySetResult(refused.GetValueOrDefault(pending));
        }
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

    /// <summary>After a savepoint rollback, the ledger lines the refused order added to the unit of work must go too.</summary>
    private static void ForgetTracked(MallDb db, string orderNumber)
    {
        foreach (var entry in db.ChangeTracker.Entries<StockMovement>().Where(e => e.Entity.OrderNumber == orderNumber).ToList())
        {
            entry.State = EntityState.Detached;
        }
    }

    private sealed class Pending(Order order, long usePoints)
    {
        public Order Order { get; } = order;

        public long UsePoints { get; } = usePoints;

        public TaskCompletionSource<PlaceOrderOutcome?> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
