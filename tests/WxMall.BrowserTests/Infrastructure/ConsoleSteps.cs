using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using WxMall.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace WxMall.BrowserTests.Infrastructure;

/// <summary>Steps the console tests share: staff signing in through the login page, and orders and staff arranged over the API.</summary>
public static class ConsoleSteps
{
    public const string StaffPassword = "staff-password-1";

    public static async Task SignInToConsoleAsync(this IPage page, StoreFixture store, string userName, string password)
    {
        await page.GotoAsync(store.Url("/admin/login"));
        await page.GetByLabel("用户名").FillAsync(userName);
        await page.GetByLabel("密码").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/admin$"));
    }

    /// <summary>A new staff account with <paramref name="role"/> and <see cref="StaffPassword"/>, created by the administrator over the API.</summary>
    public static async Task<string> NewStaffAsync(this StoreFixture store, string role)
    {
        using var admin = await store.StaffClientAsync();
        var userName = role + Guid.NewGuid().ToString("N")[..8];
        var created = await admin.PostAsJsonAsync("/api/admin/staff", new { userName, password = StaffPassword, displayName = "测试员工", role });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return userName;
    }

    /// <summary>
    /// A shopper (over the API) orders one unit of the <paramref name="skip"/>-th seeded SKU for express delivery to 张三丰,
    /// and the payment is recorded; <paramref name="throughWeChat"/> pays through the emulator's WeChat Pay, so it can be refunded.
    /// </summary>
    public static async Task<(string Number, Shopper Shopper)> PaidExpressOrderAsync(this StoreFixture store, int skip, bool throughWeChat = false)
    {
        var (sku, _) = await store.Store.SkuWithStockAsync(minimumStock: 20, skip: skip);
        var shopper = store.NewShopper();
        await shopper.RegisterAsync();
        var addressId = await shopper.AddAddressAsync();
        var response = await shopper.PlaceOrderAsync(new { lines = new[] { new { sku, quantity = 1 } }, delivery = "express", addressId });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var order = (await response.Content.ReadFromJsonAsync<WxMall.Ordering.OrderView>(Shopper.Json))!;
        if (throughWeChat)
        {
            var started = await shopper.Client.PostAsJsonAsync($"/api/orders/{order.Number}/payments", new { mode = "native" });
            Assert.True(started.IsSuccessStatusCode, await started.Content.ReadAsStringAsync());
            var payment = (await started.Content.ReadFromJsonAsync<WxMall.Payments.PaymentView>(Shopper.Json))!;
            await store.PayInWeChatAsync(payment.CodeUrl!);
            await Eventually.TrueAsync(async () => await store.Store.OrderStatusAsync(order.Number) == WxMall.Ordering.OrderStatus.Paid, "the payment lands");
            return (order.Number, shopper);
        }

        var (outcome, _) = await store.Store.PayAsync(order.Number, order.PayableFen);
        Assert.Equal(WxMall.Ordering.PaymentOutcome.Recorded, outcome);
        return (order.Number, shopper);
    }
}
