using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using WxMall.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace WxMall.BrowserTests.Infrastructure;

/// <summary>The steps many storefront tests take on the way to what they test, done through the pages as a shopper does.</summary>
public static class ShopperSteps
{
    /// <summary>Registers a new member with a phone number on the register page; the browser stays signed in. Returns the phone.</summary>
    public static async Task<string> RegisterAsync(IPage page, WeChatSandboxFactory store, string password = "browser-pass-9")
    {
        var phone = Shopper.RandomPhone();
        await page.GotoAsync(new Uri(store.StoreUrl, "/register").ToString());
        await page.GetByLabel("手机号").FillAsync(phone);
        await page.GetByLabel("密码（8 到 64 位）").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "注册并登录" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/me$"));
        return phone;
    }

    /// <summary>Adds one unit of a SKU to the cart from its product page.</summary>
    public static async Task AddToCartAsync(IPage page, WeChatSandboxFactory store, string skuCode)
    {
        var product = await store.QueryAsync(db => db.Skus.Where(s => s.Code == skuCode).Select(s => s.Product.Code).FirstAsync());
        await page.GotoAsync(new Uri(store.StoreUrl, $"/p/{product}?sku={skuCode}").ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "加入购物车" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("已加入购物车");
    }

    /// <summary>Checks the cart out for pickup at the default store and lands on the pay page; returns the order number.</summary>
    public static async Task<string> PlacePickupOrderAsync(IPage page, WeChatSandboxFactory store)
    {
        await page.GotoAsync(new Uri(store.StoreUrl, "/checkout").ToString());
        await ChoosePickupAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "提交订单" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/orders/\\w+/pay\\?placed=true"));
        return (await page.Locator("#order-number").TextContentAsync())!.Trim();
    }

    public static async Task ChoosePickupAsync(IPage page)
    {
        if (await page.Locator("#checkout").GetAttributeAsync("data-delivery") != "pickup")
        {
            await page.GetByLabel("门店自提（免运费）").CheckAsync();
            await Expect(page.Locator("#checkout")).ToHaveAttributeAsync("data-delivery", "pickup");
        }
    }

    /// <summary>
    /// A SKU of the given category with at least <paramref name="minimumAvailable"/> units available now; <paramref name="skip"/>
    /// keeps tests apart.
    /// </summary>
    public static Task<string> SkuInStockAsync(WeChatSandboxFactory store, string category, int minimumAvailable = 5, int skip = 0) =>
        store.QueryAsync(db => db.Skus
            .Where(s => s.Product.Category.Code == category && s.Product.OnSale)
            .Where(s => db.Stock.Any(st => st.SkuId == s.Id && st.Available >= minimumAvailable))
            .OrderBy(s => s.Id).Skip(skip).Select(s => s.Code).FirstAsync());

    /// <summary>The stock movements of one order summed up: what it holds of available, reserved and sold units.</summary>
    public static Task<StockCounters> StockMovedByAsync(WeChatSandboxFactory store, string orderNumber) =>
        store.QueryAsync(async db =>
        {
            var movements = await db.StockMovements.Where(m => m.OrderNumber == orderNumber).ToListAsync();
            return new StockCounters(movements.Sum(m => m.AvailableDelta), movements.Sum(m => m.ReservedDelta), movements.Sum(m => m.SoldDelta));
        });

    /// <summary>WeChat Pay's own record of a payment order in the emulator, found by out_trade_no.</summary>
    public static async Task<System.Text.Json.JsonElement> EmulatorPayOrderAsync(WeChatSandboxFactory store, string outTradeNumber)
    {
        using var emulator = store.EmulatorClient();
        var orders = await emulator.GetFromJsonAsync<System.Text.Json.JsonElement>("/emulator/pay/orders");
        return orders.EnumerateArray().Single(o => o.GetProperty("outTradeNumber").GetString() == outTradeNumber);
    }
}
