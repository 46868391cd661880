using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;

namespace WxMall.Data;

/// <summary>
/// Writes requests in batches: every request waiting at that moment goes into one transaction and one commit. On
/// SQLite (one writer) and on slow disks most of a small write is BEGIN/COMMIT and waiting for the writer; a batch
/// pays that once for many callers. A batch that breaks a constraint is retried one request at a time, so one bad
/// request fails alone. Callers simply await <see cref="WriteAsync"/>.
/// </summary>
public abstract class BatchWriter<TRequest, TResult>(ILogger logger) : BackgroundService
    where TRequest : notnull
{
    public const int MaxBatch = 64;
    private readonly Channel<Pending> queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(4096) { SingleReader = true });

    public async Task<TResult> WriteAsync(TRequest request, CancellationToken cancellationToken)
    {
        var pending = new Pending(request);
        await queue.Writer.WriteAsync(pending, cancellationToken);
        return await pending.Outcome.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Writes the whole batch in one transaction and returns one result per request, in order.</summary>
    protected abstract Task<IReadOnlyList<TResult>> WriteBatchAsync(IReadOnlyList<TRequest> batch, CancellationToken cancellationToken);

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
                Complete(batch, await WriteBatchAsync(batch.Select(p => p.Request).ToList(), stoppingToken));
            }
            catch (DbUpdateException) when (batch.Count > 1)
            {
                foreach (var pending in batch)
                {
                    await WriteAloneAsync(pending, stoppingToken);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogError(exception, "Writing a batch of {Count} requests failed", batch.Count);
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
            Complete([pending], await WriteBatchAsync([pending.Request], cancellationToken));
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
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
