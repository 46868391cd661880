using Microsoft.Extensions.Options;
using WxMall.WeChat.MiniProgram;
using WxMall.WeChat.OfficialAccount;
using WxMall.WeChat.Pay;
using WxMall.WeChat.Pay.Client;

namespace WxMall.Payments;

/// <summary>Which app a JSAPI payment runs in: the official account's H5 store or the mini-program.</summary>
public enum PayingApp
{
    OfficialAccount = 0,
    MiniProgram = 1,
}

/// <summary>
/// The store's view of WeChat Pay: the client and the merchant's identifiers, or nothing when WeChat is off
/// (<c>WeChat:Mode=Off</c>), in which case every payment endpoint says so instead of failing obscurely.
/// </summary>
public sealed class PayGateway(IServiceProvider services)
{
    private readonly WeChatPayOptions? options = services.GetService<IOptions<WeChatPayOptions>>() is { } configured
        && !string.IsNullOrEmpty(SafeValue(configured)?.MerchantId) ? configured.Value : null;

    public bool IsConfigured => options is not null;

    public WeChatPayOptions Options => options ?? throw new InvalidOperationException("WeChat Pay is not configured (WeChat:Mode=Off).");

    public string MerchantId => Options.MerchantId;

    public WeChatPayClient Client => services.GetRequiredService<WeChatPayClient>();

    public WxMall.WeChat.Pay.Crypto.WeChatPayMerchantKey MerchantKey => services.GetRequiredService<WxMall.WeChat.Pay.Crypto.WeChatPayKeyStore>().MerchantKey;

    public string? AppIdFor(PayingApp app) => app switch
    {
        PayingApp.OfficialAccount => services.GetService<IOptions<WeChatOfficialAccountOptions>>()?.Value.AppId,
        PayingApp.MiniProgram => services.GetService<IOptions<WeChatMiniProgramOptions>>()?.Value.AppId,
        _ => null,
    } is { Length: > 0 } appId ? appId : null;

    /// <summary>The app id a non-JSAPI payment is made under: the official account when there is one.</summary>
    public string DefaultAppId => AppIdFor(PayingApp.OfficialAccount) ?? Options.DefaultAppId;

    public bool IsOurApp(string? appId) =>
        appId is not null && (Options.AppIds.Contains(appId) || appId == AppIdFor(PayingApp.OfficialAccount) || appId == AppIdFor(PayingApp.MiniProgram));

    private static WeChatPayOptions? SafeValue(IOptions<WeChatPayOptions> configured)
    {
        try
        {
            return configured.Value;
        }
        catch (OptionsValidationException)
        {
            return null;
        }
    }
}
