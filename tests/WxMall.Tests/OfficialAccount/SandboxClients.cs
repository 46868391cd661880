using System.Net;
using WxMall.Tests.Infrastructure;

namespace WxMall.Tests.OfficialAccount;

/// <summary>Clients for the store on its real port (the sandbox factory's Kestrel server), with cookies.</summary>
public static class SandboxClients
{
    public static async Task<HttpClient> StaffAsync(this WeChatSandboxFactory app, string userName = "admin", string password = MallAppFactory.AdminPassword)
    {
        app.StartServer();
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = app.StoreUrl };
        var response = await client.PostAsJsonAsync("/api/admin/login", new { userName, password });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return client;
    }

    /// <summary>A customer-service agent account, created by the administrator.</summary>
    public static async Task<HttpClient> NewAgentAsync(this WeChatSandboxFactory app, string userName)
    {
        using var admin = await app.StaffAsync();
        var created = await admin.PostAsJsonAsync("/api/admin/staff", new { userName, password = "agent-password-123", displayName = "客服" + userName, role = "agent" });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        return await app.StaffAsync(userName, "agent-password-123");
    }
}
