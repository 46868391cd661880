using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WxMall.WeChat;
using WxMall.WeChat.MiniProgram;
using WxMall.WeChat.OAuth;
using WxMall.WeChat.OfficialAccount;
using WxMall.WeChat.Pay;
using WxMall.WeChat.Pay.Client;
using WxMall.WeChatEmulator.Accounts;
using WxMall.WeChatEmulator.Hosting;

namespace WxMall.WeChatEmulator.Tests.Support;

/// <summary>An emulator on a loopback port (no files, compressed time), a stand-in store, and our own clients pointed at it.</summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    public RunningEmulator Emulator { get; private set; } = null!;

    public StoreReceiver Store { get; private set; } = null!;

    public ServiceProvider Clients { get; private set; } = null!;

    public HttpClient Http { get; } = new(new SocketsHttpHandler { AllowAutoRedirect = false });

    public EmulatorOptions Options => Emulator.Options;

    public OfficialAccountClient OfficialAccount => Clients.GetRequiredService<OfficialAccountClient>();

    public WebOAuthClient OAuth => Clients.GetRequiredService<WebOAuthClient>();

    public MiniProgramClient MiniProgram => Clients.GetRequiredService<MiniProgramClient>();

    public WeChatPayClient Pay => Clients.GetRequiredService<WeChatPayClient>();

    public Uri NotifyUrl => new(Store.BaseAddress, "pay/notify");

    private TimeProvider? emulatorTime;

    /// <summary>A fixture whose emulator reads the given clock (the clients keep the system clock).</summary>
    public static async Task<EmulatorFixture> StartAsync(TimeProvider emulatorTime)
    {
        var fixture = new EmulatorFixture { emulatorTime = emulatorTime };
        await fixture.InitializeAsync();
        return fixture;
    }

    public async ValueTask InitializeAsync()
    {
        Store = await StoreReceiver.StartAsync();
        var options = new EmulatorOptions
        {
            Urls = "http://127.0.0.1:0",
            Persist = false,
            TimeScale = 0.0002,
        };
        options.OfficialAccount.MessageUrl = new Uri(Store.BaseAddress, "wechat/message").AbsoluteUri;
        Emulator = await EmulatorHost.StartAsync(options, emulatorTime, configureLogging: logging => logging.ClearProviders());
        Http.BaseAddress = Emulator.BaseAddress;

        var baseUrl = Emulator.BaseAddress.AbsoluteUri.TrimEnd('/');
        var services = new ServiceCollection();
        services.AddWeChatOfficialAccount(client =>
        {
            client.AppId = options.OfficialAccount.AppId;
            client.AppSecret = options.OfficialAccount.AppSecret;
            client.MessageToken = options.OfficialAccount.Token;
            client.EncodingAesKey = options.OfficialAccount.EncodingAesKey;
            client.ApiBaseUrl = baseUrl;
            client.OpenPlatformBaseUrl = baseUrl;
            client.MediaPlatformBaseUrl = baseUrl;
        });
        services.AddWeChatMiniProgram(client =>
        {
            client.AppId = options.MiniProgram.AppId;
            client.AppSecret = options.MiniProgram.AppSecret;
            client.ApiBaseUrl = baseUrl;
        });
        services.AddWeChatPay(pay =>
        {
            pay.MerchantId = options.Merchant.MerchantId;
            pay.AppIds.Add(options.OfficialAccount.AppId);
            pay.AppIds.Add(options.MiniProgram.AppId);
            pay.MerchantCertificateSerial = options.Merchant.CertificateSerial;
            pay.MerchantPrivateKeyPem = Emulator.Keys.MerchantPrivateKeyPem!;
            pay.ApiV3Key = options.Merchant.ApiV3Key;
            pay.PublicKeyId = Emulator.Keys.PublicKeyId;
            pay.PublicKeyPem = Emulator.Keys.PublicKeyPem;
            pay.PlatformCertificatePems.Add(Emulator.Keys.PlatformCertificatePem);
            pay.BaseAddress = Emulator.BaseAddress;
            pay.NotifyUrl = NotifyUrl;
            pay.MaximumAttempts = 1;
        });
        Clients = services.BuildServiceProvider();
    }

    public EmulatedUser NewUser(bool follow = true) => Emulator.Users.Create("测试用户", sex: 1, follow: follow);

    public async Task<string> ControlAsync(string path, object? body = null)
    {
        using var response = await Http.PostAsJsonAsync("emulator/" + path, body ?? new { });
        return await response.Content.ReadAsStringAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Clients.DisposeAsync();
        await Emulator.DisposeAsync();
        await Store.DisposeAsync();
        Http.Dispose();
    }
}
