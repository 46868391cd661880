using Medallion.Threading;
using WxMall.WeChat.Tokens;

namespace WxMall.Infrastructure.Redis;

/// <summary>A lock taken through DistributedLock (Redis or PostgreSQL); disposing releases it once.</summary>
internal sealed class HeldDistributedLock(IDistributedSynchronizationHandle handle) : IWeChatLock
{
    public ValueTask DisposeAsync() => handle.DisposeAsync();
}
