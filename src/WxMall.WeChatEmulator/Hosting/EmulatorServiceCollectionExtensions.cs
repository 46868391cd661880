using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WxMall.WeChatEmulator.Accounts;
using WxMall.WeChatEmulator.Control;
using WxMall.WeChatEmulator.MiniProgram;
using WxMall.WeChatEmulator.OAuth;
using WxMall.WeChatEmulator.OfficialAccount;
using WxMall.WeChatEmulator.Pay;
using WxMall.WeChatEmulator.Phone;
using WxMall.WeChatEmulator.Push;

namespace WxMall.WeChatEmulator.Hosting;

public static class EmulatorServiceCollectionExtensions
{
    /// <summary>Registers the emulator's state (accounts, keys, users, tokens, orders, pushes) as singletons.</summary>
    /// <param name="services">The emulator's own service collection.</param>
    /// <param name="options">Accounts, port, data folder, time scale.</param>
    /// <param name="keys">Keys already loaded by the host (see <see cref="EmulatorCredentials"/>); generated or loaded from the data folder when null.</param>
    public static IServiceCollection AddWeChatEmulator(this IServiceCollection services, EmulatorOptions options, EmulatorKeys? keys = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        if (keys is null)
        {
            services.AddSingleton(provider => EmulatorKeys.LoadOrCreate(options, provider.GetRequiredService<TimeProvider>()));
        }
        else
        {
            services.AddSingleton(keys);
        }

        services.AddSingleton<AppRegistry>();
        services.AddSingleton<UserDirectory>();
        services.AddSingleton<QuotaLedger>();
        services.AddSingleton<FaultBook>();
        services.AddSingleton<AccessTokenIssuer>();
        services.AddSingleton<AccessTokenGuard>();
        services.AddSingleton<JsApiTickets>();
        services.AddSingleton<OfficialAccountState>();
        services.AddSingleton<OAuthGrants>();
        services.AddSingleton<MiniProgramState>();
        services.AddSingleton<PayLedger>();
        services.AddSingleton<PayResponseSigner>();
        services.AddSingleton<NotificationDispatcher>();
        services.AddSingleton<PayerActions>();
        services.AddSingleton<UserActions>();
        services.AddSingleton<MessagePusher>();
        services.AddSingleton<WeCom.GroupRobots>();
        services.AddHttpClient(NotificationDispatcher.HttpClientName);
        services.AddHttpClient(MessagePusher.HttpClientName);
        services.AddHttpClient(MiniProgramRuntimeEndpoints.HttpClientName);
        return services;
    }

    /// <summary>Maps every WeChat path the emulator serves, the control API and the phone page.</summary>
    public static IEndpointRouteBuilder MapWeChatEmulator(this IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        routes.MapTokens();
        routes.MapMenus();
        routes.MapMessageSending();
        routes.MapQrCodes();
        routes.MapShortKeys();
        routes.MapUsers();
        routes.MapTags();
        routes.MapOAuth();
        routes.MapMiniProgram();
        routes.MapMiniProgramRuntime();
        routes.MapPay();
        routes.MapControl();
        WeCom.GroupRobotEndpoints.MapWeComRobots(routes);
        routes.MapPhone();
        routes.MapJsSdk();
        routes.MapH5Pay();
        return routes;
    }

    /// <summary>Adds the fault-injection middleware; call before the endpoints run.</summary>
    public static IApplicationBuilder UseWeChatEmulatorFaults(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.UseMiddleware<FaultMiddleware>();
    }
}
