using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using WxMall.BrowserTests.Infrastructure;
using WxMall.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace WxMall.BrowserTests.Admin;

/// <summary>
/// The official account from the console: the menu editor (preview, errors next to the field, publish to the
/// emulator's phone) and the auto-reply rules. The browser suite runs one test at a time, so publishing a menu here
/// does not race the journey that taps one.
/// </summary>
public sealed class OfficialAccountConsoleTests(StoreFixture store, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Operator_edits_the_menu_sees_the_preview_fixes_an_error_publishes_and_the_phone_shows_the_new_menu()
    {
        var page = await browser.NewPhonePageAsync();
        await SignInAsync(page);
        await page.GotoAsync(store.Url("/admin/menu"));
        var campaign = "menu-" + Guid.NewGuid().ToString("N")[..6];

        // Start from an empty form, whatever an earlier test left in the draft.
        await page.EvalOnSelectorAllAsync("#menu-form input:not([type=hidden])", "inputs => inputs.forEach(i => { i.value = ''; i.dispatchEvent(new Event('input', { bubbles: true })); })");
        await Expect(page.Locator("#preview-menu")).ToHaveTextAsync("（还没有菜单）");

        // One store page behind a campaign short link, one parent with a click sub-button, one name that is too long.
        await page.Locator("#Top_0__Name").FillAsync("逛商城");
        await page.Locator("#Top_0__Type").SelectOptionAsync("view");
        await page.Locator("#Top_0__StorePath").FillAsync("/search?q=游戏本");
        await page.Locator("#Top_0__Campaign").FillAsync(campaign);
        await page.Locator("#Top_1__Name").FillAsync("服务");
        await page.Locator("#Top_1__Type").SelectOptionAsync("");
        await page.Locator("#Top_1__Subs_0__Name").FillAsync("联系客服");
        await page.Locator("#Top_1__Subs_0__Type").SelectOptionAsync("click");
        await page.Locator("#Top_1__Subs_0__Key").FillAsync("CONTACT_AGENT");
        await page.Locator("#Top_2__Name").FillAsync("这是一个特别长的菜单名称");
        await page.Locator("#Top_2__Type").SelectOptionAsync("click");
        await page.Locator("#Top_2__Key").FillAsync("LONG");

        // The preview follows the form before anything is saved.
        var preview = page.Locator("#preview-menu");
        await Expect(preview.Locator(".cell")).ToHaveCountAsync(3);
        await Expect(preview.Locator(".cell").Nth(0)).ToHaveTextAsync("逛商城");
        await Expect(preview.Locator(".cell").Nth(1).Locator(".subs li")).ToHaveTextAsync(["联系客服"]);
        await Expect(page.Locator("#Top_0__Key")).ToBeHiddenAsync();
        await Screenshots.SaveAsync(page, "30-menu-editor-preview");

        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "保存并发布" }).ClickAsync();
        await Expect(page.Locator("[data-valmsg-for='Top[2].Name']")).ToContainTextAsync("不超过 16 字节");
        await Expect(page.Locator("#Top_0__Name")).ToHaveValueAsync("逛商城");
        await AccessibilityCheck.AssertPassesAsync(page);
        await Screenshots.SaveAsync(page, "31-menu-editor-error");

        await page.Locator("#Top_2__Name").FillAsync("");
        await page.Locator("#Top_2__Key").FillAsync("");
        await Expect(preview.Locator(".cell")).ToHaveCountAsync(2);
        await page.GetByRole(AriaRole.Button, new() { Name = "保存并发布" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("菜单已发布");

        // Reopened, the view button shows its store page and campaign, not the short link.
        await Expect(page.Locator("#Top_0__StorePath")).ToHaveValueAsync("/search?q=游戏本");
        await Expect(page.Locator("#Top_0__Campaign")).ToHaveValueAsync(campaign);
        await Expect(page.Locator("#menu-state")).ToContainTextAsync("发布于");

        // WeChat (the emulator) has the menu: the view button is the store's short link.
        using var emulator = store.Store.EmulatorClient();
        var published = await emulator.GetFromJsonAsync<JsonElement>("/emulator/menu");
        Assert.Equal(["逛商城", "服务"], published.EnumerateArray().Select(b => b.GetProperty("name").GetString()));
        Assert.Matches(new Regex("^" + Regex.Escape(store.Url("/s/")) + "\\w{8}$"), published[0].GetProperty("url").GetString());
        Assert.Equal("CONTACT_AGENT", published[1].GetProperty("sub_button")[0].GetProperty("key").GetString());

        // A follower opening the chat sees the new menu; its sub-menu opens on a tap.
        var (userId, _) = await store.NewWeChatUserAsync();
        var phone = await EmulatorPhone.OpenAsync(store, browser, userId);
        await Expect(phone.Menu.Locator(":scope > div")).ToHaveCountAsync(2, new() { Timeout = 30_000 });
        await Expect(phone.Menu.Locator(":scope > div").Nth(0)).ToHaveTextAsync("逛商城");
        await phone.Menu.Locator(":scope > div", new() { HasText = "服务" }).ClickAsync();
        await Expect(phone.Menu.GetByText("联系客服")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(phone.Page, "32-emulator-phone-new-menu");

        // Both writes are in the audit log.
        var audit = await store.Store.QueryAsync(db => db.AuditLog.Where(a => a.Action == "oa.menu.save" || a.Action == "oa.menu.publish").Select(a => a.Action).ToListAsync());
        Assert.Contains("oa.menu.publish", audit);
    }

    [Fact]
    public async Task Operator_creates_a_regex_rule_fixes_the_pattern_disables_it_and_deletes_it()
    {
        var page = await browser.NewPhonePageAsync();
        await SignInAsync(page);
        await page.GotoAsync(store.Url("/admin/auto-replies"));
        await Expect(page.Locator("#kpi-match")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "新建规则" }).ClickAsync();

        var name = "运费问题" + Guid.NewGuid().ToString("N")[..4];
        await page.GetByLabel("规则名称").FillAsync(name);
        await page.GetByLabel("触发方式").SelectOptionAsync("Regex");
        await page.GetByLabel("关键词 / 正则 / 菜单 key").FillAsync("^(运费|包邮");
        await page.GetByLabel("优先级（数字大者先匹配）").FillAsync("十");
        await page.GetByLabel("回复文字（图文为摘要）").FillAsync("全国包邮，偏远地区除外。");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存规则" }).ClickAsync();
        await Expect(page.Locator("[data-valmsg-for='Input.Priority']")).ToContainTextAsync("优先级请填写整数");

        await page.GetByLabel("优先级（数字大者先匹配）").FillAsync("10");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存规则" }).ClickAsync();
        await Expect(page.Locator("[data-valmsg-for='Input.Pattern']")).ToContainTextAsync("正则表达式无效");
        await AccessibilityCheck.AssertPassesAsync(page);
        await Screenshots.SaveAsync(page, "33-auto-reply-invalid-regex");

        await page.GetByLabel("关键词 / 正则 / 菜单 key").FillAsync("^(运费|包邮)");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存规则" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"规则“{name}”已保存");
        var row = page.Locator("#rules tbody tr", new() { HasText = name });
        await Expect(row.Locator(".rule-state")).ToHaveTextAsync("启用");
        await Screenshots.SaveAsync(page, "34-auto-replies");

        await row.GetByRole(AriaRole.Button, new() { Name = "停用规则 " + name }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("已停用");
        await Expect(row.Locator(".rule-state")).ToHaveTextAsync("停用");
        Assert.False(await store.Store.QueryAsync(db => db.AutoReplyRules.Where(r => r.Name == name).Select(r => r.Enabled).FirstAsync()));

        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await row.GetByRole(AriaRole.Button, new() { Name = "删除规则 " + name }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("已删除");
        await Expect(page.Locator("#rules tbody tr", new() { HasText = name })).ToHaveCountAsync(0);
        var actions = await store.Store.QueryAsync(db => db.AuditLog.Where(a => a.Action.StartsWith("oa.rule.")).Select(a => a.Action).ToListAsync());
        Assert.Contains("oa.rule.create", actions);
        Assert.Contains("oa.rule.update", actions);
        Assert.Contains("oa.rule.delete", actions);
    }

    private async Task SignInAsync(IPage page)
    {
        await page.GotoAsync(store.Url("/admin/login"));
        await page.GetByLabel("用户名").FillAsync("admin");
        await page.GetByLabel("密码").FillAsync(MallAppFactory.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/admin$"));
    }
}
