using System.Net;
using System.Net.Sockets;

namespace WxMall.Tests.Infrastructure;

/// <summary>
/// The store on a real loopback port with the WeChat emulator beside it, so the emulator can call the store
/// the way WeChat does (payment notifications, official-account pushes, OAuth redirects). Each factory gets
/// its own free ports and an emulator that forgets its users when disposed.
/// </summary>
public class WeChatSandboxFactory : MallAppFactory
{
    private readonly string emulatorFolder = Path.Combine(Path.GetTempPath(), "wxmall-tests", "emulator-" + Guid.NewGuid().ToString("N"));

    public WeChatSandboxFactory()
        : this(postgresConnectionString: null)
    {
    }

    protected WeChatSandboxFactory(string? postgresConnectionString)
        : base(postgresConnectionString)
    {
        StorePort = FreePort();
        EmulatorPort = FreePort();
        UseKestrel(StorePort);
    }

    public int StorePort { get; }

    public int EmulatorPort { get; }

    public Uri StoreUrl => new($"http://127.0.0.1:{StorePort}/");

    public Uri EmulatorUrl => new($"http://127.0.0.1:{EmulatorPort}/");

    /// <summary>The emulator's keys and users, on disk so that tests can sign notifications the way WeChat Pay does.</summary>
    public string EmulatorFolder => emulatorFolder;

    /// <summary>Speeds WeChat's retry schedules up (1 = real time); 0.001 turns the 24-hour payment schedule into about 90 s.</summary>
    protected virtual double EmulatorTimeScale => 0.001;

    /// <summary>Settings of the derived test class, applied on top of the sandbox ones.</summary>
    protected virtual IReadOnlyDictionary<string, string> SandboxSettings => new Dictionary<string, string>();

    protected sealed override IReadOnlyDictionary<string, string> Settings
    {
        get
        {
            var store = StoreUrl.ToString().TrimEnd('/');
            var settings = new Dictionary<string, string>
            {
                ["WeChat:Mode"] = "Sandbox",
                ["WeChat:StoreBaseUrl"] = store,
                ["WeChatEmulator:Urls"] = EmulatorUrl.ToString().TrimEnd('/'),
                ["WeChatEmulator:DataDirectory"] = emulatorFolder,
                ["WeChatEmulator:Persist"] = "true",
                ["WeChatEmulator:TimeScale"] = EmulatorTimeScale.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["WeChatEmulator:OfficialAccount:MessageUrl"] = store + "/wechat/message",
                ["WeChatEmulator:MiniProgram:StartUrl"] = store + "/",
            };
            foreach (var (key, value) in SandboxSettings)
            {
                settings[key] = value;
            }

            return settings;
        }
    }

    /// <summary>A client for the emulator's control API (<c>/emulator/…</c>) and its WeChat endpoints; starts the store first.</summary>
    public HttpClient EmulatorClient()
    {
        StartServer();
        return new HttpClient { BaseAddress = EmulatorUrl };
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
