using WxMall.Infrastructure.Redis;

namespace WxMall.Tests.Infrastructure.Redis;

public sealed class PostgreSqlLockTests
{
    [Fact]
    public async Task Two_instances_on_one_postgresql_take_an_advisory_lock_one_at_a_time()
    {
        var connectionString = PostgresServer.RequireConnectionString();
        await using var first = PostgreSqlWeChatLockProvider.Create(connectionString);
        await using var second = PostgreSqlWeChatLockProvider.Create(connectionString);

        await LockContract.OneHolderAtATimeAsync(first, second);
    }
}
