using System.Text.RegularExpressions;
using Microsoft.Playwright;
using WxMall.BrowserTests.Infrastructure;
using WxMall.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace WxMall.BrowserTests;

/// <summary>Labels, alt text, contrast and no sideways scrolling at 375 px on the key pages of the store and the console.</summary>
public sealed class AccessibilityTests(StoreFixture store, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Store_pages_pass_the_basic_accessibility_check_at_375_px()
    {
        var page = await browser.NewPhonePageAsync();
        var (sku, _) = await store.Store.SkuWithStockAsync(minimumStock: 20, skip: 9);
        var product = await store.Store.QueryAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions
            .FirstAsync(db.Skus.Where(s => s.Code == sku).Select(s => s.Product.Code)));

        foreach (var path in new[] { "/", "/search?q=%E6%B8%B8%E6%88%8F%E6%9C%AC", $"/p/{product}", "/login", "/service", "/register" })
        {
            await page.GotoAsync(store.Url(path));
            await AccessibilityCheck.AssertPassesAsync(page);
        }

        // The register form with its errors shown.
        await page.GetByRole(AriaRole.Button, new() { Name = "注册并登录" }).ClickAsync();
        await Expect(page.Locator("[data-valmsg-for='Input.Phone']")).Not.ToBeEmptyAsync();
        await AccessibilityCheck.AssertPassesAsync(page);

        await page.GetByLabel("手机号").FillAsync(Shopper.RandomPhone());
        await page.GetByLabel("密码（8 到 64 位）").FillAsync("browser-pass-3");
        await page.GetByRole(AriaRole.Button, new() { Name = "注册并登录" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/me$"));
        await page.GotoAsync(store.Url($"/p/{product}?sku={sku}"));
        await page.GetByRole(AriaRole.Button, new() { Name = "加入购物车" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("已加入购物车");

        foreach (var path in new[] { "/cart", "/checkout", "/me", "/me/addresses", "/orders" })
        {
            await page.GotoAsync(store.Url(path));
            await AccessibilityCheck.AssertPassesAsync(page);
        }

        await page.GotoAsync(store.Url("/checkout"));
        await page.GetByRole(AriaRole.Button, new() { Name = "提交订单" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/pay\\?placed=true"));
        await AccessibilityCheck.AssertPassesAsync(page);
        var number = await page.Locator("#order-number").TextContentAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "微信扫码支付" }).ClickAsync();
        await Expect(page.Locator("#qr-image")).ToBeVisibleAsync();
        await AccessibilityCheck.AssertPassesAsync(page);
        foreach (var path in new[] { $"/orders/{number}", $"/orders/{number}/pay/result" })
        {
            await page.GotoAsync(store.Url(path));
            await AccessibilityCheck.AssertPassesAsync(page);
        }
    }

    [Fact]
    public async Task Console_pages_pass_the_basic_accessibility_check_at_375_px()
    {
        var page = await browser.NewPhonePageAsync();
        await page.GotoAsync(store.Url("/admin/login"));
        await AccessibilityCheck.AssertPassesAsync(page);
        await page.GetByLabel("用户名").FillAsync("admin");
        await page.GetByLabel("密码").FillAsync(MallAppFactory.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/admin$"));

        var product = await store.Store.QueryAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions
            .FirstAsync(db.Products.OrderBy(p => p.Id).Select(p => p.Code)));
        foreach (var path in new[] { "/admin", "/admin/products", "/admin/products/new", $"/admin/products/{product}", "/admin/orders", "/admin/dead-letters", "/admin/staff", "/admin/audit", "/admin/reconciliation", "/admin/service", "/admin/menu", "/admin/auto-replies", "/admin/auto-replies/edit" })
        {
            await page.GotoAsync(store.Url(path));
            await AccessibilityCheck.AssertPassesAsync(page);
            await Screenshots.SaveAsync(page, "20-console" + path.Replace('/', '-'));
        }
    }
}

/// <summary>The check itself finds what it should, so a passing page means something.</summary>
public sealed class AccessibilityCheckTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Check_reports_a_missing_label_a_missing_alt_low_contrast_and_sideways_scrolling()
    {
        var page = await browser.NewPhonePageAsync();
        await page.SetContentAsync("""
            <html lang="zh-CN"><head><meta name="viewport" content="width=device-width, initial-scale=1"></head><body style="background:#fff;margin:0">
              <input name="phone"><label>无关的标签</label>
              <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
              <p style="color:#bbbbbb">浅灰色文字</p>
              <div style="width:600px">很宽的内容</div>
              <label for="ok">好的字段</label><input id="ok"><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="好图">
            </body></html>
            """);
        var problems = await AccessibilityCheck.RunAsync(page);
        Assert.Collection(
            problems,
            p => Assert.StartsWith("no label: input[name=phone]", p, StringComparison.Ordinal),
            p => Assert.StartsWith("no alt: img", p, StringComparison.Ordinal),
            p => Assert.Contains("浅灰色文字", p, StringComparison.Ordinal),
            p => Assert.StartsWith("page is 600 px wide", p, StringComparison.Ordinal));
    }
}
