using System.Net;
using WxMall.Admin;
using WxMall.Tests.Infrastructure;

namespace WxMall.Tests.Identity;

/// <summary>A staff session follows the account: disabling it or changing its role ends the session at the next request.</summary>
public sealed class StaffSessionTests(MallAppFactory app) : IClassFixture<MallAppFactory>
{
    [Fact]
    public async Task A_role_change_ends_the_session_and_signing_in_again_gives_the_new_role()
    {
        using var admin = await app.StaffClientAsync();
        var staff = await CreateAsync(admin, "session-agent", "agent");
        using var session = await app.StaffClientAsync("session-agent", "agent-password-1");
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/api/admin/me")).StatusCode);

        var changed = await admin.PutAsJsonAsync($"/api/admin/staff/{staff.Id}", new { role = "operator" });

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        await (await session.GetAsync("/api/admin/me")).ProblemAsync(HttpStatusCode.Unauthorized);
        using var again = await app.StaffClientAsync("session-agent", "agent-password-1");
        Assert.Equal("operator", (await again.GetFromJsonAsync<StaffView>("/api/admin/me", Shopper.Json))!.Role);
    }

    [Fact]
    public async Task A_disabled_account_loses_its_open_session()
    {
        using var admin = await app.StaffClientAsync();
        var staff = await CreateAsync(admin, "session-operator", "operator");
        using var session = await app.StaffClientAsync("session-operator", "agent-password-1");
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/api/admin/dead-letters")).StatusCode);

        var disabled = await admin.PutAsJsonAsync($"/api/admin/staff/{staff.Id}", new { isActive = false });

        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
        await (await session.GetAsync("/api/admin/dead-letters")).ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/admin/me")).StatusCode);
    }

    private static async Task<StaffView> CreateAsync(HttpClient admin, string userName, string role)
    {
        var created = await admin.PostAsJsonAsync("/api/admin/staff", new { userName, password = "agent-password-1", displayName = "会话测试", role });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<StaffView>(Shopper.Json))!;
    }
}
