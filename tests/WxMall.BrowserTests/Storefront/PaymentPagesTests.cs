using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using WxMall.BrowserTests.Infrastructure;
using WxMall.Ordering;
using WxMall.Payments;
using static Microsoft.Playwright.Assertions;

namespace WxMall.BrowserTests.Storefront;

/// <summary>
/// Each way to pay, through the real pages: a Native QR code on a desktop paid by scanning it with the emulator's phone,
/// H5 pay in a phone browser that is not WeChat (cancelled once, then paid), and WeChat Pay failing to take the order.
/// </summary>
public sealed class PaymentPagesTests(StoreFixture store, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_desktop_shopper_buys_a_laptop_and_pays_the_QR_code_by_scanning_it_with_the_phone()
    {
        var page = await browser.NewDesktopPageAsync(BrowserFixture.DesktopChrome);
        Assert.Equal(1280, page.ViewportSize!.Width);

        // Browse: the laptop category, an in-stock laptop, an in-stock SKU of it.
        await page.GotoAsync(store.Url("/"));
        await page.Locator(".cats a", new() { HasText = "笔记本" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "笔记本", Exact = true })).ToBeVisibleAsync();
        await page.Locator(".grid .card", new() { HasNotText = "暂时缺货" }).First.ClickAsync();
        await Expect(page.Locator("#product-name")).ToBeVisibleAsync();
        if (await page.GetByRole(AriaRole.Button, new() { Name = "加入购物车" }).CountAsync() == 0)
        {
            await page.Locator(".skus label", new() { HasNotText = "缺货" }).First.Locator("input").CheckAsync();
        }

        var productName = (await page.Locator("#product-name").TextContentAsync())!;
        await page.GetByRole(AriaRole.Button, new() { Name = "加入购物车" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("已加入购物车");
        await Screenshots.SaveAsync(page, "60-desktop-product");

        // Cart, then checkout asks for an account: register one on the way.
        await page.GetByRole(AriaRole.Link, new() { Name = "去购物车结算" }).ClickAsync();
        await Expect(page.Locator("#cart-lines")).ToContainTextAsync(productName);
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("去结算") }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/login\\?returnUrl=%2Fcheckout"));
        await page.GetByRole(AriaRole.Link, new() { Name = "手机号注册" }).ClickAsync();
        await page.GetByLabel("手机号").FillAsync(WxMall.Tests.Infrastructure.Shopper.RandomPhone());
        await page.GetByLabel("密码（8 到 64 位）").FillAsync("desktop-pass-1");
        await page.GetByRole(AriaRole.Button, new() { Name = "注册并登录" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/checkout$"));
        await ShopperSteps.ChoosePickupAsync(page);
        var payable = (await page.Locator("#payable").TextContentAsync())!;
        await page.GetByRole(AriaRole.Button, new() { Name = "提交订单" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/orders/\\w+/pay\\?placed=true"));
        var number = (await page.Locator("#order-number").TextContentAsync())!.Trim();
        await Expect(page.Locator("#pay-amount")).ToHaveTextAsync(payable);

        // A desktop browser is offered the QR code first (and no in-WeChat payment).
        var methods = page.Locator("#pay-methods button");
        await Expect(methods).ToHaveTextAsync(["微信扫码支付", "手机浏览器微信支付"]);
        await Expect(methods.First).Not.ToHaveClassAsync(new Regex("secondary"));
        await Screenshots.SaveAsync(page, "61-desktop-pay-choose");
        await methods.First.ClickAsync();
        var qr = page.GetByRole(AriaRole.Img, new() { NameRegex = new Regex("微信支付二维码") });
        await Expect(qr).ToHaveJSPropertyAsync("complete", true);
        Assert.True(await qr.EvaluateAsync<int>("img => img.naturalWidth") > 0, "the QR code image loaded");
        var codeUrl = (await page.Locator("#code-url").TextContentAsync())!.Trim();
        Assert.StartsWith("weixin://wxpay/bizpayurl", codeUrl, StringComparison.Ordinal);
        await Screenshots.SaveAsync(page, "62-desktop-pay-qr");

        // The shopper scans it with WeChat on the phone and confirms on the payment sheet.
        var order = await store.Store.QueryAsync(db => db.Orders.Where(o => o.Number == number).Select(o => new { o.PayableFen }).FirstAsync());
        var (userId, _) = await store.NewWeChatUserAsync();
        var phone = await EmulatorPhone.OpenAsync(store, browser, userId);
        await phone.ScanAsync(codeUrl);
        await Expect(phone.Page.Locator("#sheetinfo")).ToContainTextAsync($"￥{order.PayableFen / 100m:0.00}");
        await Screenshots.SaveAsync(phone.Page, "63-phone-scanned-qr-sheet");
        Assert.Equal("支付成功", await phone.ConfirmPaymentAsync());

        // The desktop page notices by itself.
        await Expect(page.Locator("#result-title")).ToHaveTextAsync("支付成功", new() { Timeout = 30_000 });
        await Expect(page.Locator("#order-status")).ToHaveTextAsync("已支付");
        await Screenshots.SaveAsync(page, "64-desktop-paid");

        // Money: the store took exactly the payable amount through the Native attempt, as WeChat Pay recorded it.
        var paid = await store.Store.QueryAsync(db => db.Orders.Where(o => o.Number == number).Select(o => new { o.Status, o.PaidFen, o.PaymentTransactionId }).FirstAsync());
        Assert.Equal(OrderStatus.Paid, paid.Status);
        Assert.Equal(order.PayableFen, paid.PaidFen);
        var attempt = await store.Store.QueryAsync(db => db.PaymentAttempts.SingleAsync(a => a.OrderNumber == number && a.TransactionId != null));
        Assert.Equal(PaymentMode.Native, attempt.Mode);
        Assert.Equal(paid.PaymentTransactionId, attempt.TransactionId);
        var atWeChat = await ShopperSteps.EmulatorPayOrderAsync(store.Store, attempt.OutTradeNumber);
        Assert.Equal("SUCCESS", atWeChat.GetProperty("state").GetString());
        Assert.Equal(order.PayableFen, atWeChat.GetProperty("totalFen").GetInt64());

        // Stock: the reserved unit is sold once the payment's events are handled.
        await WxMall.Tests.Infrastructure.Eventually.TrueAsync(
            async () => await ShopperSteps.StockMovedByAsync(store.Store, number) == new WxMall.Tests.Infrastructure.StockCounters(-1, 0, 1),
            "the order's reserved unit is committed as sold");
    }

    [Fact]
    public async Task A_phone_browser_outside_WeChat_pays_with_H5_after_cancelling_once_and_is_told_what_to_do_next()
    {
        var (userId, _) = await store.NewWeChatUserAsync();
        var sku = await ShopperSteps.SkuInStockAsync(store.Store, "laptop", skip: 2);
        var page = await browser.NewPhonePageAsync(BrowserFixture.IPhoneSafari);
        await ShopperSteps.RegisterAsync(page, store.Store);
        await ShopperSteps.AddToCartAsync(page, store.Store, sku);
        var number = await ShopperSteps.PlacePickupOrderAsync(page, store.Store);

        // Safari on an iPhone is offered H5 pay first; without WeChat there is no in-WeChat payment.
        var methods = page.Locator("#pay-methods button");
        await Expect(methods).ToHaveTextAsync(["手机浏览器微信支付", "微信扫码支付"]);
        await Expect(methods.First).Not.ToHaveClassAsync(new Regex("secondary"));
        await Screenshots.SaveAsync(page, "65-h5-pay-choose");

        // The store sends the browser to WeChat Pay's H5 page, which will send it back to the result page.
        var resultUrl = store.Url($"/orders/{number}/pay/result");
        await methods.First.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("^" + Regex.Escape(store.Store.EmulatorUrl + "h5pay/checkmweb?")));
        Assert.Equal(resultUrl, System.Web.HttpUtility.ParseQueryString(new Uri(page.Url).Query)["redirect_url"]);
        await Expect(page.GetByText($"￥{await PayableAsync(number) / 100m:0.00}")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "66-h5-wechat-page");

        // Cancelled: back on the result page, which says the payment has not arrived and how to pay again.
        await page.Locator("#cancel").ClickAsync();
        await Expect(page).ToHaveURLAsync(resultUrl);
        await Expect(page.Locator("#result-title")).ToHaveTextAsync("等待支付结果");
        await Expect(page.Locator("#pay-state")).ToHaveTextAsync("尚未收到支付结果。如已付款请稍候，页面会自动刷新；未付款可重新发起支付");
        await Screenshots.SaveAsync(page, "67-h5-cancelled-result");
        Assert.Equal(OrderStatus.AwaitingPayment, await WxMall.Tests.Infrastructure.StoreData.OrderStatusAsync(store.Store, number));

        // Pay again, this time confirming.
        await page.GetByRole(AriaRole.Link, new() { Name = "重新发起支付" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "手机浏览器微信支付" }).ClickAsync();
        await Expect(page.Locator($"#user option[value='{userId}']")).ToHaveCountAsync(1);
        await page.Locator("#user").SelectOptionAsync(userId);
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await page.Locator("#pay").ClickAsync();
        await Expect(page).ToHaveURLAsync(resultUrl);
        await Expect(page.Locator("#result-title")).ToHaveTextAsync("支付成功", new() { Timeout = 30_000 });
        await Expect(page.Locator("#pay-state")).ToHaveTextAsync("支付成功，我们会尽快为您发货");
        await Screenshots.SaveAsync(page, "68-h5-paid");

        var attempt = await store.Store.QueryAsync(db => db.PaymentAttempts.SingleAsync(a => a.OrderNumber == number && a.TransactionId != null));
        Assert.Equal(PaymentMode.H5, attempt.Mode);
        Assert.Equal(await PayableAsync(number), await store.Store.QueryAsync(db => db.Orders.Where(o => o.Number == number).Select(o => o.PaidFen).FirstAsync()));
        var atWeChat = await ShopperSteps.EmulatorPayOrderAsync(store.Store, attempt.OutTradeNumber);
        Assert.Equal("MWEB", atWeChat.GetProperty("tradeType").GetString());
        Assert.Equal("SUCCESS", atWeChat.GetProperty("state").GetString());
    }

    [Fact]
    public async Task When_WeChat_Pay_cannot_take_the_order_the_page_says_to_retry_or_pay_another_way_and_the_retry_works()
    {
        var sku = await ShopperSteps.SkuInStockAsync(store.Store, "laptop", skip: 4);
        var page = await browser.NewDesktopPageAsync(BrowserFixture.DesktopChrome);
        await ShopperSteps.RegisterAsync(page, store.Store);
        await ShopperSteps.AddToCartAsync(page, store.Store, sku);
        var number = await ShopperSteps.PlacePickupOrderAsync(page, store.Store);

        using var emulator = store.Store.EmulatorClient();
        var fault = await emulator.PostAsJsonAsync("/emulator/faults", new { pathPrefix = "/v3/pay/transactions/native", payCode = "SYSTEM_ERROR", httpStatus = 500 });
        fault.EnsureSuccessStatusCode();
        try
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "微信扫码支付" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("微信支付暂时无法下单（SYSTEM_ERROR），请稍后重试，或换一种支付方式", new() { Timeout = 30_000 });
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "手机浏览器微信支付" })).ToBeVisibleAsync();
            await Screenshots.SaveAsync(page, "69-pay-wechat-failed");
        }
        finally
        {
            (await emulator.DeleteAsync("/emulator/faults")).EnsureSuccessStatusCode();
        }

        Assert.Equal(OrderStatus.AwaitingPayment, await WxMall.Tests.Infrastructure.StoreData.OrderStatusAsync(store.Store, number));
        await page.GetByRole(AriaRole.Button, new() { Name = "微信扫码支付" }).ClickAsync();
        await Expect(page.Locator("#code-url")).ToContainTextAsync("weixin://wxpay/bizpayurl");
    }

    private Task<long> PayableAsync(string number) =>
        store.Store.QueryAsync(db => db.Orders.Where(o => o.Number == number).Select(o => o.PayableFen).FirstAsync());
}
