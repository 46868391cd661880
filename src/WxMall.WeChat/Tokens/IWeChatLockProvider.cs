using System.Collections.Concurrent;

namespace WxMall.WeChat.Tokens;

/// <summary>A held lock; disposing releases it.</summary>
public interface IWeChatLock : IAsyncDisposable;

/// <summary>
/// Named mutual exclusion for token refreshes. The default is in-process; with several instances register one backed
/// by a distributed lock (Redis, PostgreSQL) so one instance refreshes for all.
/// </summary>
public interface IWeChatLockProvider
{
    /// <summary>Tries to take the lock named <paramref name="name"/>, waiting at most <paramref name="wait"/>.</summary>
    /// <returns>The held lock, or null when it could not be taken in time.</returns>
    ValueTask<IWeChatLock?> TryAcquireAsync(string name, TimeSpan wait, CancellationToken cancellationToken);
}

/// <summary>The default lock provider: one <see cref="SemaphoreSlim"/> per name, inside this process.</summary>
public sealed class InProcessWeChatLockProvider : IWeChatLockProvider
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> semaphores = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public async ValueTask<IWeChatLock?> TryAcquireAsync(string name, TimeSpan wait, CancellationToken cancellationToken)
    {
        var semaphore = semaphores.GetOrAdd(name, _ => new SemaphoreSlim(1, 1));
        return await semaphore.WaitAsync(wait, cancellationToken) ? new Held(semaphore) : null;
    }

    private sealed class Held(SemaphoreSlim semaphore) : IWeChatLock
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
