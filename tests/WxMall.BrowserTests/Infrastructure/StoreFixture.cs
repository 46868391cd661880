using Microsoft.AspNetCore.Mvc.Testing;
using WxMall.Tests.Infrastructure;

[assembly: AssemblyFixture(typeof(WxMall.BrowserTests.Infrastructure.StoreFixture))]

namespace WxMall.BrowserTests.Infrastructure;

/// <summary>
/// One store for the whole browser suite, on a real loopback port with the WeChat emulator beside it
/// (<see cref="WeChatSandboxFactory"/>), so the browser talks to it exactly as a phone would.
/// </summary>
public sealed class StoreFixture : IAsyncLifetime
{
    public StoreServer Store { get; } = new();

    public string Url(string path) => new Uri(Store.StoreUrl, path).ToString();

    /// <summary>An API client with its own cookies, for arranging data the way another shopper would.</summary>
    public Shopper NewShopper() => new(Client());

    public async Task<HttpClient> StaffClientAsync()
    {
        var client = Client();
        var response = await client.PostAsJsonAsync("/api/admin/login", new { userName = "admin", password = MallAppFactory.AdminPassword });
        response.EnsureSuccessStatusCode();
        return client;
    }

    /// <summary>A WeChat user in the emulator scans a Native code (or confirms a prepay id) and pays: what the phone's 扫一扫 does.</summary>
    public async Task PayInWeChatAsync(string reference)
    {
        using var emulator = Store.EmulatorClient();
        var created = await emulator.PostAsJsonAsync("/emulator/users", new { nickname = "浏览器测试买家" });
        created.EnsureSuccessStatusCode();
        var user = (await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("userId").GetString();
        var paid = await emulator.PostAsJsonAsync("/emulator/pay/pay", new { reference, user });
        Assert.True(paid.IsSuccessStatusCode, await paid.Content.ReadAsStringAsync());
    }

    /// <summary>A new WeChat user in the emulator (following the official account): its id and nickname.</summary>
    public async Task<(string UserId, string Nickname)> NewWeChatUserAsync()
    {
        using var emulator = Store.EmulatorClient();
        var nickname = "微信买家" + Guid.NewGuid().ToString("N")[..6];
        var created = await emulator.PostAsJsonAsync("/emulator/users", new { nickname, follow = true });
        created.EnsureSuccessStatusCode();
        var user = await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        return (user.GetProperty("userId").GetString()!, nickname);
    }

    // The factory's default client options aim at http://localhost; this store listens on its own loopback port.
    private HttpClient Client() => Store.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, BaseAddress = Store.StoreUrl });

    public ValueTask InitializeAsync()
    {
        Store.StartServer();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await Store.DisposeAsync();
}

public sealed class StoreServer : WeChatSandboxFactory;
