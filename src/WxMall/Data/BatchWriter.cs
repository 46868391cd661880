using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;

namespace WxMall.Data;

/// <summary>
/// Writes requests in batches: every request waiting at that moment goes into one transaction and one commit. On
/// SQLite (one writer) and on slow disks most of a small write is BEGIN/COMMIT and waiting for the writer; a batch
/// pays that once for many callers. A batch that breaks a constraint is retried one request at a time, so one bad
/// request fails alone. Callers simply await <see cref="WriteAsync"/>, or <see cref="QueueAsync"/> when they only
/// need the write to happen (what is queued is written before the host stops).
/// </summary>
public abstract class BatchWriter<TRequest, TResult>(ILogger logger) : BackgroundService
    where TRequest : notnull
{
    public const int MaxBatch = 64;
    private readonly Channel<Pending> queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(4096) { SingleReader = true });

    public async Task<TResult> WriteAsync(TRequest request, CancellationToken cancellationToken)
    {
        var written = await QueueAsync(request, cancellationToken);
        return await written.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Queues the request, waiting only while the queue is full (so a writer that falls behind slows its callers
    /// down instead of piling up memory), and returns the write's outcome as a task to observe.
    /// </summary>
    public async ValueTask<Task<TResult>> QueueAsync(TRequest request, CancellationToken cancellationToken)
    {
        var pending = new Pending(request);
        await queue.Writer.WriteAsync(pending, cancellationToken);
        return pending.Outcome.Task;
    }

    /// <summary>
    /// How long the writer waits after the first request of a batch for more to arrive. Zero for writes their callers
    /// wait on; a little for writes nobody waits on, where bigger batches save most of the per-commit work.
    /// </summary>
    protected virtual TimeSpan Linger => TimeSpan.Zero;

    /// <summary>Writes the whole batch in one transaction and returns one result per request, in order.</summary>
    protected abstract Task<IReadOnlyList<TResult>> WriteBatchAsync(IReadOnlyList<TRequest> batch, CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Pending>(MaxBatch);
        try
        {
            while (await queue.Reader.WaitToReadAsync(stoppingToken))
            {
                if (Linger > TimeSpan.Zero && queue.Reader.Count < MaxBatch)
                {
                    await Task.Delay(Linger, CancellationToken.None);
                }

                await WriteWaitingAsync(batch);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what was queued is still written below, as callers that did not wait for it rely on that.
        }

        queue.Writer.TryComplete();
        while (queue.Reader.TryPeek(out _))
        {
            await WriteWaitingAsync(batch);
        }
    }

    // A started batch is finished even while the host stops: it is a few milliseconds, and its callers wait for it.
    private async Task WriteWaitingAsync(List<Pending> batch)
    {
        batch.Clear();
        while (batch.Count < MaxBatch && queue.Reader.TryRead(out var pending))
        {
            batch.Add(pending);
        }

        try
        {
            Complete(batch, await WriteBatchAsync(batch.Select(p => p.Request).ToList(), CancellationToken.None));
        }
        catch (DbUpdateException) when (batch.Count > 1)
        {
            foreach (var pending in batch)
            {
                await WriteAloneAsync(pending, CancellationToken.None);
            }
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "Writing a batch of {Count} requests failed", batch.Count);
            foreach (var pending in batch)
            {
                pending.Outcome.TrySetException(exception);
            }
        }
    }

    private async Task WriteAloneAsync(Pending pending, CancellationToken cancellationToken)
    {
        try
        {
            Complete([pending], await WriteBatchAsync([pending.Request], cancellationToken));
        }
        catch (Exception exception)
        {
            pending.Outcome.TrySetException(exception);
        }
    }

    private static void Complete(List<Pending> batch, IReadOnlyList<TResult> results)
    {
        for (var index = 0; index < batch.Count; index++)
        {
            batch[index].Outcome.TrySetResult(results[index]);
        }
    }

    private sealed class Pending(TRequest request)
    {
        public TRequest Request { get; } = request;

        public TaskCompletionSource<TResult> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
