using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using WxMall.BrowserTests.Infrastructure;
using WxMall.Ordering;
using WxMall.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace WxMall.BrowserTests.Storefront;

/// <summary>
/// A QR code left unpaid until it expires. The code expires with the order's payment deadline, so this class runs a store
/// of its own whose unpaid orders cancel themselves after 30 seconds: the real timeout, scheduler and WeChat Pay expiry,
/// only shorter.
/// </summary>
public sealed class ExpiredPaymentTests(ExpiredPaymentTests.ShortTimeoutStore store, BrowserFixture browser)
    : IClassFixture<ExpiredPaymentTests.ShortTimeoutStore>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task An_expired_QR_code_takes_the_waiting_page_to_the_cancelled_order_which_says_to_order_again()
    {
        store.StartServer();
        var sku = await ShopperSteps.SkuInStockAsync(store, "laptop");
        var page = await browser.NewDesktopPageAsync(BrowserFixture.DesktopChrome);
        await ShopperSteps.RegisterAsync(page, store);
        await ShopperSteps.AddToCartAsync(page, store, sku);
        var number = await ShopperSteps.PlacePickupOrderAsync(page, store);
        await page.GetByRole(AriaRole.Button, new() { Name = "微信扫码支付" }).ClickAsync();
        var codeUrl = (await page.Locator("#code-url").TextContentAsync())!.Trim();
        await Expect(page.Locator("#pay-state")).ToHaveTextAsync("尚未收到支付结果。如已付款请稍候，页面会自动刷新；未付款可重新发起支付");

        // Nobody scans it: at the deadline the order cancels itself and the waiting page moves on by itself.
        await Expect(page.Locator("#result-title")).ToHaveTextAsync("已取消", new() { Timeout = 90_000 });
        await Expect(page.Locator("#pay-state")).ToHaveTextAsync("订单超时未支付，已自动取消，付款二维码已失效。如仍需购买，请重新下单；若您已付款，款项会原路退回，请留意微信支付通知");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "重新发起支付" })).ToHaveCountAsync(0);
        await Screenshots.SaveAsync(page, "70-qr-expired-order-cancelled");

        // Ordering again starts from the product that was in the order.
        await page.GetByRole(AriaRole.Link, new() { Name = "重新购买" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Uri(store.StoreUrl, $"/p/{await ProductOfAsync(sku)}?sku={sku}").ToString());
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "加入购物车" })).ToBeVisibleAsync();

        // The unit held for the order is back on sale, and the phone refuses the old code.
        Assert.Equal(OrderStatus.Cancelled, await store.OrderStatusAsync(number));
        Assert.Equal(new StockCounters(0, 0, 0), await ShopperSteps.StockMovedByAsync(store, number));
        using var emulator = store.EmulatorClient();
        var created = await emulator.PostAsJsonAsync("/emulator/users", new { nickname = "过期扫码买家" });
        var userId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("userId").GetString()!;
        var phone = await EmulatorPhone.OpenAsync(store, browser, userId);
        Assert.Equal("二维码已过期，请刷新后重试", await phone.ScanRefusedAsync(codeUrl));
        await Expect(phone.Page.Locator("#sheet")).ToBeHiddenAsync();
    }

    private Task<string> ProductOfAsync(string sku) => store.QueryAsync(db => db.Skus.Where(s => s.Code == sku).Select(s => s.Product.Code).FirstAsync());

    /// <summary>The sandbox store with a 30-second payment timeout (and payments allowed to start until 5 seconds before it).</summary>
    public sealed class ShortTimeoutStore : WeChatSandboxFactory
    {
        protected override IReadOnlyDictionary<string, string> SandboxSettings => new Dictionary<string, string>
        {
            ["Orders:PaymentTimeout"] = "00:00:30",
            ["Payments:MinimumTimeToPay"] = "00:00:05",
        };
    }
}
