using StackExchange.Redis;
using WxMall.Infrastructure.Redis;

namespace WxMall.Tests.Infrastructure.Redis;

public sealed class RedisLockTests
{
    [Fact]
    public async Task Two_instances_on_one_redis_take_a_lock_one_at_a_time()
    {
        var configuration = RedisServer.RequireConfiguration();
        await using var firstConnection = await ConnectionMultiplexer.ConnectAsync(configuration);
        await using var secondConnection = await ConnectionMultiplexer.ConnectAsync(configuration);

        await LockContract.OneHolderAtATimeAsync(new RedisWeChatLockProvider(firstConnection), new RedisWeChatLockProvider(secondConnection));
    }
}
