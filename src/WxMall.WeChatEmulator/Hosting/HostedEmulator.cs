using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WxMall.WeChatEmulator.Accounts;

namespace WxMall.WeChatEmulator.Hosting;

/// <summary>Runs the emulator on its own port for the lifetime of a host (the store in sandbox mode).</summary>
public sealed class HostedEmulator(EmulatorCredentials credentials, ILogger<HostedEmulator> logger) : IHostedService, IAsyncDisposable
{
    private RunningEmulator? running;

    /// <summary>The started emulator (null before the host started).</summary>
    public RunningEmulator? Running => running;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        running = await EmulatorHost.StartAsync(credentials.Options, cancellationToken: cancellationToken, keys: credentials.Keys);
        logger.LogInformation("WeChat emulator listening on {EmulatorAddress} (phone page at the root)", running.BaseAddress);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (running is not null)
        {
            await running.DisposeAsync();
            running = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (running is not null)
        {
            await running.DisposeAsync();
        }
    }
}

public static class HostedEmulatorServiceCollectionExtensions
{
    /// <summary>Starts the emulator on its own port (default 5100) when the host starts; stops it with the host.</summary>
    /// <remarks>Pass the credentials from <see cref="EmulatorCredentials.LoadOrCreate"/> so the store signs with the same keys.</remarks>
    public static IServiceCollection AddHostedWeChatEmulator(this IServiceCollection services, EmulatorCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(credentials);
        services.AddSingleton(credentials);
        services.AddSingleton(provider => new HostedEmulator(credentials, provider.GetRequiredService<ILogger<HostedEmulator>>()));
        services.AddHostedService(provider => provider.GetRequiredService<HostedEmulator>());
        return services;
    }
}
