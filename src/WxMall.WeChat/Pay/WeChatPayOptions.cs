namespace WxMall.WeChat.Pay;

/// <summary>
/// Settings for WeChat Pay API v3 (direct merchant). Secrets live here only to be parsed once into a
/// <see cref="Crypto.WeChatPayKeyStore"/>; this class deliberately has no ToString that would print them.
/// </summary>
public sealed class WeChatPayOptions
{
    /// <summary><c>mchid</c>: the merchant id.</summary>
    public string MerchantId { get; set; } = string.Empty;

    /// <summary>The app ids (official account, mini-program) bound to the merchant; the first is the default.</summary>
    public IList<string> AppIds { get; } = [];

    /// <summary>Serial (hex) of the merchant API certificate, sent as <c>serial_no</c>.</summary>
    public string MerchantCertificateSerial { get; set; } = string.Empty;

    /// <summary>The merchant API private key (contents of apiclient_key.pem). Secret.</summary>
    public string MerchantPrivateKeyPem { get; set; } = string.Empty;

    /// <summary>The APIv3 key: 32 ASCII characters set in the merchant console. Secret.</summary>
    public string ApiV3Key { get; set; } = string.Empty;

    /// <summary>Platform certificates (PEM) trusted for verification; several may be held during rotation.</summary>
    public IList<string> PlatformCertificatePems { get; } = [];

    /// <summary>The WeChat Pay public key id (<c>PUB_KEY_ID_…</c>), for public key mode.</summary>
    public string? PublicKeyId { get; set; }

    /// <summary>The WeChat Pay public key (contents of pub_key.pem), for public key mode.</summary>
    public string? PublicKeyPem { get; set; }

    /// <summary>
    /// The value sent in the <c>Wechatpay-Serial</c> request header to say which key responses should be signed
    /// with. Defaults to <see cref="PublicKeyId"/> when one is configured (WeChat Pay follows it), else none.
    /// </summary>
    public string? DeclaredWechatpaySerial { get; set; }

    /// <summary>API base address; <c>https://api.mch.weixin.qq.com</c> unless pointed at the emulator.</summary>
    public Uri BaseAddress { get; set; } = new(WeChatDefaults.PayBaseUrl);

    /// <summary>Default <c>notify_url</c> for payments: HTTPS, no query string.</summary>
    public Uri? NotifyUrl { get; set; }

    /// <summary>Default <c>notify_url</c> for refunds; when null the merchant console setting applies.</summary>
    public Uri? RefundNotifyUrl { get; set; }

    /// <summary>Attempts per call, counting the first; only 5xx and <c>SYSTEM_ERROR</c> are retried.</summary>
    public int MaximumAttempts { get; set; } = 3;

    /// <summary>Base delay of the jittered exponential back-off between attempts.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(300);

    /// <summary>The <c>User-Agent</c> request header WeChat Pay asks for.</summary>
    public string UserAgent { get; set; } = "WxMall.WeChat/1.0 (+https://github.com/wxmall)";

    /// <summary>Largest notification body accepted, in bytes.</summary>
    public int MaximumNotificationBytes { get; set; } = 64 * 1024;

    /// <summary>The first app id, or an exception that says what to configure.</summary>
    public string DefaultAppId => AppIds.Count > 0
        ? AppIds[0]
        : throw new InvalidOperationException("WeChatPayOptions.AppIds is empty; add the official account or mini-program app id.");

    /// <summary>The header value to declare, after applying the default.</summary>
    public string? EffectiveDeclaredSerial => DeclaredWechatpaySerial ?? PublicKeyId;
}
