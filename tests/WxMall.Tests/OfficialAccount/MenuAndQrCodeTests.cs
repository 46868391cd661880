using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WxMall.Tests.CustomerService;
using WxMall.Tests.Infrastructure;

namespace WxMall.Tests.OfficialAccount;

/// <summary>Menus, campaign short links and parametric QR codes, with the emulator's phone tapping and scanning.</summary>
public sealed class MenuAndQrCodeTests(WeChatSandboxFactory app) : IClassFixture<WeChatSandboxFactory>
{
    [Fact]
    public async Task A_published_menu_sends_the_shopper_through_a_campaign_short_link_and_click_keys_answer()
    {
        using var emulator = app.EmulatorClient();
        using var staff = await app.StaffAsync();
        await staff.PostAsJsonAsync("/api/admin/official-account/rules", new { name = "我的订单菜单", trigger = "MenuClick", pattern = "MY_ORDERS", priority = 1, replyKind = "Text", replyText = "点这里查看订单：http://store/orders" });
        var saved = await staff.PutAsJsonAsync("/api/admin/official-account/menu", new
        {
            buttons = new object[]
            {
                new { name = "游戏本", type = "view", storePath = "/search?q=游戏本", campaign = "menu-gaming" },
                new { name = "服务", subButtons = new object[] { new { name = "我的订单", type = "click", key = "MY_ORDERS" } } },
            },
        });
        Assert.True(saved.IsSuccessStatusCode, await saved.Content.ReadAsStringAsync());
        var published = await staff.PostAsync("/api/admin/official-account/menu/publish", null);
        Assert.True(published.IsSuccessStatusCode, await published.Content.ReadAsStringAsync());

        var menu = await emulator.GetFromJsonAsync<JsonElement>("/emulator/menu");
        var shortUrl = menu[0].GetProperty("url").GetString()!;
        Assert.StartsWith(app.StoreUrl + "s/", shortUrl, StringComparison.Ordinal);
        var user = await HumanAgentTests.NewUserAsync(emulator, "菜单用户");
        await emulator.PostAsJsonAsync($"/emulator/users/{user}/menu", new { url = shortUrl });
        await emulator.PostAsJsonAsync($"/emulator/users/{user}/menu", new { key = "MY_ORDERS" });
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var opened = await browser.GetAsync(shortUrl);

        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.Equal(app.StoreUrl + "search?q=游戏本&campaign=menu-gaming", Uri.UnescapeDataString(opened.Headers.Location!.ToString()));
        var links = await staff.GetFromJsonAsync<JsonElement>("/api/admin/official-account/short-links");
        Assert.Contains(links.EnumerateArray(), l => l.GetProperty("campaign").GetString() == "menu-gaming" && l.GetProperty("clicks").GetInt32() == 1);
        var chat = await HumanAgentTests.ConversationAsync(emulator, user);
        Assert.Contains(chat, e => e.Kind == "passive_reply" && e.Summary.Contains("点这里查看订单", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_menu_that_breaks_wechats_rules_is_refused_with_what_to_fix()
    {
        using var staff = await app.StaffAsync();

        var tooMany = await staff.PutAsJsonAsync("/api/admin/official-account/menu", new
        {
            buttons = Enumerable.Range(1, 4).Select(i => new { name = "按钮" + i, type = "click", key = "K" + i }).ToArray(),
        });
        var longName = await staff.PutAsJsonAsync("/api/admin/official-account/menu", new
        {
            buttons = new object[] { new { name = "这是一个非常长的菜单名称", type = "click", key = "K" } },
        });
        var noCampaign = await staff.PutAsJsonAsync("/api/admin/official-account/menu", new
        {
            buttons = new object[] { new { name = "商城", type = "view", storePath = "/" } },
        });

        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Contains("1 到 3 个", await tooMany.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, longName.StatusCode);
        Assert.Contains("16 字节", await longName.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, noCampaign.StatusCode);
        Assert.Contains("campaign", await noCampaign.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scanning_a_store_qr_code_follows_records_the_scene_and_starts_in_store_pickup()
    {
        using var emulator = app.EmulatorClient();
        using var staff = await app.StaffAsync();
        var created = await staff.PostAsJsonAsync("/api/admin/official-account/qr-codes", new { kind = "PickupStore", name = "中关村店柜台", pickupStore = "bj-zgc" });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var qr = await created.Content.ReadFromJsonAsync<JsonElement>();
        var newcomer = (await (await emulator.PostAsJsonAsync("/emulator/users", new { nickname = "到店顾客", follow = false })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("userId").GetString()!;
        var follower = await HumanAgentTests.NewUserAsync(emulator, "老顾客");

        await emulator.PostAsJsonAsync($"/emulator/users/{newcomer}/scan", new { code = qr.GetProperty("url").GetString() });
        await emulator.PostAsJsonAsync($"/emulator/users/{follower}/scan", new { code = qr.GetProperty("url").GetString() });

        foreach (var user in new[] { newcomer, follower })
        {
            var chat = await HumanAgentTests.ConversationAsync(emulator, user);
            Assert.Contains(chat, e => e.Kind == "passive_reply" && e.Summary.Contains("?pickup=bj-zgc", StringComparison.Ordinal));
        }

        var newcomerChat = await HumanAgentTests.ConversationAsync(emulator, newcomer);
        Assert.Contains(newcomerChat, e => e.Kind == "passive_reply" && e.Summary.Contains("欢迎关注", StringComparison.Ordinal));
        var scans = await app.QueryAsync(db => db.QrScans.Where(s => s.Scene == "store_bj-zgc").Select(s => s.NewFollower).ToListAsync());
        Assert.Equal([false, true], scans.Order());
        var listed = await staff.GetFromJsonAsync<JsonElement>("/api/admin/official-account/qr-codes");
        Assert.Contains(listed.EnumerateArray(), q => q.GetProperty("scene").GetString() == "store_bj-zgc" && q.GetProperty("scans").GetInt32() == 2 && q.GetProperty("imageUrl").GetString()!.Contains("showqrcode", StringComparison.Ordinal));
    }
}
