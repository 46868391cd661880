namespace WxMall.WeChat.Http;

/// <summary>The window a quota counts in. WeChat's daily quotas reset at midnight Beijing time (UTC+8).</summary>
public enum QuotaWindow
{
    /// <summary>A calendar day in Beijing time.</summary>
    Day,

    /// <summary>A clock minute.</summary>
    Minute,
}

/// <summary>A documented WeChat call quota, enforced client-side so one runaway job cannot burn the day's budget.</summary>
/// <param name="Name">The quota's name (usually the API path).</param>
/// <param name="Limit">Calls allowed per window by default; configurable per app.</param>
/// <param name="Window">The counting window.</param>
public sealed record WeChatQuota(string Name, long Limit, QuotaWindow Window)
{
    /// <summary><c>/cgi-bin/token</c>: 2,000 per day.</summary>
    public static readonly WeChatQuota AccessToken = new("cgi-bin/token", 2_000, QuotaWindow.Day);

    /// <summary><c>/cgi-bin/stable_token</c>: 500,000 per day.</summary>
    public static readonly WeChatQuota StableAccessToken = new("cgi-bin/stable_token", 500_000, QuotaWindow.Day);

    /// <summary><c>/cgi-bin/menu/create</c>: 1,000 per day.</summary>
    public static readonly WeChatQuota MenuCreate = new("cgi-bin/menu/create", 1_000, QuotaWindow.Day);

    /// <summary><c>/cgi-bin/menu/get</c>: 10,000 per day.</summary>
    public static readonly WeChatQuota MenuGet = new("cgi-bin/menu/get", 10_000, QuotaWindow.Day);

    /// <summary><c>/cgi-bin/message/template/send</c>: 100,000 per day by default.</summary>
    public static readonly WeChatQuota TemplateSend = new("cgi-bin/message/template/send", 100_000, QuotaWindow.Day);

    /// <summary><c>/cgi-bin/message/custom/send</c>: 500,000 per day.</summary>
    public static readonly WeChatQuota CustomerServiceSend = new("cgi-bin/message/custom/send", 500_000, QuotaWindow.Day);

    /// <summary><c>/cgi-bin/qrcode/create</c>: 100,000 per day.</summary>
    public static readonly WeChatQuota QrCodeCreate = new("cgi-bin/qrcode/create", 100_000, QuotaWindow.Day);

    /// <summary><c>/cgi-bin/user/get</c>: 500 per day.</summary>
    public static readonly WeChatQuota UserList = new("cgi-bin/user/get", 500, QuotaWindow.Day);

    /// <summary><c>/cgi-bin/user/info</c> and batchget: 5,000,000 per day (the console may show less: trust the console).</summary>
    public static readonly WeChatQuota UserInfo = new("cgi-bin/user/info", 5_000_000, QuotaWindow.Day);

    /// <summary><c>/sns/oauth2/access_token</c>: 50,000 per minute.</summary>
    public static readonly WeChatQuota OAuthAccessToken = new("sns/oauth2/access_token", 50_000, QuotaWindow.Minute);

    /// <summary><c>/sns/oauth2/refresh_token</c>: 50,000 per minute.</summary>
    public static readonly WeChatQuota OAuthRefreshToken = new("sns/oauth2/refresh_token", 50_000, QuotaWindow.Minute);

    /// <summary><c>/sns/userinfo</c>: 50,000 per minute.</summary>
    public static readonly WeChatQuota OAuthUserInfo = new("sns/userinfo", 50_000, QuotaWindow.Minute);

    /// <summary><c>/cgi-bin/message/subscribe/send</c>: 10,000,000 per day (30,000,000 for mini-programs with payment: raise it in options).</summary>
    public static readonly WeChatQuota SubscribeSend = new("cgi-bin/message/subscribe/send", 10_000_000, QuotaWindow.Day);

    /// <summary><c>/wxa/getwxacodeunlimit</c>: 5,000 per minute.</summary>
    public static readonly WeChatQuota UnlimitedWxaCode = new("wxa/getwxacodeunlimit", 5_000, QuotaWindow.Minute);

    /// <summary>URL Scheme and URL Link generation share 500,000 per day.</summary>
    public static readonly WeChatQuota SchemeAndUrlLink = new("wxa/generatescheme+generate_urllink", 500_000, QuotaWindow.Day);

    /// <summary><c>/wxa/genwxashortlink</c>: 1,000,000 per day.</summary>
    public static readonly WeChatQuota ShortLink = new("wxa/genwxashortlink", 1_000_000, QuotaWindow.Day);

    /// <summary>Every quota above, for configuration and documentation.</summary>
    public static IReadOnlyList<WeChatQuota> All { get; } =
    [
        AccessToken, StableAccessToken, MenuCreate, MenuGet, TemplateSend, CustomerServiceSend, QrCodeCreate, UserList, UserInfo,
        OAuthAccessToken, OAuthRefreshToken, OAuthUserInfo, SubscribeSend, UnlimitedWxaCode, SchemeAndUrlLink, ShortLink,
    ];
}
