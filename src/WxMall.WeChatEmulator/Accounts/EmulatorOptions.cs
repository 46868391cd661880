namespace WxMall.WeChatEmulator.Accounts;

/// <summary>Configuration of the offline WeChat (section <c>WeChatEmulator</c>). Every value has a working default.</summary>
public sealed class EmulatorOptions
{
    public const string SectionName = "WeChatEmulator";

    public const int DefaultPort = 5100;

    /// <summary>Address Kestrel listens on; <c>http://127.0.0.1:0</c> picks a free port (tests).</summary>
    public string Urls { get; set; } = $"http://localhost:{DefaultPort}";

    /// <summary>Folder for generated keys and simulated users.</summary>
    public string DataDirectory { get; set; } = Path.Combine("data", "emulator");

    /// <summary>Keep users and keys on disk; off in tests that want a clean emulator.</summary>
    public bool Persist { get; set; } = true;

    /// <summary>
    /// Multiplies every WeChat delay the emulator waits out (notification retries, refund settlement, push timeout):
    /// 1 is real time, 0.001 turns the 24h4m payment-notification schedule into about 90 seconds.
    /// </summary>
    public double TimeScale { get; set; } = 1.0;

    public OfficialAccountSettings OfficialAccount { get; set; } = new();

    public MiniProgramSettings MiniProgram { get; set; } = new();

    public MerchantSettings Merchant { get; set; } = new();

    public WeComSettings WeCom { get; set; } = new();

    /// <summary>Daily quota overrides by API name (e.g. <c>token</c>, <c>template_send</c>); unset names use WeChat's defaults.</summary>
    public Dictionary<string, int> DailyQuotas { get; set; } = new(StringComparer.Ordinal);
}

public sealed class OfficialAccountSettings
{
    public string AppId { get; set; } = "wx5e1a7c0f2b9d4e68";

    public string AppSecret { get; set; } = "5f2c9e1a7b3d4f6081e2c7a9b4d6f0e3";

    public string OriginalId { get; set; } = "gh_0e1a2b3c4d5f";

    public string Name { get; set; } = "WxMall 电脑商城";

    public string Token { get; set; } = "wxmallemulatortoken";

    public string EncodingAesKey { get; set; } = "WxMallEmulatorEncodingAesKey0123456789abcde";

    /// <summary>The store's message-server URL that messages and events are pushed to; empty disables pushes.</summary>
    public string MessageUrl { get; set; } = "http://localhost:5000/wechat/message";

    /// <summary><c>safe</c> (encrypted, the default), <c>compatible</c> or <c>plaintext</c>.</summary>
    public string MessageMode { get; set; } = "safe";
}

public sealed class MiniProgramSettings
{
    public string AppId { get; set; } = "wx7c3f9a1e5d2b8064";

    public string AppSecret { get; set; } = "8a1d4f7c2e9b6a3d5f0c8e1b4a7d2f96";

    public string OriginalId { get; set; } = "gh_7a8b9c0d1e2f";

    public string Name { get; set; } = "WxMall 小程序";

    /// <summary>The page the phone's mini-program shell opens in its web-view (the H5 store).</summary>
    public string StartUrl { get; set; } = "http://localhost:5000/";

    /// <summary>
    /// The mini-program package (a folder with <c>app.json</c>, <c>app.js</c> and <c>pages/…</c>) the phone's shell runs:
    /// its scripts get the <c>wx</c> API a native page needs (login, request, requestPayment, navigation, storage), and a
    /// page whose WXML is a <c>&lt;web-view src="{{…}}"&gt;</c> opens that URL. Without it the shell opens
    /// <see cref="StartUrl"/> in a web-view and shows native pages by path only.
    /// </summary>
    public string? PackagePath { get; set; }

    /// <summary>
    /// Origins <c>wx.request</c> may call (WeChat's "request 合法域名"); the origin of <see cref="StartUrl"/> when empty.
    /// </summary>
    public List<string> RequestDomains { get; set; } = [];
}

public sealed class MerchantSettings
{
    public string MerchantId { get; set; } = "1900000109";

    public string ApiV3Key { get; set; } = "WxMallEmulatorApiV3Key0123456789";

    /// <summary>Serial of the merchant API certificate the store puts in <c>serial_no</c>.</summary>
    public string CertificateSerial { get; set; } = "7A4C2E9F1B3D5A6C8E0F2A4B6C8D0E1F3A5B7C9D";

    /// <summary>
    /// The merchant's public key (PEM) used to verify the <c>Authorization</c> header. When empty, the emulator
    /// generates a merchant key pair under <see cref="EmulatorOptions.DataDirectory"/> (<c>merchant/apiclient_key.pem</c>)
    /// for the store to sign with.
    /// </summary>
    public string? MerchantPublicKeyPem { get; set; }

    /// <summary>Id of the emulator's WeChat Pay public key (public-key mode).</summary>
    public string PublicKeyId { get; set; } = "PUB_KEY_ID_0119000001092026010100000000000001";

    /// <summary>
    /// Which key signs responses and callbacks when the request does not declare one:
    /// <c>publickey</c> (merchants registered since late 2024) or <c>certificate</c>.
    /// </summary>
    public string DefaultVerificationMode { get; set; } = "publickey";
}

public sealed class WeComSettings
{
    /// <summary>The default group robot's webhook key (the store's sandbox configuration uses it).</summary>
    public const string DefaultRobotKey = "6f1c2d3e-4a5b-4c6d-8e7f-90a1b2c3d4e5";

    /// <summary>Keys of the group robots <c>/cgi-bin/webhook/send</c> accepts; any other key gets 93000.</summary>
    public List<string> RobotKeys { get; set; } = [DefaultRobotKey];
}
