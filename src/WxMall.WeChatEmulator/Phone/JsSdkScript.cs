namespace WxMall.WeChatEmulator.Phone;

internal static class JsSdkScript
{
    public const string Source = "window.wx = window.wx || {};";
}
