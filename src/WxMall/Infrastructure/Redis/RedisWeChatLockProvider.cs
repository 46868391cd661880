using Medallion.Threading.Redis;
using StackExchange.Redis;
using WxMall.WeChat.Tokens;

namespace WxMall.Infrastructure.Redis;

/// <summary>
/// WeChat token locks held in Redis, so one instance of many refreshes a token. A held lock is extended while its
/// holder lives and expires about 30 s after the holder dies.
/// </summary>
public sealed class RedisWeChatLockProvider(IConnectionMultiplexer connection) : IWeChatLockProvider
{
    private readonly RedisDistributedSynchronizationProvider locks = new(connection.GetDatabase());

    public async ValueTask<IWeChatLock?> TryAcquireAsync(string name, TimeSpan wait, CancellationToken cancellationToken)
    {
        var handle = await locks.CreateLock(name).TryAcquireAsync(wait, cancellationToken);
        return handle is null ? null : new HeldDistributedLock(handle);
    }
}
