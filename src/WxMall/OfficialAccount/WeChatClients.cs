using WxMall.WeChat.MiniProgram;
using WxMall.WeChat.OfficialAccount;

namespace WxMall.OfficialAccount;

/// <summary>
/// The official-account and mini-program clients, or null when the store runs without WeChat (<c>WeChat:Mode=Off</c>).
/// A singleton, so that message handlers can depend on it whatever the mode.
/// </summary>
public sealed class WeChatClients(IServiceProvider services)
{
    public OfficialAccountClient? OfficialAccount { get; } = services.GetService<OfficialAccountClient>();

    public MiniProgramClient? MiniProgram { get; } = services.GetService<MiniProgramClient>();
}
