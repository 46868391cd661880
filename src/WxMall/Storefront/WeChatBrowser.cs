namespace WxMall.Storefront;

/// <summary>Where the page is running (WeChat's browser, another phone browser, a desktop) and where the JS-SDK comes from.</summary>
public static class WeChatBrowser
{
    /// <summary>WeChat's in-app browser (official-account pages and the mini-program web-view) says so in its user agent.</summary>
    /// <remarks>In sandbox mode the emulator's phone frame counts too (see <see cref="StorefrontModule.EmulatedWeChatCookie"/>).</remarks>
    public static bool IsWeChat(HttpRequest request) =>
        request.Headers.UserAgent.ToString().Contains("MicroMessenger", StringComparison.OrdinalIgnoreCase)
        || request.Cookies.ContainsKey(StorefrontModule.EmulatedWeChatCookie)
        || request.HttpContext.Items.ContainsKey(StorefrontModule.EmulatedWeChatCookie);

    /// <summary>
    /// The mini-program's web-view: WeChat adds <c>miniProgram</c> to the user agent there (Android and iOS). Pages also
    /// check <c>window.__wxjs_environment</c> on the client, which is the only sign in the emulator and on older clients.
    /// </summary>
    public static bool IsMiniProgram(HttpRequest request) =>
        request.Headers.UserAgent.ToString().Contains("miniProgram", StringComparison.OrdinalIgnoreCase);

    /// <summary>WeChat sign-in can be offered: inside WeChat, or anywhere in sandbox mode (the emulator's authorize page works in any browser).</summary>
    public static bool CanSignInWithWeChat(HttpRequest request, IConfiguration configuration) =>
        configuration.GetValue<string>("WeChat:Mode") switch
        {
            "Off" => false,
            "Live" => IsWeChat(request),
            _ => true,
        };

    public static bool IsPhone(HttpRequest request)
    {
        var agent = request.Headers.UserAgent.ToString();
        return agent.Contains("Mobile", StringComparison.OrdinalIgnoreCase) || agent.Contains("Android", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The payment mode the pay page offers first: JSAPI inside WeChat, H5 in other phone browsers, a Native QR on a desktop.</summary>
    public static string SuggestedPayMode(HttpRequest request) => IsWeChat(request) ? "jsapi" : IsPhone(request) ? "h5" : "native";

    /// <summary>
    /// The JS-SDK script: Tencent's in live mode, the emulator's (same API, plus WeixinJSBridge) in sandbox mode, none when WeChat is off.
    /// </summary>
    public static string? JsSdkUrl(IConfiguration configuration) => configuration.GetValue<string>("WeChat:Mode") switch
    {
        "Off" => null,
        "Live" => "https://res.wx.qq.com/open/js/jweixin-1.6.0.js",
        _ => (configuration.GetValue<string>("WeChatEmulator:Urls") ?? "http://localhost:5100").Split(';')[0].TrimEnd('/') + "/open/js/jweixin-1.6.0.js",
    };
}
