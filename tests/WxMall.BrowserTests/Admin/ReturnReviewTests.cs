using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using WxMall.BrowserTests.Infrastructure;
using WxMall.Inventory;
using WxMall.Ordering;
using WxMall.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace WxMall.BrowserTests.Admin;

/// <summary>Finance staff review a shopper's return request in the console: they see the reason, and approving it refunds through WeChat Pay.</summary>
public sealed class ReturnReviewTests(StoreFixture store, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const int SkuSkip = 12;

    [Fact]
    public async Task Finance_sees_the_shoppers_reason_approves_the_return_and_the_order_is_refunded_through_WeChat_Pay_and_restocked()
    {
        var (number, shopper) = await store.PaidExpressOrderAsync(skip: SkuSkip, throughWeChat: true);
        using (shopper)
        {
            var requested = await shopper.Client.PostAsJsonAsync($"/api/orders/{number}/return-request", new { reason = "屏幕有坏点，申请退货" });
            Assert.Equal(HttpStatusCode.OK, requested.StatusCode);
        }

        var page = await browser.NewPhonePageAsync();
        await page.SignInToConsoleAsync(store, await store.NewStaffAsync("finance"), ConsoleSteps.StaffPassword);
        await page.GotoAsync(store.Url("/admin/orders/" + number));
        await Expect(page.Locator("#order-status")).ToHaveTextAsync("退货申请中");
        var review = page.GetByRole(AriaRole.Region, new() { Name = "退货申请" });
        await Expect(review.Locator("#return-reason")).ToHaveTextAsync("屏幕有坏点，申请退货");
        await AccessibilityCheck.AssertPassesAsync(page);
        await Screenshots.SaveAsync(page, "15-admin-return-requested");

        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await review.GetByRole(AriaRole.Button, new() { Name = "同意退货并退款" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("已同意退货并发起退款");
        await Expect(page.Locator("#order-status")).ToHaveTextAsync(new Regex("^(退款中|已退款)$"));
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "退货申请" })).ToHaveCountAsync(0);
        await Expect(page.Locator("#payments")).ToContainTextAsync("退货退款");

        // WeChat Pay's refund notification finishes it: everything paid is refunded and the unit goes back on the shelf.
        var paidFen = await store.Store.QueryAsync(db => db.Orders.Where(o => o.Number == number).Select(o => o.PaidFen).FirstAsync());
        await Eventually.TrueAsync(
            () => store.Store.QueryAsync(db => db.Orders.AnyAsync(o => o.Number == number && o.Status == OrderStatus.Refunded && o.RefundedFen == paidFen)),
            "WeChat Pay's refund notification marks the order refunded in full");
        await Eventually.TrueAsync(
            () => store.Store.QueryAsync(db => db.StockMovements.AnyAsync(m => m.OrderNumber == number && m.Kind == StockMovementKind.Restock)),
            "the returned unit is restocked");
        var (sku, _) = await store.Store.SkuWithStockAsync(minimumStock: 20, skip: SkuSkip);
        Assert.Equal(await store.Store.StockAsync(sku), await store.Store.LedgerSumAsync(sku));

        await page.ReloadAsync();
        await Expect(page.Locator("#order-status")).ToHaveTextAsync("已退款");
        await Expect(page.Locator(".sum")).ToContainTextAsync("退货原因屏幕有坏点，申请退货");
        await Expect(page.Locator("#payments")).ToContainTextAsync("退款成功");
        await Screenshots.SaveAsync(page, "16-admin-return-approved");

        var approvals = await store.Store.QueryAsync(db => db.AuditLog.CountAsync(a => a.Action == "order.return.approve" && a.Target == "order:" + number));
        Assert.Equal(1, approvals);
    }

    [Fact]
    public async Task Finance_rejects_a_return_and_the_order_goes_back_to_paid()
    {
        var (number, shopper) = await store.PaidExpressOrderAsync(skip: SkuSkip, throughWeChat: true);
        string phone;
        using (shopper)
        {
            var requested = await shopper.Client.PostAsJsonAsync($"/api/orders/{number}/return-request", new { reason = "不想要了" });
            Assert.Equal(HttpStatusCode.OK, requested.StatusCode);
            phone = shopper.Phone;
        }

        var page = await browser.NewPhonePageAsync();
        await page.SignInToConsoleAsync(store, "admin", MallAppFactory.AdminPassword);
        await page.GotoAsync(store.Url("/admin/orders/" + number));
        await Expect(page.Locator("#return-reason")).ToHaveTextAsync("不想要了");
        page.Dialog += (_, dialog) => dialog.AcceptAsync();

        // The shopper will read why: a rejection without a reason is refused next to the field.
        await page.GetByRole(AriaRole.Button, new() { Name = "拒绝退货" }).ClickAsync();
        await Expect(page.Locator("[data-valmsg-for='RejectReason']")).ToHaveTextAsync("请填写拒绝原因（2 到 200 个字），买家会在订单中看到");
        Assert.Equal(OrderStatus.ReturnRequested, await store.Store.OrderStatusAsync(number));
        await page.GetByLabel("拒绝原因（买家可见）").FillAsync("商品已激活使用，不符合七天无理由退货");
        await page.GetByRole(AriaRole.Button, new() { Name = "拒绝退货" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("已拒绝退货申请");
        await Expect(page.Locator("#order-status")).ToHaveTextAsync("已支付");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "确认发货" })).ToBeVisibleAsync();

        Assert.Equal(OrderStatus.Paid, await store.Store.OrderStatusAsync(number));
        Assert.False(await store.Store.QueryAsync(db => db.Refunds.AnyAsync(r => r.OrderNumber == number)));
        Assert.True(await store.Store.QueryAsync(db => db.AuditLog.AnyAsync(a => a.Action == "order.return.reject" && a.Target == "order:" + number)));

        // The shopper sees the answer on the order, and may ask again.
        var shopperPage = await browser.NewPhonePageAsync();
        await shopperPage.GotoAsync(store.Url("/login"));
        await shopperPage.GetByLabel("手机号").FillAsync(phone);
        await shopperPage.GetByLabel("密码").FillAsync("secret-pass-1");
        await shopperPage.GetByRole(AriaRole.Button, new() { Name = "登录", Exact = true }).ClickAsync();
        await shopperPage.GotoAsync(store.Url("/orders/" + number));
        await Expect(shopperPage.Locator("#order-status")).ToHaveTextAsync("已支付");
        await Expect(shopperPage.Locator("#return-rejected")).ToHaveTextAsync("退货申请未通过：商品已激活使用，不符合七天无理由退货。如有疑问请联系客服。");
        await AccessibilityCheck.AssertPassesAsync(shopperPage);
        await Expect(shopperPage.GetByRole(AriaRole.Button, new() { Name = "提交退货申请" })).ToBeVisibleAsync();
    }
}
