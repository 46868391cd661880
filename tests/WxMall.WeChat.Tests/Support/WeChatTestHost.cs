using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WxMall.WeChat.MiniProgram;
using WxMall.WeChat.OAuth;
using WxMall.WeChat.OfficialAccount;

namespace WxMall.WeChat.Tests.Support;

/// <summary>The library wired the way a host wires it, with a fake clock and a recording HTTP handler on loopback-free fakes.</summary>
internal sealed class WeChatTestHost : IDisposable
{
    public const string BaseUrl = "https://api.test";
    public const string AppId = "wxTEST";
    public const string AppSecret = "SECRET";
    public const string MiniProgramAppId = "wxMINI";

    private WeChatTestHost(FakeTimeProvider clock, RecordingHandler handler, ServiceProvider services)
    {
        Clock = clock;
        Handler = handler;
        Services = services;
    }

    public FakeTimeProvider Clock { get; }

    public RecordingHandler Handler { get; }

    public ServiceProvider Services { get; }

    public OfficialAccountClient OfficialAccount => Services.GetRequiredService<OfficialAccountClient>();

    public WebOAuthClient OAuth => Services.GetRequiredService<WebOAuthClient>();

    public MiniProgramClient MiniProgram => Services.GetRequiredService<MiniProgramClient>();

    public static WeChatTestHost Create(Action<WeChatOfficialAccountOptions>? configure = null, Action<WeChatMiniProgramOptions>? configureMiniProgram = null, TimeProvider? clockOverride = null, Action<IServiceCollection>? configureServices = null)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 6, 18, 10, 0, 0, TimeSpan.FromHours(8)));
        var handler = new RecordingHandler();
        var services = new ServiceCollection();
        services.AddSingleton(clockOverride ?? clock);
        services.AddWeChatOfficialAccount(options =>
        {
            options.AppId = AppId;
            options.AppSecret = AppSecret;
            options.MessageToken = "TOKEN";
            options.ApiBaseUrl = BaseUrl;
            options.Http.RetryBaseDelay = TimeSpan.Zero;
            configure?.Invoke(options);
        });
        services.AddWeChatMiniProgram(options =>
        {
            options.AppId = MiniProgramAppId;
            options.AppSecret = AppSecret;
            options.ApiBaseUrl = BaseUrl;
            options.Http.RetryBaseDelay = TimeSpan.Zero;
            configureMiniProgram?.Invoke(options);
        });
        services.ConfigureHttpClientDefaults(builder => builder.ConfigurePrimaryHttpMessageHandler(() => handler));
        configureServices?.Invoke(services);
        return new WeChatTestHost(clock, handler, services.BuildServiceProvider());
    }

    public void Dispose() => Services.Dispose();
}
