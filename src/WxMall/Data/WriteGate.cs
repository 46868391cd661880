using System.Diagnostics;

namespace WxMall.Data;

/// <summary>Who is waiting for the writer: a request someone is waiting on, or work nobody waits on.</summary>
public enum WritePriority
{
    /// <summary>A shopper, WeChat or staff member waits for this write (checkout, a payment notification, a reply).</summary>
    Request,

    /// <summary>Event handlers and logs: they must happen, but a few hundred milliseconds later costs no one anything.</summary>
    Background,
}

/// <summary>
/// Orders writers before they reach the database. SQLite allows one writer at a time and makes the others poll
/// with growing sleeps, which collapses throughput under load; queueing them here instead hands the write lock
/// over at once. PostgreSQL locks rows itself, so there the gate is open.
/// </summary>
public interface IWriteGate
{
    ValueTask<IAsyncDisposable> EnterAsync(WritePriority priority, CancellationToken cancellationToken);

    ValueTask<IAsyncDisposable> EnterAsync(CancellationToken cancellationToken) => EnterAsync(WritePriority.Request, cancellationToken);
}

/// <summary>
/// One writer at a time, requests first. Under a burst (a sale opening, WeChat delivering a backlog of payment
/// notifications) the event handlers' writes would otherwise take every other turn and double the time a shopper or
/// WeChat waits. Background writers still get a turn once the oldest of them has waited <see cref="BackgroundTurnAfter"/>,
/// so a sustained burst delays them but never starves them.
/// </summary>
public sealed class SingleWriterGate : IWriteGate
{
    public static readonly TimeSpan BackgroundTurnAfter = TimeSpan.FromMilliseconds(100);

    private readonly Lock sync = new();
    private readonly Queue<Waiter> requests = new();
    private readonly Queue<Waiter> background = new();
    private bool held;

    public ValueTask<IAsyncDisposable> EnterAsync(WritePriority priority, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Waiter waiter;
        lock (sync)
        {
            if (!held)
            {
                held = true;
                return ValueTask.FromResult<IAsyncDisposable>(new Pass(this));
            }

            waiter = new Waiter(Stopwatch.GetTimestamp());
            (priority == WritePriority.Request ? requests : background).Enqueue(waiter);
        }

        return WaitAsync(waiter, cancellationToken);
    }

    private static async ValueTask<IAsyncDisposable> WaitAsync(Waiter waiter, CancellationToken cancellationToken)
    {
        // A cancelled waiter stays queued; the release that reaches it finds it cancelled and moves on to the next.
        await using var registration = cancellationToken.Register(() => waiter.Turn.TrySetCanceled(cancellationToken));
        return await waiter.Turn.Task;
    }

    private void Release()
    {
        while (true)
        {
            Waiter? next;
            lock (sync)
            {
                next = Next();
                if (next is null)
                {
                    held = false;
                    return;
                }
            }

            if (next.Turn.TrySetResult(new Pass(this)))
            {
                return;
            }
        }
    }

    private Waiter? Next()
    {
        var backgroundsTurn = background.Count > 0
            && (requests.Count == 0 || Stopwatch.GetElapsedTime(background.Peek().QueuedAt) >= BackgroundTurnAfter);
        var queue = backgroundsTurn ? background : requests;
        return queue.TryDequeue(out var next) ? next : null;
    }

    private sealed class Waiter(long queuedAt)
    {
        public long QueuedAt { get; } = queuedAt;

        public TaskCompletionSource<IAsyncDisposable> Turn { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class Pass(SingleWriterGate gate) : IAsyncDisposable
    {
        private int released;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                gate.Release();
            }

            return ValueTask.CompletedTask;
        }
    }
}

public sealed class OpenWriteGate : IWriteGate
{
    private static readonly IAsyncDisposable Nothing = new Empty();

    public ValueTask<IAsyncDisposable> EnterAsync(WritePriority priority, CancellationToken cancellationToken) => ValueTask.FromResult(Nothing);

    private sealed class Empty : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
