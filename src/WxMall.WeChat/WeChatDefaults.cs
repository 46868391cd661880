namespace WxMall.WeChat;

/// <summary>Base addresses of the real WeChat services; the emulator replaces them through configuration.</summary>
public static class WeChatDefaults
{
    /// <summary>Official account and mini-program API host.</summary>
    public const string ApiBaseUrl = "https://api.weixin.qq.com";

    /// <summary>WeChat Pay API v3 host.</summary>
    public const string PayBaseUrl = "https://api.mch.weixin.qq.com";
}
