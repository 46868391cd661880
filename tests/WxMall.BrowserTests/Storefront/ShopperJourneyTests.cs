using System.Text.RegularExpressions;
using Microsoft.Playwright;
using WxMall.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace WxMall.BrowserTests.Storefront;

/// <summary>A shopper on a phone-sized browser: browse → search → product → cart → register → address → checkout → order.</summary>
public sealed class ShopperJourneyTests(StoreFixture store, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Shopper_browses_searches_adds_to_cart_registers_and_places_an_order()
    {
        var page = await browser.NewPhonePageAsync();

        // Home: categories, featured and hot products.
        await page.GotoAsync(store.Url("/"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "精选推荐" })).ToBeVisibleAsync();
        await Expect(page.Locator(".cats a").First).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "01-home");

        // A category, then a Chinese search with sorting.
        await page.Locator(".cats a", new() { HasText = "笔记本" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "笔记本", Exact = true })).ToBeVisibleAsync();
        await page.GetByLabel("搜索商品").FillAsync("游戏本");
        await page.GetByLabel("搜索商品").PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "“游戏本”的搜索结果" })).ToBeVisibleAsync();
        await Expect(page.Locator("#result-count")).ToContainTextAsync("共");
        await page.GetByRole(AriaRole.Link, new() { Name = "价格从低到高" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("sort=price_asc"));
        var prices = await page.Locator(".grid .card .price").AllTextContentsAsync();
        var yuan = prices.Select(p => decimal.Parse(p.TrimStart('¥').Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(yuan.Count > 1, "the search found more than one gaming laptop");
        Assert.Equal(yuan.Order().ToList(), yuan);
        await Screenshots.SaveAsync(page, "02-search");

        // Product page: choose another SKU; its price comes from the server.
        await page.Locator(".grid .card").First.ClickAsync();
        await Expect(page.Locator("#product-name")).ToBeVisibleAsync();
        var skuRadios = page.Locator("input[name=Sku]");
        if (await skuRadios.CountAsync() > 1)
        {
            var second = skuRadios.Nth(1);
            var secondCode = await second.GetAttributeAsync("value");
            var secondPrice = await page.Locator(".skus label").Nth(1).Locator(".price").TextContentAsync();
            await second.CheckAsync();
            await Expect(page).ToHaveURLAsync(new Regex("sku=" + Regex.Escape(secondCode!)));
            await Expect(page.Locator("#price")).ToHaveTextAsync(secondPrice!);
        }

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "规格参数" })).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "03-product");
        var checkedSku = page.Locator("input[name=Sku]:checked");
        if (await page.GetByRole(AriaRole.Button, new() { Name = "加入购物车" }).CountAsync() == 0)
        {
            // That SKU sold out: take the first one in stock.
            await page.Locator(".skus label", new() { HasNotText = "缺货" }).First.Locator("input").CheckAsync();
        }

        var productName = await page.Locator("#product-name").TextContentAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "加入购物车" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("已加入购物车");
        Assert.NotNull(await checkedSku.GetAttributeAsync("value"));

        // Cart.
        await page.GetByRole(AriaRole.Link, new() { Name = "去购物车结算" }).ClickAsync();
        await Expect(page.Locator("#cart-lines")).ToContainTextAsync(productName!);
        await Screenshots.SaveAsync(page, "04-cart");

        // Checkout asks for a login; register with a bad phone first: the error is shown next to the field, in Chinese.
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("去结算") }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/login\\?returnUrl=%2Fcheckout"));
        await page.GetByRole(AriaRole.Link, new() { Name = "手机号注册" }).ClickAsync();
        await page.GetByLabel("手机号").FillAsync("12345");
        await page.GetByLabel("密码（8 到 64 位）").FillAsync("short");
        await page.GetByRole(AriaRole.Button, new() { Name = "注册并登录" }).ClickAsync();
        await Expect(page.Locator("[data-valmsg-for='Input.Phone']")).ToHaveTextAsync("请输入 11 位中国大陆手机号，例如 13812345678");
        await Expect(page.Locator("[data-valmsg-for='Input.Password']")).ToHaveTextAsync("密码长度需为 8 到 64 位");
        await Screenshots.SaveAsync(page, "05-register-errors");

        await page.GetByLabel("手机号").FillAsync(WxMall.Tests.Infrastructure.Shopper.RandomPhone());
        await page.GetByLabel("密码（8 到 64 位）").FillAsync("browser-pass-1");
        await page.GetByRole(AriaRole.Button, new() { Name = "注册并登录" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/checkout$"));

        // No address yet: add one from checkout and come back.
        await page.GetByRole(AriaRole.Link, new() { Name = "添加地址" }).ClickAsync();
        await page.GetByLabel("收货人").FillAsync("李四");
        await page.GetByLabel("手机号").FillAsync("13900001111");
        await page.GetByLabel("省份").FillAsync("北京市");
        await page.GetByLabel("城市").FillAsync("北京市");
        await page.GetByLabel("区县").FillAsync("海淀区");
        await page.GetByLabel("详细地址").FillAsync("中关村大街 1 号");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存地址" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/checkout$"));
        await Expect(page.Locator("#address")).ToContainTextAsync("李*");
        await Expect(page.Locator("#address")).Not.ToContainTextAsync("13900001111");

        // The breakdown changes on the server when delivery changes.
        await page.GetByLabel("门店自提（免运费）").CheckAsync();
        await Expect(page.Locator("#checkout")).ToHaveAttributeAsync("data-delivery", "pickup");
        await Expect(page.Locator("#breakdown")).ToContainTextAsync("运费¥0.00");
        await page.GetByLabel("快递配送").CheckAsync();
        await Expect(page.Locator("#checkout")).ToHaveAttributeAsync("data-delivery", "express");
        var payable = await page.Locator("#payable").TextContentAsync();
        await Screenshots.SaveAsync(page, "06-checkout");

        await page.GetByRole(AriaRole.Button, new() { Name = "提交订单" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/orders/\\w+/pay\\?placed=true"));
        await Expect(page.Locator("#pay-amount")).ToHaveTextAsync(payable!);
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("下单成功");
        var number = (await page.Locator("#order-number").TextContentAsync())!;
        Assert.Equal(WxMall.Ordering.OrderStatus.AwaitingPayment, await WxMall.Tests.Infrastructure.StoreData.OrderStatusAsync(store.Store, number));
        await Screenshots.SaveAsync(page, "07-pay-choose");

        // A desktop browser gets the Native QR code first; a WeChat user in the emulator scans and pays it.
        await page.GetByRole(AriaRole.Button, new() { Name = "微信扫码支付" }).ClickAsync();
        var qr = page.GetByRole(AriaRole.Img, new() { NameRegex = new Regex("微信支付二维码") });
        await Expect(qr).ToBeVisibleAsync();
        // Visible is not loaded: wait for the image to finish, then prove it decoded to real pixels.
        await Expect(qr).ToHaveJSPropertyAsync("complete", true);
        Assert.True(await qr.EvaluateAsync<int>("img => img.naturalWidth") > 0, "the QR code image loaded");
        var codeUrl = (await page.Locator("#code-url").TextContentAsync())!;
        Assert.StartsWith("weixin://wxpay/bizpayurl", codeUrl, StringComparison.Ordinal);
        await Screenshots.SaveAsync(page, "08-pay-native-qr");
        await store.PayInWeChatAsync(codeUrl);

        // The page polls the order and moves on by itself once the payment lands.
        await Expect(page.Locator("#result-title")).ToHaveTextAsync("支付成功", new() { Timeout = 30_000 });
        await Expect(page.Locator("#order-status")).ToHaveTextAsync("已支付");
        await Screenshots.SaveAsync(page, "09-pay-result");

        // The order is in the member's list as paid, and the cart is empty again.
        await page.GotoAsync(store.Url("/orders"));
        await Expect(page.Locator("a.card", new() { HasText = "订单号 " + number })).ToContainTextAsync("已支付");
        await page.GotoAsync(store.Url("/cart"));
        await Expect(page.GetByText("购物车是空的")).ToBeVisibleAsync();
        Assert.Equal(WxMall.Ordering.OrderStatus.Paid, await WxMall.Tests.Infrastructure.StoreData.OrderStatusAsync(store.Store, number));
    }

    [Fact]
    public async Task Shopper_cancels_an_unpaid_order_and_asks_to_return_a_paid_one()
    {
        var page = await browser.NewPhonePageAsync();
        var (sku, _) = await WxMall.Tests.Infrastructure.StoreData.SkuWithStockAsync(store.Store, minimumStock: 20, skip: 3);
        var phone = WxMall.Tests.Infrastructure.Shopper.RandomPhone();
        await page.GotoAsync(store.Url("/register"));
        await page.GetByLabel("手机号").FillAsync(phone);
        await page.GetByLabel("密码（8 到 64 位）").FillAsync("browser-pass-2");
        await page.GetByRole(AriaRole.Button, new() { Name = "注册并登录" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/me$"));

        var first = await PlacePickupOrderAsync(page, sku);
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "取消订单" }).ClickAsync();
        await Expect(page.Locator("#order-status")).ToHaveTextAsync("已取消");

        var second = await PlacePickupOrderAsync(page, sku);
        Assert.NotEqual(first, second);
        var amount = await store.Store.QueryAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions
            .FirstAsync(db.Orders.Where(o => o.Number == second).Select(o => o.PayableFen)));
        await WxMall.Tests.Infrastructure.StoreData.PayAsync(store.Store, second, amount);
        await page.ReloadAsync();
        await Expect(page.Locator("#order-status")).ToHaveTextAsync("已支付");

        await page.GetByRole(AriaRole.Button, new() { Name = "提交退货申请" }).ClickAsync();
        await Expect(page.Locator("[data-valmsg-for='Reason']")).ToHaveTextAsync("请填写退货原因（2 到 500 个字）");
        await page.GetByLabel("退货原因").FillAsync("屏幕有坏点");
        await page.GetByRole(AriaRole.Button, new() { Name = "提交退货申请" }).ClickAsync();
        await Expect(page.Locator("#order-status")).ToHaveTextAsync("退货申请中");
        await Screenshots.SaveAsync(page, "10-return-requested");
    }

    private async Task<string> PlacePickupOrderAsync(IPage page, string sku)
    {
        var product = await store.Store.QueryAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions
            .FirstAsync(db.Skus.Where(s => s.Code == sku).Select(s => s.Product.Code)));
        await page.GotoAsync(store.Url($"/p/{product}?sku={sku}"));
        await page.GetByRole(AriaRole.Button, new() { Name = "加入购物车" }).ClickAsync();
        await page.GotoAsync(store.Url("/checkout"));
        if (await page.Locator("#checkout").GetAttributeAsync("data-delivery") != "pickup")
        {
            await page.GetByLabel("门店自提（免运费）").CheckAsync();
            await Expect(page.Locator("#checkout")).ToHaveAttributeAsync("data-delivery", "pickup");
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "提交订单" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/pay\\?placed=true"));
        var number = (await page.Locator("#order-number").TextContentAsync())!;
        await page.GotoAsync(store.Url($"/orders/{number}"));
        await Expect(page.Locator("#order-status")).ToHaveTextAsync("待支付");
        return number;
    }
}
