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
/// An agent answers a shopper from the workspace page while the shopper watches the chat in the emulator's phone:
/// the waiting conversation, the shopper's messages and the reply all appear without a reload on either side.
/// </summary>
public sealed class AgentWorkspaceTests(StoreFixture store, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Agent_takes_a_waiting_conversation_and_the_reply_reaches_the_shoppers_phone_without_reloads()
    {
        var agentName = await NewAgentAsync();
        var (userId, _) = await store.NewWeChatUserAsync();
        using var emulator = store.Store.EmulatorClient();
        var openId = (await emulator.GetFromJsonAsync<JsonElement>($"/emulator/users/{userId}")).GetProperty("officialAccountOpenId").GetString()!;
        var shopper = WxMall.CustomerService.AgentWorkspace.MaskOpenId(openId);

        // The agent has the workspace open (offline: conversations wait in the queue for someone to take them).
        var agent = await browser.NewPhonePageAsync();
        await SignInAsync(agent, agentName);
        await agent.GotoAsync(store.Url("/admin/service"));
        await Expect(agent.Locator("#workspace")).ToHaveAttributeAsync("data-live", "connected");
        await MarkAsync(agent);

        // The shopper asks for a human in the chat; the conversation turns up in the agent's queue by itself.
        var phone = await EmulatorPhone.OpenAsync(store, browser, userId);
        await MarkAsync(phone.Page);
        await phone.SendAsync("转人工");
        await Expect(phone.Chat).ToContainTextAsync("转接人工客服", new() { Timeout = 30_000 });
        var queued = agent.Locator("#queue li", new() { HasText = shopper });
        await Expect(queued).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        await AssertNotReloadedAsync(agent);
        await Screenshots.SaveAsync(agent, "40-agent-queue");

        // The agent opens it: the whole history, the bot's answer included.
        await queued.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(agent).ToHaveURLAsync(new Regex(@"/admin/service\?id=\d+$"));
        var turns = agent.Locator("#turns");
        await Expect(turns.Locator(".turn.shopper")).ToContainTextAsync(["转人工"]);
        await Expect(turns.Locator(".turn.bot, .turn.store")).Not.ToHaveCountAsync(0);
        await Expect(agent.Locator("#workspace")).ToHaveAttributeAsync("data-live", "connected");
        await MarkAsync(agent);
        await AccessibilityCheck.AssertPassesAsync(agent);

        // The shopper writes again: the message appears in the open conversation without a reload.
        await phone.SendAsync("请问拯救者有现货吗？");
        await Expect(turns.Locator(".turn.shopper", new() { HasText = "请问拯救者有现货吗？" })).ToHaveCountAsync(1, new() { Timeout = 30_000 });

        // An empty reply is refused next to the box; a real one goes out and shows on both sides.
        await agent.GetByRole(AriaRole.Button, new() { Name = "发送回复" }).ClickAsync();
        await Expect(agent.Locator("#reply-error")).ToContainTextAsync("回复内容不能为空");
        await agent.GetByLabel("回复内容").FillAsync("您好，我是客服小李，拯救者 Y9000P 有现货，今天下单明天发货。");
        await agent.GetByRole(AriaRole.Button, new() { Name = "发送回复" }).ClickAsync();
        await Expect(turns.Locator(".turn.agent", new() { HasText = "我是客服小李" })).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        await Expect(agent.GetByLabel("回复内容")).ToHaveValueAsync("");
        await Expect(phone.Chat.Locator(".row", new() { HasText = "我是客服小李" })).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        await Expect(agent.Locator("#mine li", new() { HasText = shopper })).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        await Expect(agent.Locator("#claim-form")).ToBeHiddenAsync(new() { Timeout = 30_000 });
        await AssertNotReloadedAsync(agent);
        await AssertNotReloadedAsync(phone.Page);
        await Screenshots.SaveAsync(agent, "41-agent-conversation");
        await Screenshots.SaveAsync(phone.Page, "42-shopper-phone-agent-reply");

        // Two days later WeChat no longer takes customer-service messages to this shopper: the page says so, in Chinese.
        var conversationId = long.Parse(new Uri(agent.Url).Query.Split('=')[1], System.Globalization.CultureInfo.InvariantCulture);
        await store.Store.QueryAsync(db => db.Conversations.Where(c => c.Id == conversationId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.LastShopperMessageAt, DateTimeOffset.UtcNow.AddHours(-49))));
        await Expect(agent.Locator("#window-closed")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await agent.GetByLabel("回复内容").FillAsync("还在吗？");
        await agent.GetByRole(AriaRole.Button, new() { Name = "发送回复" }).ClickAsync();
        await Expect(agent.Locator("#reply-error")).ToContainTextAsync("已超过微信 48 小时客服消息窗口");
        await Expect(turns.Locator(".turn.agent", new() { HasText = "还在吗？" })).ToHaveCountAsync(0);
        await AccessibilityCheck.AssertPassesAsync(agent);

        // Close with a resolution code.
        agent.Dialog += (_, dialog) => dialog.AcceptAsync();
        await agent.GetByLabel("结案代码").SelectOptionAsync("resolved");
        await agent.GetByRole(AriaRole.Button, new() { Name = "结案" }).ClickAsync();
        await Expect(agent.GetByRole(AriaRole.Status)).ToContainTextAsync("已结案（已解决）");
        await Expect(agent.Locator("#conversation-status")).ToHaveTextAsync("已结案");
        await Expect(agent.GetByRole(AriaRole.Button, new() { Name = "发送回复" })).ToHaveCountAsync(0);

        var actions = await store.Store.QueryAsync(db => db.AuditLog.Where(a => a.Actor == agentName).Select(a => a.Action).ToListAsync());
        Assert.Contains("cs.reply", actions);
        Assert.Contains("cs.close", actions);
    }

    private async Task<string> NewAgentAsync()
    {
        using var admin = await store.StaffClientAsync();
        var userName = "agent" + Guid.NewGuid().ToString("N")[..8];
        var created = await admin.PostAsJsonAsync("/api/admin/staff", new { userName, password = "agent-password-1", displayName = "客服小李", role = "agent" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return userName;
    }

    private async Task SignInAsync(IPage page, string userName)
    {
        await page.GotoAsync(store.Url("/admin/login"));
        await page.GetByLabel("用户名").FillAsync(userName);
        await page.GetByLabel("密码").FillAsync("agent-password-1");
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/admin$"));
    }

    /// <summary>A marker in the page's window: a reload (or a navigation) would lose it.</summary>
    private static async Task MarkAsync(IPage page) => await page.EvaluateAsync("() => { window.__notReloaded = true; }");

    private static async Task AssertNotReloadedAsync(IPage page) =>
        Assert.True(await page.EvaluateAsync<bool>("() => window.__notReloaded === true"), $"{page.Url} was reloaded");
}
