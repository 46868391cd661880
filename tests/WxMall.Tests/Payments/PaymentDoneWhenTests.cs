using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using WxMall.Ordering;
using WxMall.Payments;
using WxMall.Payments.Reconciliation;
using WxMall.Tests.Infrastructure;

namespace WxMall.Tests.Payments;

/// <summary>
/// Issue 5's "done when": in the emulator a user logs in with WeChat, buys a laptop with each of the three payment
/// modes, is refunded, and that day's reconciliation is clean.
/// </summary>
public sealed class PaymentDoneWhenTests(PaySandbox app) : IClassFixture<PaySandbox>
{
    [Fact]
    public async Task A_WeChat_user_buys_with_JSAPI_Native_and_H5_is_refunded_and_the_day_reconciles_clean()
    {
        var user = await app.CreateWeChatUserAsync("一键登录买家");
        using var browser = app.NewWeChatBrowser();
        var signedIn = await browser.SignInAsync(user, "userinfo");
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var shopper = new Shopper(browser.Client);
        var laptop = await LaptopAsync();

        var orders = new List<OrderView>();
        foreach (var mode in new[] { "jsapi", "native", "h5" })
        {
            var order = await shopper.PlacePickupOrderAsync(laptop);
            var payment = await PaySandbox.StartAsync(shopper, order.Number, mode);
            await app.PayAtWeChatAsync(payment.OutTradeNumber, user.UserId);
            await Eventually.TrueAsync(async () => (await shopper.GetAsync<PaymentStatusView>($"/api/orders/{order.Number}/payment-status")).Paid,
                $"the {mode} payment shows on the pay-result poll");
            orders.Add(order);
        }

        using var finance = await app.StaffClientAsync();
        var refund = await finance.PostAsJsonAsync($"/api/admin/orders/{orders[1].Number}/refunds", new { reason = "买家不想要了" });
        Assert.Equal(HttpStatusCode.OK, refund.StatusCode);
        await Eventually.TrueAsync(async () => (await app.OrderRowAsync(orders[1].Number)).Status == OrderStatus.Refunded, "the refund is confirmed");

        var today = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var reconciled = await finance.PostAsJsonAsync("/api/admin/reconciliation", new { date = today });
        var run = (await reconciled.Content.ReadFromJsonAsync<ReconciliationView>(Shopper.Json))!;
        Assert.Equal(nameof(ReconciliationStatus.Clean), run.Status);
        // The fixture is shared: other tests of this class may have paid today too, so the bill holds at least ours.
        Assert.True(run.BillPayments >= 3 && run.BillRefunds >= 1, $"{run.BillPayments} payments, {run.BillRefunds} refunds");
        Assert.True(run.BillPaidFen >= orders.Sum(o => o.PayableFen));
        var numbers = orders.Select(o => o.Number).ToList();
        var modes = await app.DbAsync(db => db.PaymentAttempts.Where(a => numbers.Contains(a.OrderNumber) && a.TransactionId != null)
            .OrderBy(a => a.Id).Select(a => a.Mode).ToListAsync());
        Assert.Equal([PaymentMode.Jsapi, PaymentMode.Native, PaymentMode.H5], modes);
    }

    [Fact]
    public async Task A_mini_program_user_pays_with_requestPayment_parameters_for_the_mini_program_app()
    {
        var user = await app.CreateWeChatUserAsync("小程序买家");
        using var client = await app.MiniProgramClientAsync(user);
        var shopper = new Shopper(client);
        var order = await shopper.PlacePickupOrderAsync(await LaptopAsync());

        var response = await client.PostAsJsonAsync($"/api/orders/{order.Number}/payments", new { mode = "jsapi", app = "mini-program" });
        var payment = (await response.Content.ReadFromJsonAsync<PaymentView>(Shopper.Json))!;
        await app.PayAtWeChatAsync(payment.OutTradeNumber, user.UserId);

        Assert.Equal("wx7c3f9a1e5d2b8064", payment.Jsapi!.AppId);
        await Eventually.TrueAsync(async () => (await app.OrderRowAsync(order.Number)).Status == OrderStatus.Paid, "the mini-program payment pays the order");
        var attempt = await app.DbAsync(db => db.PaymentAttempts.SingleAsync(a => a.OrderNumber == order.Number));
        Assert.Equal(user.MiniProgramOpenId, attempt.PayerOpenId);
    }

    private async Task<string> LaptopAsync()
    {
        using var client = app.CreateClient();
        var search = await client.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/catalog/search?q=%E6%B8%B8%E6%88%8F%E6%9C%AC&pageSize=1");
        var product = search.GetProperty("items")[0].GetProperty("code").GetString()!;
        var detail = await client.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/catalog/products/{product}");
        var sku = detail.GetProperty("skus")[0].GetProperty("code").GetString()!;
        await app.SetAvailableAsync(sku, 10);
        return sku;
    }
}
