using WxMall.WeChat.Tokens;

namespace WxMall.Tests.Infrastructure.Redis;

/// <summary>What every distributed <see cref="IWeChatLockProvider"/> must do across two instances.</summary>
internal static class LockContract
{
    public static async Task OneHolderAtATimeAsync(IWeChatLockProvider first, IWeChatLockProvider second)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var name = "wxmall:test:" + Guid.NewGuid().ToString("N") + ":lock";

        var held = await first.TryAcquireAsync(name, TimeSpan.Zero, cancellationToken);
        Assert.NotNull(held);
        Assert.Null(await second.TryAcquireAsync(name, TimeSpan.Zero, cancellationToken));
        Assert.Null(await second.TryAcquireAsync(name, TimeSpan.FromMilliseconds(300), cancellationToken));
        await using (var otherName = await second.TryAcquireAsync(name + ":other", TimeSpan.Zero, cancellationToken))
        {
            Assert.NotNull(otherName);
        }

        var waiting = second.TryAcquireAsync(name, TimeSpan.FromSeconds(10), cancellationToken).AsTask();
        await held.DisposeAsync();
        await using var taken = await waiting;

        Assert.NotNull(taken);
        Assert.Null(await first.TryAcquireAsync(name, TimeSpan.Zero, cancellationToken));
    }
}
