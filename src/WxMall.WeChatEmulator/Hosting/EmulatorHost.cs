using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WxMall.WeChatEmulator.Accounts;

namespace WxMall.WeChatEmulator.Hosting;

/// <summary>Starts the emulator as its own web application on its own port (standalone, or inside the store in sandbox mode).</summary>
public static class EmulatorHost
{
    public static async Task<RunningEmulator> StartAsync(
        EmulatorOptions options,
        TimeProvider? timeProvider = null,
        Action<ILoggingBuilder>? configureLogging = null,
        EmulatorKeys? keys = null,
        CancellationToken cancellationToken = default)
    {
        var app = Build(options, timeProvider, configureLogging, keys);

        // Keys are generated (and saved under the data folder) at start, not at the first Pay call.
        app.Services.GetRequiredService<EmulatorKeys>();
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new RunningEmulator(app, new Uri(address.Replace("[::]", "localhost", StringComparison.Ordinal).TrimEnd('/') + "/"));
    }

    internal static WebApplication Build(EmulatorOptions options, TimeProvider? timeProvider, Action<ILoggingBuilder>? configureLogging, EmulatorKeys? keys)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            EnvironmentName = Environments.Production,
            ApplicationName = typeof(EmulatorHost).Assembly.GetName().Name,
        });
        builder.WebHost.UseUrls(options.Urls);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        if (configureLogging is not null)
        {
            configureLogging(builder.Logging);
        }

        if (timeProvider is not null)
        {
            builder.Services.AddSingleton(timeProvider);
        }

        builder.Services.AddWeChatEmulator(options, keys);
        var app = builder.Build();
        app.UseWeChatEmulatorFaults();
        app.MapWeChatEmulator();
        return app;
    }
}

/// <summary>A started emulator: its base address and its state, for the host and for tests.</summary>
public sealed class RunningEmulator(WebApplication application, Uri baseAddress) : IAsyncDisposable
{
    public Uri BaseAddress { get; } = baseAddress;

    public IServiceProvider Services => application.Services;

    public EmulatorOptions Options => application.Services.GetRequiredService<EmulatorOptions>();

    public EmulatorKeys Keys => application.Services.GetRequiredService<EmulatorKeys>();

    public UserDirectory Users => application.Services.GetRequiredService<UserDirectory>();

    public async ValueTask DisposeAsync()
    {
        await application.StopAsync();
        await application.DisposeAsync();
    }
}
