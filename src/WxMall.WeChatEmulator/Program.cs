using Microsoft.Extensions.Configuration;
using WxMall.WeChatEmulator.Accounts;
using WxMall.WeChatEmulator.Hosting;

// Standalone: `dotnet run --project src/WxMall.WeChatEmulator [--WeChatEmulator:Urls=http://localhost:5100]`.
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
Console.CancelKeyPress += (_, eventArguments) =>
{
    eventArguments.Cancel = true;
    stopped.TrySetResult();
};
AppDomain.CurrentDomain.ProcessExit += (_, _) => stopped.TrySetResult();
await stopped.Task;
