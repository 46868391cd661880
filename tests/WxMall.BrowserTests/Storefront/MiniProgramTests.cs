using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using WxMall.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace WxMall.BrowserTests.Storefront;

/// <summary>
/// The store inside the mini-program: the emulator's phone runs the repository's <c>miniprogram/</c> package (its
/// app.js logs in with wx.login, its first page is a web-view on the H5 store), and a web-view cannot pay, so the pay
/// page hands the order to the package's native pay page, which calls wx.requestPayment and goes back.
/// </summary>
public sealed class MiniProgramTests(StoreFixture store, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_shopper_buys_in_the_mini_program_web_view_and_pays_in_its_native_pay_page()
    {
        var (userId, nickname) = await store.NewWeChatUserAsync();
        var (sku, _) = await WxMall.Tests.Infrastructure.StoreData.SkuWithStockAsync(store.Store, minimumStock: 20, skip: 13);
        var product = await store.Store.QueryAsync(db => db.Skus.Where(s => s.Code == sku).Select(s => s.Product.Name).FirstAsync());
        var phone = await EmulatorPhone.OpenAsync(store, browser, userId);

        // Opening the mini-program: app.js logs in (wx.login → the store's mini-program login), the web-view shows the store.
        await phone.Page.Locator("#openmini").ClickAsync();
        var log = phone.Page.Locator("#minilog");
        await Expect(log).ToContainTextAsync("/api/wechat/miniprogram/login");
        await Expect(log).ToContainTextAsync("→ 200");
        var web = phone.Page.FrameLocator("#miniframe");
        await Expect(web.GetByRole(AriaRole.Heading, new() { Name = "精选推荐" })).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(phone.Page.Locator("#mininame")).ToHaveTextAsync("WxMall 电脑商城");
        await Screenshots.SaveAsync(phone.Page, "60-mini-program-home");

        // Shop inside the web-view: search, add the product, check out (the web-view signs in with WeChat as H5 does).
        await web.GetByLabel("搜索商品").FillAsync(product);
        await web.GetByLabel("搜索商品").PressAsync("Enter");
        await web.Locator(".grid .card", new() { HasText = product }).First.ClickAsync();
        await web.Locator($"input[name=Sku][value='{sku}']").CheckAsync();
        await web.GetByRole(AriaRole.Button, new() { Name = "加入购物车" }).ClickAsync();
        await Expect(web.GetByRole(AriaRole.Status)).ToContainTextAsync("已加入购物车");
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

        // The web-view knows it is in the mini-program: one button that hands the payment to the native page.
        await Expect(web.Locator("#pay-methods")).ToBeHiddenAsync();
        var payButton = web.Locator("#mini-pay-button");
        await Expect(payButton).ToBeVisibleAsync();
        await Screenshots.SaveAsync(phone.Page, "61-mini-program-pay-page");

        // First the shopper closes the payment sheet: back in the web-view, still unpaid, free to try again.
        await payButton.ClickAsync();
        await Expect(phone.Page.Locator("#minipage")).ToHaveAttributeAsync("data-route", "pages/pay/index");
        await Expect(phone.Page.Locator("#mininame")).ToHaveTextAsync("微信支付");
        await Expect(phone.Page.Locator("#sheet")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await phone.Page.Locator("#cancel").ClickAsync();
        await Expect(phone.Page.Locator("#miniframe")).ToBeVisibleAsync();
        await Expect(payButton).ToBeVisibleAsync();
        Assert.Equal(WxMall.Ordering.OrderStatus.AwaitingPayment, await WxMall.Tests.Infrastructure.StoreData.OrderStatusAsync(store.Store, number));

        // Then pays: the native page goes back and the web-view moves on to the result by itself.
        await payButton.ClickAsync();
        await Expect(phone.Page.Locator("#sheet")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Screenshots.SaveAsync(phone.Page, "62-mini-program-payment-sheet");
        await phone.Page.Locator("#confirm").ClickAsync();
        await Expect(web.Locator("#result-title")).ToHaveTextAsync("支付成功", new() { Timeout = 60_000 });
        await Expect(phone.Page.Locator("#miniback")).ToBeHiddenAsync();
        await Screenshots.SaveAsync(phone.Page, "63-mini-program-paid");

        // Paid through the mini-program: its app id and the user's mini-program openid, for the order's amount.
        using var emulator = store.Store.EmulatorClient();
        var accounts = await emulator.GetFromJsonAsync<JsonElement>("/emulator/accounts");
        var miniProgramAppId = accounts.GetProperty("miniProgram").GetProperty("appId").GetString();
        var paid = await store.Store.QueryAsync(db => db.PaymentAttempts.Where(a => a.OrderNumber == number && a.PaidAt != null)
            .Select(a => new { a.AppId, a.PayerOpenId, a.AmountFen, a.Mode }).SingleAsync());
        var order = await store.Store.QueryAsync(db => db.Orders.Where(o => o.Number == number).Select(o => new { o.Status, o.PayableFen, o.MemberId }).SingleAsync());
        var miniProgramOpenId = await store.Store.QueryAsync(db => db.WeChatIdentities
            .Where(i => i.MemberId == order.MemberId && i.AppId == miniProgramAppId).Select(i => i.OpenId).SingleAsync());
        Assert.Equal(WxMall.Ordering.OrderStatus.Paid, order.Status);
        Assert.Equal(miniProgramAppId, paid.AppId);
        Assert.Equal(miniProgramOpenId, paid.PayerOpenId);
        Assert.Equal(order.PayableFen, paid.AmountFen);
        Assert.Equal(WxMall.Payments.PaymentMode.Jsapi, paid.Mode);

        // Opened again for the paid order (a second tap, an old link), the pay page says why in a dialog and goes back.
        await phone.Page.EvaluateAsync("url => miniWx.navigateTo({ url: url })", "/pages/pay/index?order=" + number);
        await Expect(phone.Page.Locator("#minimodal")).ToBeVisibleAsync();
        await Expect(phone.Page.Locator("#minimodaltitle")).ToHaveTextAsync("支付未完成");
        await Expect(phone.Page.Locator("#minimodaltext")).ToContainTextAsync("无需再支付");
        await Expect(phone.Page.Locator("#minipage")).ToContainTextAsync("无需再支付");
        await phone.Page.Locator("#minimodalok").ClickAsync();
        await Expect(phone.Page.Locator("#miniframe")).ToBeVisibleAsync();
        await Expect(web.Locator("#result-title")).ToHaveTextAsync("支付成功");
        Assert.Equal(1, await store.Store.QueryAsync(db => db.PaymentAttempts.CountAsync(a => a.OrderNumber == number && a.PaidAt != null)));
    }
}
