using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using WxMall.BrowserTests.Infrastructure;
using WxMall.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace WxMall.BrowserTests.Admin;

/// <summary>Staff in the admin console: sign in, see today's numbers and the chart, ship a paid order, find the audit entries.</summary>
public sealed class StaffConsoleTests(StoreFixture store, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Operator_signs_in_reveals_the_recipient_ships_a_paid_order_and_sees_the_audit_entries()
    {
        var number = await PaidExpressOrderAsync(skip: 5);
        var page = await browser.NewPhonePageAsync();

        await page.GotoAsync(store.Url("/admin/orders/" + number));
        await Expect(page).ToHaveURLAsync(new Regex("/admin/login\\?returnUrl="));
        await page.GetByLabel("用户名").FillAsync("admin");
        await page.GetByLabel("密码").FillAsync("wrong-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("用户名或密码不正确");
        await page.GetByLabel("密码").FillAsync(MallAppFactory.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();

        // Back on the order: the recipient is masked until an allowed role asks, and that view is audit-logged.
        await Expect(page.Locator("#order-status")).ToHaveTextAsync("已支付");
        await Expect(page.Locator("#recipient")).ToContainTextAsync("张**");
        await Expect(page.Locator("#recipient")).ToContainTextAsync("138****1234");
        await Expect(page.Locator("#recipient")).Not.ToContainTextAsync("张三丰");
        await page.GetByRole(AriaRole.Button, new() { Name = "显示完整信息（记入审计）" }).ClickAsync();
        await Expect(page.Locator("#recipient")).ToContainTextAsync("张三丰 13812341234");

        // Ship: a bad tracking number is refused next to the field, then a good one ships the order.
        await page.GetByLabel("快递单号").FillAsync("SF-1");
        await page.GetByRole(AriaRole.Button, new() { Name = "确认发货" }).ClickAsync();
        await Expect(page.Locator("[data-valmsg-for='Input.TrackingNumber']")).ToHaveTextAsync("快递单号需为 6 到 40 位字母或数字");
        await page.GetByLabel("快递单号").FillAsync("SF1234567890");
        await page.GetByRole(AriaRole.Button, new() { Name = "确认发货" }).ClickAsync();
        await Expect(page.Locator("#order-status")).ToHaveTextAsync("已发货");
        await Expect(page.Locator("#tracking")).ToHaveTextAsync("顺丰速运 SF1234567890");
        await Screenshots.SaveAsync(page, "11-admin-order-shipped");
        Assert.Equal(WxMall.Ordering.OrderStatus.Shipped, await store.Store.OrderStatusAsync(number));

        // The audit log names who shipped it and who looked at the recipient.
        await page.GetByRole(AriaRole.Link, new() { Name = "审计日志" }).ClickAsync();
        var shipRow = page.Locator("#audit tbody tr", new() { HasText = "order:" + number }).Filter(new() { HasText = "order.ship" });
        await Expect(shipRow).ToContainTextAsync("admin");
        await Expect(shipRow).ToContainTextAsync("顺丰速运 SF1234567890");
        await Expect(page.Locator("#audit tbody tr", new() { HasText = "order:" + number }).Filter(new() { HasText = "personal-data.reveal" })).ToHaveCountAsync(1);
        await Screenshots.SaveAsync(page, "12-admin-audit");

        // The shopper sees the tracking number on the order page.
        var order = await store.Store.QueryAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions
            .FirstAsync(db.Orders.Where(o => o.Number == number).Select(o => o.TrackingNumber)));
        Assert.Equal("SF1234567890", order);
    }

    [Fact]
    public async Task Dashboard_shows_todays_numbers_and_the_30_day_chart()
    {
        await PaidExpressOrderAsync(skip: 6);
        var page = await browser.NewPhonePageAsync();
        await SignInAsync(page, "admin", MallAppFactory.AdminPassword);
        await page.GotoAsync(store.Url("/admin"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex("今日概览") })).ToBeVisibleAsync();
        var paidToday = int.Parse((await page.Locator("#kpi-paid").TextContentAsync())!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(paidToday >= 1, "the order paid in this test counts today");
        await Expect(page.Locator("#kpi-gmv")).Not.ToHaveTextAsync("¥0.00");
        var chart = page.GetByRole(AriaRole.Img, new() { NameRegex = new Regex("近 30 天") });
        await Expect(chart).ToBeVisibleAsync();
        await Expect(chart).ToHaveJSPropertyAsync("complete", true);
        Assert.True(await chart.EvaluateAsync<int>("img => img.naturalWidth") > 0, "the ScottPlot SVG loaded");
        await Screenshots.SaveAsync(page, "10-admin-dashboard");
    }

    [Fact]
    public async Task Agent_sees_orders_with_masked_recipients_and_cannot_open_staff_pages()
    {
        var number = await PaidExpressOrderAsync(skip: 7);
        using var admin = await store.StaffClientAsync();
        var userName = "agent" + Guid.NewGuid().ToString("N")[..8];
        var created = await admin.PostAsJsonAsync("/api/admin/staff", new { userName, password = "agent-password-1", displayName = "客服小王", role = "agent" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var page = await browser.NewPhonePageAsync();
        await SignInAsync(page, userName, "agent-password-1");
        await page.GotoAsync(store.Url("/admin/orders/" + number));
        await Expect(page.Locator("#recipient")).ToContainTextAsync("张**");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "显示完整信息（记入审计）" })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "员工" })).ToHaveCountAsync(0);

        await page.GotoAsync(store.Url("/admin/staff"));
        await Expect(page).ToHaveURLAsync(new Regex("/admin/denied"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "无权限" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Finance_refunds_part_of_an_order_paid_through_WeChat_Pay()
    {
        var number = await PaidExpressOrderAsync(skip: 8, throughWeChat: true);
        var userName = await NewStaffAsync("finance");
        var page = await browser.NewPhonePageAsync();
        await SignInAsync(page, userName, ConsoleSteps.StaffPassword);
        await page.GotoAsync(store.Url("/admin/orders/" + number));
        await Expect(page.Locator("#payments")).ToContainTextAsync("已支付");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "确认发货" })).ToHaveCountAsync(0);

        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "确认退款" }).ClickAsync();
        await Expect(page.Locator("[data-valmsg-for='RefundReason']")).ToHaveTextAsync("请填写退款原因（2 到 80 个字）");
        await page.GetByLabel("退款金额（元，不填则全额）").FillAsync("10.00");
        await page.GetByLabel("退款原因").FillAsync("价格保护补差");
        await page.GetByRole(AriaRole.Button, new() { Name = "确认退款" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("已提交退款");
        await Expect(page.Locator("#payments")).ToContainTextAsync("价格保护补差");

        await Eventually.TrueAsync(
            () => store.Store.QueryAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions
                .AnyAsync(db.Orders.Where(o => o.Number == number && o.RefundedFen == 1000))),
            "WeChat Pay's refund notification records the refund");
        await page.ReloadAsync();
        await Expect(page.Locator(".sum")).ToContainTextAsync("已退款¥10.00");
        await Screenshots.SaveAsync(page, "13-admin-refund");

        // Reconciliation for today's bill from the console: the paid order and its refund are in it.
        await page.GetByRole(AriaRole.Link, new() { Name = "对账" }).ClickAsync();
        var today = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await page.GetByLabel("对账日期").FillAsync("明天");
        await page.GetByRole(AriaRole.Button, new() { Name = "立即对账" }).ClickAsync();
        await Expect(page.Locator("[data-valmsg-for='Date']")).ToContainTextAsync("请填写要对账的日期");
        await page.GetByLabel("对账日期").FillAsync(today);
        await page.GetByRole(AriaRole.Button, new() { Name = "立即对账" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync(today + " 对账完成");
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = today + " 对账" }).First).ToContainTextAsync("退款");
        await Screenshots.SaveAsync(page, "14-admin-reconciliation");
    }

    private Task<string> NewStaffAsync(string role) => store.NewStaffAsync(role);

    private Task SignInAsync(IPage page, string userName, string password) => page.SignInToConsoleAsync(store, userName, password);

    private async Task<string> PaidExpressOrderAsync(int skip, bool throughWeChat = false)
    {
        var (number, shopper) = await store.PaidExpressOrderAsync(skip, throughWeChat);
        shopper.Dispose();
        return number;
    }
}
