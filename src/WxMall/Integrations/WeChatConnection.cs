using WxMall.WeChat;
using WxMall.WeChat.Pay;
using WxMall.WeChatEmulator.Accounts;
using WxMall.WeChatEmulator.Hosting;

namespace WxMall.Integrations;

public enum WeChatMode
{
    /// <summary>The built-in emulator runs beside the store on its own port; every client points at it.</summary>
    Sandbox,

    /// <summary>Real WeChat: credentials from <c>WeChat:OfficialAccount</c>, <c>WeChat:MiniProgram</c>, <c>WeChat:Pay</c>.</summary>
    Live,

    /// <summary>No WeChat at all (tests of the store alone).</summary>
    Off,
}

/// <summary>
/// Where the store's WeChat clients point. Switching from the emulator to the real WeChat is this one setting
/// (<c>WeChat:Mode</c>) plus the real credentials; no code changes.
/// </summary>
public static class WeChatConnection
{
    public const string Section = "WeChat";

    /// <summary>The path WeChat Pay posts payment notifications to (handled by the payments capability).</summary>
    public const string PayNotifyPath = "/wechat/pay/notify";

    /// <summary>The path WeChat Pay posts refund results to.</summary>
    public const string RefundNotifyPath = "/wechat/pay/refund-notify";

    public static WebApplicationBuilder AddWeChatConnection(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(Section);
        var mode = section.GetValue("Mode", WeChatMode.Sandbox);
        var storeUrl = section.GetValue<string>("StoreBaseUrl") ?? "http://localhost:5000";
        switch (mode)
        {
            case WeChatMode.Sandbox:
                var emulatorOptions = builder.Configuration.GetSection(EmulatorOptions.SectionName).Get<EmulatorOptions>() ?? new EmulatorOptions();
                emulatorOptions.DataDirectory = Path.GetFullPath(emulatorOptions.DataDirectory, builder.Environment.ContentRootPath);
                emulatorOptions.MiniProgram.PackagePath = emulatorOptions.MiniProgram.PackagePath is { Length: > 0 } package
                    ? Path.GetFullPath(package, builder.Environment.ContentRootPath)
                    : Path.Combine(AppContext.BaseDirectory, "miniprogram"); // the repository's package, copied beside the store
                var sandbox = EmulatorCredentials.LoadOrCreate(emulatorOptions);
                builder.Services.AddHostedWeChatEmulator(sandbox);
                builder.Services.AddWeChatOfficialAccount(sandbox.ConfigureOfficialAccount);
                builder.Services.AddWeChatMiniProgram(sandbox.ConfigureMiniProgram);
                builder.Services.AddWeChatPay(pay =>
                {
                    sandbox.ConfigurePay(pay);
                    pay.NotifyUrl = new Uri(storeUrl.TrimEnd('/') + PayNotifyPath);
                    pay.RefundNotifyUrl = new Uri(storeUrl.TrimEnd('/') + RefundNotifyPath);
                });
                break;
            case WeChatMode.Live:
                builder.Services.AddWeChatOfficialAccount(options => section.GetSection("OfficialAccount").Bind(options));
                builder.Services.AddWeChatMiniProgram(options => section.GetSection("MiniProgram").Bind(options));
                builder.Services.AddWeChatPay(options => section.GetSection("Pay").Bind(options));
                break;
            case WeChatMode.Off:
                break;
        }

        return builder;
    }
}
