using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using WxMall.BrowserTests.Infrastructure;
using WxMall.Ordering;
using WxMall.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace WxMall.BrowserTests.Storefront;

/// <summary>Smaller storefront features through the pages: search facets, paying with points, the referral share link, tracking numbers.</summary>
public sealed class StorefrontFeatureTests(StoreFixture store, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Brand_and_price_facets_narrow_the_results_to_matching_products_only()
    {
        var page = await browser.NewPhonePageAsync();
        await page.GotoAsync(store.Url("/search?category=laptop"));
        var filters = page.Locator("details.facets");
        await filters.Locator("summary").ClickAsync();

        // A brand: the count on the chip is the count found, and every product found is of that brand.
        var brandChip = filters.Locator("div", new() { Has = page.Locator("strong", new() { HasText = "品牌" }) }).Locator("a.chip").First;
        var (brandName, brandCount) = ChipLabel((await brandChip.TextContentAsync())!);
        await brandChip.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("[?&]brand=\\w+"));
        var brand = System.Web.HttpUtility.ParseQueryString(new Uri(page.Url).Query)["brand"]!;
        await Expect(page.Locator("#result-count")).ToHaveTextAsync($"共 {brandCount} 件商品");
        var brands = await BrandsOfCardsAsync(page);
        Assert.NotEmpty(brands);
        Assert.All(brands, b => Assert.Equal(brand, b));
        await Expect(page.Locator("nav.chips a[aria-current=true]", new() { HasText = "笔记本" })).ToHaveCountAsync(1);
        await page.Locator("details.facets summary").ClickAsync();
        await Expect(page.Locator("details.facets a.chip[aria-current=true]", new() { HasText = brandName })).ToHaveCountAsync(1);
        await Screenshots.SaveAsync(page, "80-search-brand-facet");

        // A price band instead: every card's price is inside it.
        await page.GotoAsync(store.Url("/search?category=laptop"));
        await page.Locator("details.facets summary").ClickAsync();
        var priceChip = page.Locator("details.facets a.chip", new() { HasTextRegex = new Regex("^6000-10000元") });
        var (_, priceCount) = ChipLabel((await priceChip.TextContentAsync())!);
        await priceChip.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("[?&]price=600000-1000000"));
        await Expect(page.Locator("#result-count")).ToHaveTextAsync($"共 {priceCount} 件商品");
        var prices = await CardPricesFenAsync(page);
        Assert.NotEmpty(prices);
        Assert.All(prices, fen => Assert.InRange(fen, 600_000, 999_999));
        await Screenshots.SaveAsync(page, "81-search-price-facet");
    }

    [Fact]
    public async Task Points_earned_by_a_paid_order_pay_part_of_the_next_one_and_leave_the_balance()
    {
        var first = await ShopperSteps.SkuInStockAsync(store.Store, "laptop", skip: 6);
        var second = await ShopperSteps.SkuInStockAsync(store.Store, "laptop", skip: 7);
        var page = await browser.NewPhonePageAsync();
        await ShopperSteps.RegisterAsync(page, store.Store);
        var memberId = await MemberIdAsync(page);

        // The store awards points for what a paid order paid (1 per yuan).
        await ShopperSteps.AddToCartAsync(page, store.Store, first);
        var paidOrder = await ShopperSteps.PlacePickupOrderAsync(page, store.Store);
        var paidFen = await store.Store.QueryAsync(db => db.Orders.Where(o => o.Number == paidOrder).Select(o => o.PayableFen).FirstAsync());
        await StoreData.PayAsync(store.Store, paidOrder, paidFen);
        var earned = paidFen / 100;
        await Eventually.TrueAsync(
            async () => await BalanceAsync(memberId) == earned, "the paid order's points are awarded");

        // Checkout shows the balance; using some of it changes the breakdown, recalculated on the server.
        await ShopperSteps.AddToCartAsync(page, store.Store, second);
        await page.GotoAsync(store.Url("/checkout"));
        await ShopperSteps.ChoosePickupAsync(page);
        var goodsFen = await store.Store.QueryAsync(db => db.Skus.Where(s => s.Code == second).Select(s => s.PriceFen).FirstAsync());
        var maxPoints = Math.Min(earned, goodsFen * 20 / 100);
        await Expect(page.GetByText($"使用积分（可用 {earned}，本单最多 {maxPoints}）")).ToBeVisibleAsync();
        await Expect(page.Locator("#payable")).ToHaveTextAsync(Yuan(goodsFen));
        var used = maxPoints - 7;
        await page.Locator("#Input_UsePoints").FillAsync(used.ToString(CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "重新计算金额" }).ClickAsync();
        await Expect(page.Locator("#breakdown")).ToContainTextAsync("积分抵扣-" + Yuan(used));
        await Expect(page.Locator("#payable")).ToHaveTextAsync(Yuan(goodsFen - used));
        await Screenshots.SaveAsync(page, "82-checkout-points");

        await page.GetByRole(AriaRole.Button, new() { Name = "提交订单" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/pay\\?placed=true"));
        await Expect(page.Locator("#pay-amount")).ToHaveTextAsync(Yuan(goodsFen - used));
        var number = (await page.Locator("#order-number").TextContentAsync())!.Trim();
        var order = await store.Store.QueryAsync(db => db.Orders.Where(o => o.Number == number).Select(o => new { o.PointsUsed, o.PointsDiscountFen, o.PayableFen }).FirstAsync());
        Assert.Equal((used, used, goodsFen - used), (order.PointsUsed, order.PointsDiscountFen, order.PayableFen));

        // The balance drops by what was used, on the member page too.
        Assert.Equal(earned - used, await BalanceAsync(memberId));
        await page.GotoAsync(store.Url("/me"));
        await Expect(page.Locator("#points-balance")).ToHaveTextAsync((earned - used).ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_members_share_link_in_WeChat_carries_their_referral_code_and_a_shopper_who_opens_it_and_signs_up_is_referred_by_them()
    {
        var (userId, _) = await store.NewWeChatUserAsync();
        var product = await store.Store.QueryAsync(db => db.Products.Where(p => p.OnSale).OrderBy(p => p.Id).Skip(5).Select(p => p.Code).FirstAsync());

        // The sharer, signed in, opens a product inside WeChat: the share card links to it with their code.
        var sharerPage = await browser.NewPhonePageAsync();
        await ShopperSteps.RegisterAsync(sharerPage, store.Store);
        var sharerId = await MemberIdAsync(sharerPage);
        await sharerPage.GotoAsync(store.Url($"/p/{product}?emulator_user={Uri.EscapeDataString(userId)}"));
        await Expect(sharerPage.Locator("html")).ToHaveAttributeAsync("data-wx", "ok");
        var code = await store.Store.QueryAsync(db => db.Members.Where(m => m.Id == sharerId).Select(m => m.ReferralCode).FirstAsync());
        Assert.NotNull(code);
        var link = store.Url($"/p/{product}?ref={code}");
        await Expect(sharerPage.Locator("html")).ToHaveAttributeAsync("data-wx-share", link);

        // Another shopper opens the link, signs up, and is the sharer's referral.
        var visitorPage = await browser.NewPhonePageAsync();
        await visitorPage.GotoAsync(link);
        await Expect(visitorPage.Locator("#product-name")).ToBeVisibleAsync();
        await ShopperSteps.RegisterAsync(visitorPage, store.Store);
        var visitorId = await MemberIdAsync(visitorPage);
        Assert.Equal(sharerId, await ReferrerAsync(visitorId));

        // The sharer opening their own link is no referral.
        await sharerPage.GotoAsync(link);
        Assert.Null(await ReferrerAsync(sharerId));
    }

    [Fact]
    public async Task After_staff_ship_a_paid_order_the_shopper_sees_the_carrier_and_tracking_number_on_the_order()
    {
        var sku = await ShopperSteps.SkuInStockAsync(store.Store, "laptop", skip: 8);
        var page = await browser.NewPhonePageAsync();
        await ShopperSteps.RegisterAsync(page, store.Store);
        var added = await page.Context.APIRequest.PostAsync(store.Url("/api/members/me/addresses"), new()
        {
            DataObject = new { recipientName = "王五", phone = "13700002222", province = "上海市", city = "上海市", district = "浦东新区", detail = "世纪大道 100 号", isDefault = true },
        });
        Assert.True(added.Ok, await added.TextAsync());
        await ShopperSteps.AddToCartAsync(page, store.Store, sku);
        await page.GotoAsync(store.Url("/checkout"));
        await Expect(page.Locator("#checkout")).ToHaveAttributeAsync("data-delivery", "express");
        await page.GetByRole(AriaRole.Button, new() { Name = "提交订单" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/pay\\?placed=true"));
        var number = (await page.Locator("#order-number").TextContentAsync())!.Trim();
        var payable = await store.Store.QueryAsync(db => db.Orders.Where(o => o.Number == number).Select(o => o.PayableFen).FirstAsync());
        await StoreData.PayAsync(store.Store, number, payable);
        await page.GotoAsync(store.Url($"/orders/{number}"));
        await Expect(page.Locator("#order-status")).ToHaveTextAsync("已支付");
        await Expect(page.Locator("#tracking")).ToHaveCountAsync(0);

        var tracking = "SF" + Random.Shared.NextInt64(1_000_000_000, 9_999_999_999).ToString(CultureInfo.InvariantCulture);
        using (var staff = await store.StaffClientAsync())
        {
            var shipped = await staff.PostAsJsonAsync($"/api/admin/orders/{number}/ship", new { carrier = "顺丰速运", trackingNumber = tracking });
            Assert.True(shipped.IsSuccessStatusCode, await shipped.Content.ReadAsStringAsync());
        }

        await page.ReloadAsync();
        await Expect(page.Locator("#order-status")).ToHaveTextAsync("已发货");
        await Expect(page.Locator("#tracking")).ToContainTextAsync($"物流：顺丰速运 单号 {tracking}");
        await Screenshots.SaveAsync(page, "83-order-shipped-tracking");
        await page.GotoAsync(store.Url("/orders"));
        await Expect(page.Locator("a.card", new() { HasText = "订单号 " + number })).ToContainTextAsync("已发货");
        Assert.Equal(OrderStatus.Shipped, await StoreData.OrderStatusAsync(store.Store, number));
    }

    private static string Yuan(long fen) => "¥" + (fen / 100m).ToString("#,0.00", CultureInfo.InvariantCulture);

    /// <summary>"联想 (12)" → ("联想", 12).</summary>
    private static (string Label, int Count) ChipLabel(string text)
    {
        var match = Regex.Match(text.Trim(), @"^(.*) \((\d+)\)$");
        Assert.True(match.Success, $"a facet chip reads 'label (count)': {text}");
        return (match.Groups[1].Value, int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture));
    }

    private async Task<List<string>> BrandsOfCardsAsync(IPage page)
    {
        var codes = (await page.Locator(".grid a.card").EvaluateAllAsync<string[]>("cards => cards.map(c => c.getAttribute('href'))"))
            .Select(href => href[3..]).ToList();
        return await store.Store.QueryAsync(db => db.Products.Where(p => codes.Contains(p.Code)).Select(p => p.Brand.Code).ToListAsync());
    }

    private static async Task<List<long>> CardPricesFenAsync(IPage page) =>
        (await page.Locator(".grid .card .price").AllTextContentsAsync())
            .Select(p => (long)(decimal.Parse(p.TrimStart('¥').Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture) * 100)).ToList();

    private static async Task<long> MemberIdAsync(IPage page)
    {
        var me = await page.Context.APIRequest.GetAsync(new Uri(new Uri(page.Url), "/api/members/me").ToString());
        Assert.True(me.Ok, await me.TextAsync());
        return (await me.JsonAsync())!.Value.GetProperty("id").GetInt64();
    }

    private Task<long> BalanceAsync(long memberId) =>
        store.Store.QueryAsync(db => db.Members.Where(m => m.Id == memberId).Select(m => m.PointsBalance).FirstAsync());

    private Task<long?> ReferrerAsync(long memberId) =>
        store.Store.QueryAsync(db => db.Members.Where(m => m.Id == memberId).Select(m => m.ReferredByMemberId).FirstAsync());
}
