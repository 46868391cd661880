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
}
