using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;

namespace WxMall.Tests.Infrastructure;

/// <summary>
/// The store in sandbox mode: it hosts the WeChat emulator on a free loopback port of its own, so several of these
/// can run at once. On SQLite by default, or on a fresh PostgreSQL database.
/// </summary>
public class SandboxMallAppFactory : MallAppFactory
{
    public SandboxMallAppFactory()
        : this(postgresConnectionString: null)
    {
    }

    protected SandboxMallAppFactory(string? postgresConnectionString)
        : base(postgresConnectionString)
    {
    }

    /// <summary>The store's public origin as the tests' HTTP client sees it.</summary>
    public const string StoreBaseUrl = "http://localhost";

    public int EmulatorPort { get; } = FreePort();

    public string EmulatorFolder { get; } = Path.Combine(Path.GetTempPath(), "wxmall-tests", "emulator-" + Guid.NewGuid().ToString("N"));

    public Uri EmulatorBaseAddress => new($"http://127.0.0.1:{EmulatorPort}/");

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["WeChat:Mode"] = "Sandbox",
        ["WeChat:StoreBaseUrl"] = StoreBaseUrl,
        ["WeChatEmulator:Urls"] = $"http://127.0.0.1:{EmulatorPort}",
        ["WeChatEmulator:DataDirectory"] = EmulatorFolder,
        ["WeChatEmulator:OfficialAccount:MessageUrl"] = "",
    };

    /// <summary>A browser inside WeChat: cookies kept, redirects not followed (the OAuth hops are checked one by one).</summary>
    public WeChatBrowser NewWeChatBrowser() => new(this, CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false }));

    /// <summary>The emulator's control API (creates simulated users, issues mini-program codes).</summary>
    public HttpClient Emulator()
    {
        _ = Server; // starting the store starts the emulator it hosts
        return new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = EmulatorBaseAddress };
    }

    public async Task<EmulatedWeChatUser> CreateWeChatUserAsync(string? nickname = null, string? phone = null)
    {
        nickname ??= "微信用户" + Guid.NewGuid().ToString("N")[..6];
        using var emulator = Emulator();
        var response = await emulator.PostAsJsonAsync("/emulator/users", new { nickname, phoneNumber = phone ?? Shopper.RandomPhone() });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<EmulatedWeChatUser>(Shopper.Json))!;
    }

    public async Task<string> MiniProgramCodeAsync(EmulatedWeChatUser user, string kind = "login")
    {
        using var emulator = Emulator();
        var response = await emulator.PostAsync($"/emulator/users/{user.UserId}/miniprogram/{kind}", content: null);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!;
    }

    /// <summary>A mini-program client: logs in with a fresh <c>wx.login</c> code and keeps the bearer token.</summary>
    public async Task<HttpClient> MiniProgramClientAsync(EmulatedWeChatUser user, bool withPhone = false)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        var response = await client.PostAsJsonAsync("/api/wechat/miniprogram/login", new
        {
            code = await MiniProgramCodeAsync(user),
            phoneCode = withPhone ? await MiniProgramCodeAsync(user, "phone-code") : null,
        });
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var session = await response.Content.ReadFromJsonAsync<JsonElement>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", session.GetProperty("accessToken").GetString());
        return client;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>A sandbox store on a fresh PostgreSQL database.</summary>
public sealed class PostgresSandboxMallAppFactory(string connectionString) : SandboxMallAppFactory(connectionString)
{
    public static async Task<PostgresSandboxMallAppFactory> CreateAsync() => new(await PostgresServer.CreateDatabaseAsync());
}

/// <summary>A simulated WeChat user as the emulator's control API returns it.</summary>
public sealed record EmulatedWeChatUser(string UserId, string Nickname, string UnionId, string OfficialAccountOpenId, string MiniProgramOpenId, string PhoneNumber);

/// <summary>A browser inside WeChat, walking the OAuth redirects through the emulator the way the WeChat client does.</summary>
public sealed class WeChatBrowser(SandboxMallAppFactory app, HttpClient client) : IDisposable
{
    public HttpClient Client { get; } = client;

    /// <summary>Starts OAuth at the store and returns the emulator's authorize URL it redirected to.</summary>
    public async Task<Uri> StartAsync(string scope, string returnUrl = "/")
    {
        var start = await Client.GetAsync($"/api/wechat/oauth/start?scope={scope}&returnUrl={Uri.EscapeDataString(returnUrl)}");
        Assert.True(start.StatusCode == HttpStatusCode.Redirect, $"start → {(int)start.StatusCode}: {await start.Content.ReadAsStringAsync()}");
        return start.Headers.Location!;
    }

    /// <summary>The user authorizes at the emulator; returns the store callback path and query WeChat redirects back to.</summary>
    public async Task<string> AuthorizeAsync(Uri authorizeUrl, EmulatedWeChatUser user)
    {
        var url = authorizeUrl.ToString();
        url = url[..url.IndexOf('#', StringComparison.Ordinal)] + "&emulator_user=" + user.UserId + "&confirm=1";
        using var emulator = app.Emulator();
        var answer = await emulator.GetAsync(new Uri(url));
        Assert.True(answer.StatusCode == HttpStatusCode.Redirect, $"authorize → {(int)answer.StatusCode}: {await answer.Content.ReadAsStringAsync()}");
        var back = answer.Headers.Location!;
        Assert.StartsWith(SandboxMallAppFactory.StoreBaseUrl + "/api/wechat/oauth/callback?", back.ToString(), StringComparison.Ordinal);
        return back.PathAndQuery;
    }

    /// <summary>The whole round trip; returns the store's final answer (302 to the return URL on success).</summary>
    public async Task<HttpResponseMessage> SignInAsync(EmulatedWeChatUser user, string scope, string returnUrl = "/") =>
        await Client.GetAsync(await AuthorizeAsync(await StartAsync(scope, returnUrl), user));

    public async Task<JsonElement> MeAsync()
    {
        var response = await Client.GetAsync("/api/me");
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public void Dispose() => Client.Dispose();
}
