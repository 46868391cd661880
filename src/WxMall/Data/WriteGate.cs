namespace WxMall.Data;

/// <summary>
/// Orders writers before they reach the database. SQLite allows one writer at a time and makes the others poll
/// with growing sleeps, which collapses throughput under load; queueing them here instead hands the write lock
/// over at once. PostgreSQL locks rows itself, so there the gate is open.
/// </summary>
public interface IWriteGate
{
    ValueTask<IAsyncDisposable> EnterAsync(CancellationToken cancellationToken);
}

public sealed class SingleWriterGate : IWriteGate, IDisposable
{
    private readonly SemaphoreSlim semaphore = new(1, 1);

    public async ValueTask<IAsyncDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        await semaphore.WaitAsync(cancellationToken);
        return new Pass(semaphore);
    }

    public void Dispose() => semaphore.Dispose();

    private sealed class Pass(SemaphoreSlim semaphore) : IAsyncDisposable
    {
        private int released;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                semaphore.Release();
            }

            return ValueTask.CompletedTask;
        }
    }
}

public sealed class OpenWriteGate : IWriteGate
{
    private static readonly IAsyncDisposable Nothing = new Empty();

    public ValueTask<IAsyncDisposable> EnterAsync(CancellationToken cancellationToken) => ValueTask.FromResult(Nothing);

    private sealed class Empty : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
