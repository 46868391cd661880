using System.Runtime.InteropServices;
using Microsoft.Extensions.Configuration;
using WxMall.WeChatEmulator.Accounts;
using WxMall.WeChatEmulator.Hosting;

namespace WxMall.WeChatEmulator;

/// <summary>
/// Standalone: <c>dotnet run --project src/WxMall.WeChatEmulator [--WeChatEmulator:Urls=http://localhost:5100]</c>.
/// A named class rather than top-level statements, so the store, which references this project, keeps the only
/// global <c>Program</c> (the one <c>WebApplicationFactory&lt;Program&gt;</c> means).
/// </summary>
internal static class EmulatorProgram
{
    public static async Task Main(string[] args)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile("emulator.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(args)
            .Build();
        var options = new EmulatorOptions();
        configuration.GetSection(EmulatorOptions.SectionName).Bind(options);

        await using var emulator = await EmulatorHost.StartAsync(options);
        Console.WriteLine($"WeChat emulator listening on {emulator.BaseAddress} (phone page at the root). Ctrl+C to stop.");
        var stopped = new TaskCompletionSource();
        void Stop(PosixSignalContext signal)
        {
            signal.Cancel = true;
            stopped.TrySetResult();
        }

        // Ctrl+C and a service manager's SIGTERM both stop the server cleanly.
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        await stopped.Task;
    }
}
