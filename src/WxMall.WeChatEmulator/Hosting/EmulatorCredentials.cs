using WxMall.WeChat.MiniProgram;
using WxMall.WeChat.OfficialAccount;
using WxMall.WeChat.Pay;
using WxMall.WeChatEmulator.Accounts;

namespace WxMall.WeChatEmulator.Hosting;

/// <summary>
/// The sandbox credentials a store needs to talk to the emulator, available before the emulator starts: keys are
/// generated (or loaded from the data folder) here, so the store's clients can be configured at build time.
/// </summary>
public sealed class EmulatorCredentials
{
    private EmulatorCredentials(EmulatorOptions options, EmulatorKeys keys)
    {
        Options = options;
        Keys = keys;
    }

    public EmulatorOptions Options { get; }

    public EmulatorKeys Keys { get; }

    /// <summary>The emulator's base URL as clients should use it (from <see cref="EmulatorOptions.Urls"/>).</summary>
    public string BaseUrl => Options.Urls.Split(';')[0].Replace("0.0.0.0", "localhost", StringComparison.Ordinal).Replace("+", "localhost", StringComparison.Ordinal).Replace("*", "localhost", StringComparison.Ordinal).TrimEnd('/');

    public static EmulatorCredentials LoadOrCreate(EmulatorOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new EmulatorCredentials(options, EmulatorKeys.LoadOrCreate(options, timeProvider ?? TimeProvider.System));
    }

    public void ConfigureOfficialAccount(WeChatOfficialAccountOptions client)
    {
        ArgumentNullException.ThrowIfNull(client);
        client.AppId = Options.OfficialAccount.AppId;
        client.AppSecret = Options.OfficialAccount.AppSecret;
        client.MessageToken = Options.OfficialAccount.Token;
        client.EncodingAesKey = Options.OfficialAccount.EncodingAesKey;
        client.ApiBaseUrl = BaseUrl;
        client.OpenPlatformBaseUrl = BaseUrl;
        client.MediaPlatformBaseUrl = BaseUrl;
    }

    public void ConfigureMiniProgram(WeChatMiniProgramOptions client)
    {
        ArgumentNullException.ThrowIfNull(client);
        client.AppId = Options.MiniProgram.AppId;
        client.AppSecret = Options.MiniProgram.AppSecret;
        client.ApiBaseUrl = BaseUrl;
    }

    public void ConfigurePay(WeChatPayOptions client)
    {
        ArgumentNullException.ThrowIfNull(client);
        client.MerchantId = Options.Merchant.MerchantId;
        if (!client.AppIds.Contains(Options.OfficialAccount.AppId))
        {
            client.AppIds.Add(Options.OfficialAccount.AppId);
        }

        if (!client.AppIds.Contains(Options.MiniProgram.AppId))
        {
            client.AppIds.Add(Options.MiniProgram.AppId);
        }

        client.MerchantCertificateSerial = Options.Merchant.CertificateSerial;
        client.MerchantPrivateKeyPem = Keys.MerchantPrivateKeyPem
            ?? throw new InvalidOperationException("WeChatEmulator:Merchant:MerchantPublicKeyPem is set, so the emulator holds no merchant private key: configure WeChatPay:MerchantPrivateKeyPem yourself.");
        client.ApiV3Key = Options.Merchant.ApiV3Key;
        client.PublicKeyId = Keys.PublicKeyId;
        client.PublicKeyPem = Keys.PublicKeyPem;
        if (!client.PlatformCertificatePems.Contains(Keys.PlatformCertificatePem))
        {
            client.PlatformCertificatePems.Add(Keys.PlatformCertificatePem);
        }

        client.BaseAddress = new Uri(BaseUrl + "/");
    }
}
