using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using WxMall.BrowserTests.Infrastructure;
using WxMall.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace WxMall.BrowserTests.Storefront;

/// <summary>
/// The customer-service entry: who is on duty now, the common questions answered by the same keyword rules as the chat,
/// the way into the official account's chat (its QR code on a desktop, back to the chat inside WeChat).
/// </summary>
public sealed class CustomerServicePageTests(StoreFixture store, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_desktop_shopper_reads_the_answer_scans_the_code_and_the_chat_gives_the_same_answer()
    {
        var keyword = "保修查询" + Guid.NewGuid().ToString("N")[..4];
        const string answer = "整机保修 2 年，凭订单号到任一门店或在公众号发送“人工”办理。";
        using (var admin = await store.StaffClientAsync())
        {
            var created = await admin.PostAsJsonAsync("/api/admin/official-account/rules",
                new { name = "保修问答", trigger = "Exact", pattern = keyword, priority = 100_000, replyKind = "Text", replyText = answer });
            Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
            var lower = await admin.PostAsJsonAsync("/api/admin/official-account/rules",
                new { name = "保修问答（旧）", trigger = "Contains", pattern = keyword + "旧", priority = 99_999, replyKind = "Text", replyText = "旧的说明" });
            Assert.True(lower.IsSuccessStatusCode, await lower.Content.ReadAsStringAsync());
        }

        var page = await browser.NewDesktopPageAsync();
        var onlineBefore = await store.Store.QueryAsync(db => db.AgentPresence.CountAsync(p => p.Online));
        await page.GotoAsync(store.Url("/service"));
        var onlineAfter = await store.Store.QueryAsync(db => db.AgentPresence.CountAsync(p => p.Online));
        var status = (await page.Locator("#service-status").TextContentAsync())!.Trim();
        if (onlineBefore == onlineAfter)
        {
            Assert.StartsWith(onlineBefore > 0 ? $"人工客服在线 {onlineBefore} 位" : "人工客服暂不在线，智能客服 24 小时为您服务", status, StringComparison.Ordinal);
        }

        // The common questions are the chat's own keyword rules, highest priority first.
        var question = page.Locator("#questions dt").First;
        await Expect(question).ToHaveTextAsync($"在公众号发送“{keyword}”");
        await Expect(page.Locator("#questions dd").First).ToHaveTextAsync(answer);
        await Expect(page.Locator("#questions dt").Nth(1)).ToHaveTextAsync($"在公众号发送“{keyword}旧”");

        // Outside WeChat: the official account's customer-service QR code, a real image.
        var qr = page.GetByRole(AriaRole.Img, new() { Name = "公众号客服二维码：用微信扫一扫，关注后发送问题" });
        await Expect(qr).ToHaveJSPropertyAsync("complete", true);
        Assert.True(await qr.EvaluateAsync<int>("img => img.naturalWidth") > 0, "the QR code image loaded");
        await AccessibilityCheck.AssertPassesAsync(page);
        await Screenshots.SaveAsync(page, "70-service-desktop");

        // A WeChat user scans it: follows through the "service" channel, sends the keyword, gets the same answer.
        var url = await store.Store.QueryAsync(db => db.QrChannels.Where(q => q.Scene == "service").Select(q => q.Url).SingleAsync());
        using var emulator = store.Store.EmulatorClient();
        var user = (await (await emulator.PostAsJsonAsync("/emulator/users", new { nickname = "扫码咨询" })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("userId").GetString();
        (await emulator.PostAsJsonAsync($"/emulator/users/{user}/scan", new { code = url })).EnsureSuccessStatusCode();
        await Eventually.TrueAsync(
            () => store.Store.QueryAsync(db => db.QrScans.AnyAsync(s => s.Scene == "service" && s.NewFollower)),
            "the scan is counted as a new follower of the service channel");
        (await emulator.PostAsJsonAsync($"/emulator/users/{user}/messages", new { content = keyword })).EnsureSuccessStatusCode();
        await Eventually.TrueAsync(async () =>
        {
            var conversation = await emulator.GetStringAsync($"/emulator/users/{user}/conversation");
            return conversation.Contains(answer, StringComparison.Ordinal);
        }, "the chat answers with the rule shown on the page");
    }

    [Fact]
    public async Task Inside_WeChat_the_page_leads_back_to_the_official_account_chat()
    {
        var (userId, _) = await store.NewWeChatUserAsync();
        var phone = await EmulatorPhone.OpenAsync(store, browser, userId);

        // A link to the page in the chat opens it in WeChat's browser (the phone's web frame).
        await phone.Page.EvaluateAsync("url => openWeb(url)", store.Url("/service"));
        var web = phone.Web;
        await Expect(web.GetByRole(AriaRole.Heading, new() { Name = "联系客服" })).ToBeVisibleAsync();
        await Expect(web.Locator("#service-qr")).ToHaveCountAsync(0);
        await Screenshots.SaveAsync(phone.Page, "71-service-in-wechat");

        await web.GetByRole(AriaRole.Button, new() { Name = "返回公众号发消息" }).ClickAsync();
        await Expect(phone.Page.Locator("#web")).ToBeHiddenAsync();
        await Expect(phone.Page.Locator("#text")).ToBeVisibleAsync();
    }
}
