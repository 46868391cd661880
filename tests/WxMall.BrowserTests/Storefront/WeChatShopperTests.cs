using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using WxMall.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace WxMall.BrowserTests.Storefront;

/// <summary>
/// The store "inside WeChat" (the emulator's phone opens store links with <c>emulator_user</c>): JS-SDK configured with a
/// real signature, a share card on the product page, one-tap WeChat login, JSAPI payment on the payment sheet, and
/// linking an existing phone account.
/// </summary>
public sealed class WeChatShopperTests(StoreFixture store, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_WeChat_user_logs_in_with_one_tap_pays_with_JSAPI_on_the_sheet_and_links_a_phone_account()
    {
        var (userId, nickname) = await store.NewWeChatUserAsync();
        var (sku, _) = await WxMall.Tests.Infrastructure.StoreData.SkuWithStockAsync(store.Store, minimumStock: 20, skip: 11);
        var product = await store.Store.QueryAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions
            .FirstAsync(db.Skus.Where(s => s.Code == sku).Select(s => s.Product.Code)));
        var page = await browser.NewPhonePageAsync();

        // Opened from the official account: the JS-SDK is configured and the product sets its share card.
        await page.GotoAsync(store.Url($"/p/{product}?sku={sku}&emulator_user={Uri.EscapeDataString(userId)}"));
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-wx", "ok");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-wx-share", store.Url($"/p/{product}"));
        await page.GetByRole(AriaRole.Button, new() { Name = "加入购物车" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("已加入购物车");

        // Checkout asks for a login: one tap with WeChat (the emulator's consent page stands in for WeChat's).
        await page.GotoAsync(store.Url("/checkout"));
        await Expect(page).ToHaveURLAsync(new Regex("/login"));
        await page.GetByRole(AriaRole.Link, new() { Name = "微信一键登录" }).ClickAsync();
        var pick = page.GetByRole(AriaRole.Link, new() { Name = nickname });
        if (await pick.CountAsync() > 0)
        {
            await pick.ClickAsync();
        }

        await page.Locator("#allow").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/checkout$"));
        await page.GetByLabel("门店自提（免运费）").CheckAsync();
        await Expect(page.Locator("#checkout")).ToHaveAttributeAsync("data-delivery", "pickup");
        await page.GetByRole(AriaRole.Button, new() { Name = "提交订单" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/pay\\?placed=true"));
        var number = (await page.Locator("#order-number").TextContentAsync())!;

        // Inside WeChat the first choice is JSAPI: the payment sheet opens, the shopper confirms, the page moves on.
        await page.GetByRole(AriaRole.Button, new() { Name = "微信支付", Exact = true }).ClickAsync();
        await page.Locator("#wxemu-pay").ClickAsync();
        await Expect(page.Locator("#result-title")).ToHaveTextAsync("支付成功", new() { Timeout = 30_000 });
        await Screenshots.SaveAsync(page, "15-wechat-jsapi-paid");
        Assert.Equal(WxMall.Ordering.OrderStatus.Paid, await WxMall.Tests.Infrastructure.StoreData.OrderStatusAsync(store.Store, number));

        // The member made by WeChat login has no password: link the phone account registered earlier elsewhere
        // (once the paid order's points have arrived: the store refuses to merge while they are on their way).
        await WxMall.Tests.Infrastructure.Eventually.TrueAsync(
            () => store.Store.QueryAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions
                .AnyAsync(db.PointsEntries.Where(p => p.OrderNumber == number))),
            "the order's points are awarded");
        using var phoneShopper = store.NewShopper();
        await phoneShopper.RegisterAsync(password: "phone-pass-1");
        await page.GotoAsync(store.Url("/me"));
        await page.GetByLabel("商城账号手机号").FillAsync(phoneShopper.Phone);
        await page.GetByLabel("商城账号密码").FillAsync("wrong-pass");
        await page.GetByRole(AriaRole.Button, new() { Name = "绑定" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("手机号或密码不正确");
        await page.GetByLabel("商城账号密码").FillAsync("phone-pass-1");
        await page.GetByRole(AriaRole.Button, new() { Name = "绑定" }).ClickAsync();
        if (await page.GetByRole(AriaRole.Button, new() { Name = "确认合并账号" }).CountAsync() > 0)
        {
            // The WeChat member already holds an order: merging is a second, explicit step.
            await page.GetByLabel("商城账号密码").FillAsync("phone-pass-1");
            await page.GetByRole(AriaRole.Button, new() { Name = "确认合并账号" }).ClickAsync();
        }

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync(new Regex("已绑定商城账号|已合并到商城账号"));
        await Expect(page.Locator("#member")).ToContainTextAsync(phoneShopper.Phone[..3] + "****" + phoneShopper.Phone[^4..]);
        await page.GotoAsync(store.Url("/orders"));
        await Expect(page.GetByText("订单号 " + number)).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "16-wechat-linked-orders");
    }

    [Fact]
    public async Task A_follower_taps_the_menu_shops_in_the_phone_pays_on_the_sheet_and_gets_the_template_message()
    {
        // The official account's menu: a store page behind a campaign short link (published the way the console does).
        var campaign = "journey-" + Guid.NewGuid().ToString("N")[..6];
        using (var admin = await store.StaffClientAsync())
        {
            var saved = await admin.PutAsJsonAsync("/api/admin/official-account/menu", new
            {
                buttons = new object[] { new { name = "逛商城", type = "view", storePath = "/search?q=笔记本", campaign }, new { name = "客服", type = "click", key = "CONTACT_AGENT" } },
            });
            Assert.True(saved.IsSuccessStatusCode, await saved.Content.ReadAsStringAsync());
            var published = await admin.PostAsync("/api/admin/official-account/menu/publish", null);
            Assert.True(published.IsSuccessStatusCode, await published.Content.ReadAsStringAsync());
        }

        using var emulator = store.Store.EmulatorClient();
        var nickname = "菜单买家" + Guid.NewGuid().ToString("N")[..6];
        var created = await emulator.PostAsJsonAsync("/emulator/users", new { nickname });
        created.EnsureSuccessStatusCode();
        var userId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("userId").GetString()!;

        // Follow the account: the greeting arrives in the chat.
        var phone = await EmulatorPhone.OpenAsync(store, browser, userId);
        await phone.Page.Locator("#follow").ClickAsync();
        await Expect(phone.Chat).ToContainTextAsync("欢迎关注", new() { Timeout = 30_000 });
        await Expect(phone.Page.Locator("#follow")).ToHaveTextAsync("取消关注");

        // Tap the menu: the short link opens the store inside WeChat.
        await phone.Menu.Locator(":scope > div", new() { HasText = "逛商城" }).ClickAsync();
        var web = phone.Web;
        await Expect(web.Locator("#result-count")).ToContainTextAsync("共", new() { Timeout = 30_000 });
        await Screenshots.SaveAsync(phone.Page, "50-phone-menu-opens-store");

        // Search, pick a gaming laptop, add it to the cart.
        await web.GetByLabel("搜索商品").FillAsync("游戏本");
        await web.GetByLabel("搜索商品").PressAsync("Enter");
        await Expect(web.GetByRole(AriaRole.Heading, new() { Name = "“游戏本”的搜索结果" })).ToBeVisibleAsync();
        await web.Locator(".grid .card").First.ClickAsync();
        await Expect(web.Locator("#product-name")).ToBeVisibleAsync();
        if (await web.GetByRole(AriaRole.Button, new() { Name = "加入购物车" }).CountAsync() == 0)
        {
            await web.Locator(".skus label", new() { HasNotText = "缺货" }).First.Locator("input").CheckAsync();
        }

        await web.GetByRole(AriaRole.Button, new() { Name = "加入购物车" }).ClickAsync();
        await Expect(web.GetByRole(AriaRole.Status)).ToContainTextAsync("已加入购物车");

        // Check out: log in with WeChat on the way (the emulator's consent page stands in for WeChat's).
        await web.GetByRole(AriaRole.Link, new() { Name = "去购物车结算" }).ClickAsync();
        await web.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("去结算") }).ClickAsync();
        await web.GetByRole(AriaRole.Link, new() { Name = "微信一键登录" }).ClickAsync();
        var allow = web.Locator("#allow");
        var pick = web.GetByRole(AriaRole.Link, new() { Name = nickname });
        await Expect(allow.Or(pick)).ToBeVisibleAsync();
        if (await pick.CountAsync() > 0)
        {
            await pick.ClickAsync();
        }

        await allow.ClickAsync();
        await web.GetByLabel("门店自提（免运费）").CheckAsync();
        await Expect(web.Locator("#checkout")).ToHaveAttributeAsync("data-delivery", "pickup");
        await web.GetByRole(AriaRole.Button, new() { Name = "提交订单" }).ClickAsync();
        var number = (await web.Locator("#order-number").TextContentAsync())!.Trim();

        // Pay on the phone's payment sheet.
        await web.GetByRole(AriaRole.Button, new() { Name = "微信支付", Exact = true }).ClickAsync();
        await Expect(phone.Page.Locator("#sheet")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Screenshots.SaveAsync(phone.Page, "51-phone-payment-sheet");
        await phone.Page.Locator("#confirm").ClickAsync();
        await Expect(web.Locator("#result-title")).ToHaveTextAsync("支付成功", new() { Timeout = 60_000 });
        Assert.Equal(WxMall.Ordering.OrderStatus.Paid, await WxMall.Tests.Infrastructure.StoreData.OrderStatusAsync(store.Store, number));

        // Back in the chat: the "payment succeeded" template message for this order.
        await phone.Page.Locator("#close").ClickAsync();
        var notice = phone.Chat.Locator(".card", new() { HasText = number }).Filter(new() { HasText = "订单支付成功" });
        await Expect(notice.First).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Screenshots.SaveAsync(phone.Page, "52-phone-template-message");

        // The menu tap was counted against its campaign.
        Assert.True(await store.Store.QueryAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions
            .AnyAsync(db.ShortLinkClicks.Where(c => c.Campaign == campaign))), "the short link records the tap");
    }
}
