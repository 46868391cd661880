using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using WxMall.BrowserTests.Infrastructure;
using WxMall.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace WxMall.BrowserTests.Admin;

/// <summary>The administrator manages staff on the console's staff page: add someone with a role, change the role, disable the account.</summary>
public sealed class StaffManagementTests(StoreFixture store, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Admin_adds_an_agent_who_sees_only_orders_then_promotes_them_to_operator_and_finally_disables_the_account()
    {
        var userName = "agent" + Guid.NewGuid().ToString("N")[..8];
        var admin = await browser.NewPhonePageAsync();
        await admin.SignInToConsoleAsync(store, "admin", MallAppFactory.AdminPassword);
        await admin.GetByRole(AriaRole.Link, new() { Name = "员工" }).ClickAsync();
        await Expect(admin).ToHaveURLAsync(new Regex("/admin/staff$"));

        // A user name with a space is refused next to the field; what was typed stays.
        await admin.GetByLabel("用户名").FillAsync("xiao wang");
        await admin.GetByLabel("姓名").FillAsync("客服小王");
        await admin.GetByLabel("初始密码（至少 10 位）").FillAsync("agent-password-2");
        await admin.GetByLabel("角色", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "客服" });
        await admin.GetByRole(AriaRole.Button, new() { Name = "添加" }).ClickAsync();
        await Expect(admin.Locator("[data-valmsg-for='Input.UserName']")).ToHaveTextAsync("用户名需为 3 到 40 位字母、数字、下划线、点或短横线");
        await Expect(admin.GetByLabel("姓名")).ToHaveValueAsync("客服小王");
        await AccessibilityCheck.AssertPassesAsync(admin);
        Assert.False(await store.Store.QueryAsync(db => db.Staff.AnyAsync(s => s.UserName == "xiao wang")));

        await admin.GetByLabel("用户名").FillAsync(userName);
        await admin.GetByLabel("初始密码（至少 10 位）").FillAsync("agent-password-2");
        await admin.GetByRole(AriaRole.Button, new() { Name = "添加" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Status)).ToHaveTextAsync($"已添加员工 {userName}（客服）");
        var row = admin.Locator("#staff tbody tr", new() { HasText = userName });
        await Expect(row).ToContainTextAsync("客服小王");
        await Expect(row).ToContainTextAsync("启用");

        // The agent sees orders and the service desk, not the catalog or the staff pages.
        var agent = await browser.NewPhonePageAsync();
        await agent.SignInToConsoleAsync(store, userName, "agent-password-2");
        var nav = agent.GetByRole(AriaRole.Navigation, new() { Name = "后台导航" });
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "订单" })).ToBeVisibleAsync();
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "客服工作台" })).ToBeVisibleAsync();
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "商品" })).ToHaveCountAsync(0);
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "员工" })).ToHaveCountAsync(0);
        await agent.GotoAsync(store.Url("/admin/products"));
        await Expect(agent).ToHaveURLAsync(new Regex("/admin/denied"));

        // Promoted to operator: the session with the old role ends at once, and after signing in again the catalog opens.
        await row.GetByLabel($"{userName} 的角色").SelectOptionAsync(new SelectOptionValue { Label = "运营" });
        await row.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Status)).ToHaveTextAsync($"已更新 {userName}：运营，启用");
        await agent.GotoAsync(store.Url("/admin/orders"));
        await Expect(agent).ToHaveURLAsync(new Regex("/admin/login\\?returnUrl="));
        await agent.SignInToConsoleAsync(store, userName, "agent-password-2");
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "商品" })).ToBeVisibleAsync();
        await agent.GotoAsync(store.Url("/admin/products"));
        await Expect(agent.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex("^商品") })).ToBeVisibleAsync();

        // The administrator disables the account.
        await row.GetByLabel("启用").UncheckAsync();
        await row.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Status)).ToHaveTextAsync($"已更新 {userName}：运营，停用");
        await Expect(row).ToContainTextAsync("停用");
        await Screenshots.SaveAsync(admin, "21-admin-staff");

        // Disabled: the open session ends with the next click, and signing in again is refused.
        await agent.GotoAsync(store.Url("/admin/products"));
        await Expect(agent).ToHaveURLAsync(new Regex("/admin/login\\?returnUrl="));
        await agent.GetByLabel("用户名").FillAsync(userName);
        await agent.GetByLabel("密码").FillAsync("agent-password-2");
        await agent.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await Expect(agent.GetByRole(AriaRole.Alert)).ToContainTextAsync("用户名或密码不正确");

        var changes = await store.Store.QueryAsync(db => db.AuditLog.Where(a => a.Target == "staff:" + userName).OrderBy(a => a.Id).Select(a => a.Action + " " + a.Detail).ToListAsync());
        Assert.Equal(["staff.create role=agent", "staff.change role agent → operator", "staff.change disabled"], changes);
    }
}
