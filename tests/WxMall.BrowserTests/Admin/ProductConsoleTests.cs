using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using WxMall.BrowserTests.Infrastructure;
using WxMall.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace WxMall.BrowserTests.Admin;

/// <summary>An operator runs the catalog from the console: new products and SKUs, prices in yuan, stock through the ledger.</summary>
public sealed class ProductConsoleTests(StoreFixture store, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Operator_adds_a_SKU_changes_a_price_and_receives_stock_and_the_shopper_sees_the_new_SKU_with_its_price()
    {
        var (existingSku, _) = await store.Store.SkuWithStockAsync(minimumStock: 20, skip: 14);
        var product = await store.Store.QueryAsync(db => db.Skus.Where(s => s.Code == existingSku).Select(s => s.Product.Code).FirstAsync());
        var newSku = "test-console-" + Guid.NewGuid().ToString("N")[..8];
        var page = await browser.NewPhonePageAsync();
        await page.SignInToConsoleAsync(store, await store.NewStaffAsync("operator"), ConsoleSteps.StaffPassword);
        await page.GotoAsync(store.Url($"/admin/products/{product}"));

        // A price that is not yuan with at most two decimals is refused next to the field, and nothing is written.
        var form = page.Locator("#new-sku-form");
        await form.GetByLabel("规格编码").FillAsync(newSku);
        await form.GetByLabel("规格名称").FillAsync("64G/4T 测试版");
        await form.GetByLabel("售价（元）").FillAsync("12999.999");
        await form.GetByLabel("初始库存").FillAsync("7");
        await form.GetByRole(AriaRole.Button, new() { Name = "添加规格" }).ClickAsync();
        await Expect(page.Locator("[data-valmsg-for='NewSku.Price']")).ToHaveTextAsync("请输入售价（元），大于 0，最多两位小数，例如 5999 或 5999.50");
        await Expect(form.GetByLabel("规格名称")).ToHaveValueAsync("64G/4T 测试版");
        await AccessibilityCheck.AssertPassesAsync(page);

        // A code another SKU already has is refused with a message that says so.
        await form.GetByLabel("规格编码").FillAsync(existingSku);
        await form.GetByLabel("售价（元）").FillAsync("12999.50");
        await form.GetByRole(AriaRole.Button, new() { Name = "添加规格" }).ClickAsync();
        await Expect(page.Locator("[data-valmsg-for='NewSku.Code']")).ToHaveTextAsync($"规格编码 {existingSku} 已被使用，请换一个编码");
        Assert.False(await store.Store.QueryAsync(db => db.Skus.AnyAsync(s => s.Name == "64G/4T 测试版")));

        // Its memory typed in words is refused too; then 64 GB and 4 TB, which the search facets will use.
        await form.GetByLabel("规格编码").FillAsync(newSku);
        await form.GetByLabel("内存（GB，不填则与本商品相同）").FillAsync("六十四");
        await form.GetByRole(AriaRole.Button, new() { Name = "添加规格" }).ClickAsync();
        await Expect(page.Locator("[data-valmsg-for='NewSku.RamGb']")).ToHaveTextAsync("内存请填写整数 GB，例如 32；不填则与本商品相同");
        await form.GetByLabel("内存（GB，不填则与本商品相同）").FillAsync("64");
        await form.GetByLabel("硬盘（GB，不填则与本商品相同）").FillAsync("4096");
        await form.GetByRole(AriaRole.Button, new() { Name = "添加规格" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"已添加规格 64G/4T 测试版（{newSku}），售价 ¥12,999.50，库存 7 件");
        var added = page.Locator($"[data-sku='{newSku}']");
        await Expect(added.Locator(".available")).ToHaveTextAsync("7");
        await Expect(page.Locator("[data-valmsg-for='NewSku.Price']")).ToBeEmptyAsync();

        // The price in yuan is stored as fen; the initial stock is a receipt in the ledger, which matches the counters.
        Assert.Equal(1_299_950, await store.Store.QueryAsync(db => db.Skus.Where(s => s.Code == newSku).Select(s => s.PriceFen).FirstAsync()));
        Assert.Equal((64, 4096), await store.Store.QueryAsync(db => db.Skus.Where(s => s.Code == newSku).Select(s => ValueTuple.Create(s.Specs.RamGb, s.Specs.StorageGb)).FirstAsync()));
        Assert.Equal(new StockCounters(7, 0, 0), await store.Store.StockAsync(newSku));
        Assert.Equal(new StockCounters(7, 0, 0), await store.Store.LedgerSumAsync(newSku));
        Assert.True(await store.Store.QueryAsync(db => db.AuditLog.AnyAsync(a => a.Action == "sku.create" && a.Target == "sku:" + newSku && a.Actor.StartsWith("operator"))));

        // The new SKU's price changes and it receives stock, row by row.
        await added.GetByLabel("售价（元）").FillAsync("11999");
        await added.GetByLabel("划线价（元）").FillAsync("13999");
        await added.GetByRole(AriaRole.Button, new() { Name = "改价" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"{newSku} 价格已改为 ¥11,999.00");
        await added.GetByLabel("数量变化").FillAsync("5");
        await added.GetByLabel("原因").FillAsync("供应商到货");
        await added.GetByRole(AriaRole.Button, new() { Name = "调整库存" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"{newSku} 库存已调整 +5");
        await Expect(added.Locator(".available")).ToHaveTextAsync("12");
        Assert.Equal(await store.Store.StockAsync(newSku), await store.Store.LedgerSumAsync(newSku));
        await Screenshots.SaveAsync(page, "17-admin-sku-added");

        // The shopper sees the new SKU, its price and its stock on the product page.
        var shopperPage = await browser.NewPhonePageAsync();
        await shopperPage.GotoAsync(store.Url($"/p/{product}"));
        var option = shopperPage.Locator("#add-to-cart label", new() { HasText = "64G/4T 测试版" });
        await Expect(option).ToContainTextAsync("¥11,999.00");
        await Expect(option).ToContainTextAsync("有货");
        await option.ClickAsync();
        await Expect(shopperPage).ToHaveURLAsync(new Regex($"sku={newSku}$"));
        await Screenshots.SaveAsync(shopperPage, "18-store-new-sku");
    }

    [Fact]
    public async Task Operator_creates_a_product_with_its_first_SKU_and_it_is_on_sale()
    {
        var code = "test-new-" + Guid.NewGuid().ToString("N")[..8];
        var page = await browser.NewPhonePageAsync();
        await page.SignInToConsoleAsync(store, "admin", MallAppFactory.AdminPassword);
        await page.GotoAsync(store.Url("/admin/products"));
        await page.GetByRole(AriaRole.Link, new() { Name = "新建商品" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/admin/products/new$"));

        await page.GetByLabel("商品编码").FillAsync("Not A Code");
        await page.GetByLabel("商品名称").FillAsync("测试游戏本 Pro 16");
        await page.GetByLabel("分类").SelectOptionAsync(new SelectOptionValue { Label = "笔记本" });
        await page.GetByLabel("首个规格编码").FillAsync(code + "-32g");
        await page.GetByLabel("首个规格名称").FillAsync("32G/1T");
        await page.GetByLabel("售价（元）").FillAsync("8999");
        await page.GetByLabel("初始库存").FillAsync("3");
        await page.GetByRole(AriaRole.Button, new() { Name = "创建商品" }).ClickAsync();
        await Expect(page.Locator("[data-valmsg-for='Input.Code']")).ToHaveTextAsync("商品编码需为 3 到 80 位小写字母、数字或短横线");
        await AccessibilityCheck.AssertPassesAsync(page);
        Assert.False(await store.Store.QueryAsync(db => db.Skus.AnyAsync(s => s.Code == code + "-32g")));

        await page.GetByLabel("商品编码").FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "创建商品" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/admin/products/{code}$"));
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("已创建商品 测试游戏本 Pro 16");
        await Expect(page.Locator($"[data-sku='{code}-32g'] .available")).ToHaveTextAsync("3");
        Assert.Equal(await store.Store.StockAsync(code + "-32g"), await store.Store.LedgerSumAsync(code + "-32g"));

        await page.GotoAsync(store.Url($"/p/{code}"));
        await Expect(page.Locator("#product-name")).ToHaveTextAsync("测试游戏本 Pro 16");
        await Expect(page.Locator("#add-to-cart label", new() { HasText = "32G/1T" })).ToContainTextAsync("¥8,999.00");
    }
}
