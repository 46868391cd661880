using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using WxMall.Ordering;
using WxMall.Payments;
using WxMall.Payments.Reconciliation;
using WxMall.Tests.Infrastructure;

namespace WxMall.Tests.Payments;

/// <summary>The day's trade bill against our books: lost notifications are found and repaired; a normal day is clean.</summary>
public sealed class ReconciliationTests(ReconciliationTests.SlowRefundChecks app) : IClassFixture<ReconciliationTests.SlowRefundChecks>
{
    /// <summary>Refund checks far away, so only the reconciliation can find a refund whose notification was dropped.</summary>
    public sealed class SlowRefundChecks : PaySandbox
    {
        protected override IReadOnlyDictionary<string, string> SandboxSettings => new Dictionary<string, string>(base.SandboxSettings)
        {
            ["Payments:RefundCheckDelay"] = "01:00:00",
        };
    }

    private static string Today => DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Lost_payment_and_refund_notifications_are_found_in_the_bill_and_repaired_then_the_day_is_clean()
    {
        var (shopper, userId, _) = await app.WeChatShopperAsync();
        var paidNormally = await app.OrderAsync(shopper, skip: 30);
        var lostPayment = await app.OrderAsync(shopper, skip: 31);
        var normal = await PaySandbox.StartAsync(shopper, paidNormally.Number, "native");
        var lost = await PaySandbox.StartAsync(shopper, lostPayment.Number, "native");
        using var finance = await app.StaffClientAsync();

        await app.PayAtWeChatAsync(normal.CodeUrl!, userId);
        await Eventually.TrueAsync(async () => (await app.OrderRowAsync(paidNormally.Number)).Status == OrderStatus.Paid, "the first order is paid");
        await app.NotificationFaultsAsync(new { drop = true });
        try
        {
            await app.PayAtWeChatAsync(lost.CodeUrl!, userId);
            var refund = await finance.PostAsJsonAsync($"/api/admin/orders/{paidNormally.Number}/refunds", new { amountFen = 50_00, reason = "价保补差" });
            Assert.Equal(HttpStatusCode.OK, refund.StatusCode);
            await Eventually.TrueAsync(
                async () => (await app.RefundsAsync(paidNormally.Number)).Single().Status == RefundStatus.Processing, "WeChat accepts the refund");
            await Task.Delay(500); // the emulator settles the refund after one scaled minute; its notification is dropped
        }
        finally
        {
            await app.ClearFaultsAsync();
        }

        Assert.Equal(OrderStatus.AwaitingPayment, (await app.OrderRowAsync(lostPayment.Number)).Status);
        var first = await RunAsync(finance);
        var second = await RunAsync(finance);

        Assert.Equal(nameof(ReconciliationStatus.Differences), first.Status);
        Assert.Contains(first.Differences, d => d.Kind == nameof(DifferenceKind.PaidAtWeChatNotHere) && d.OutTradeNumber == lost.OutTradeNumber
            && d.Resolution == nameof(DifferenceResolution.RepairedByQuery));
        Assert.Contains(first.Differences, d => d.Kind == nameof(DifferenceKind.RefundNotFinishedHere) && d.OutRefundNumber == paidNormally.Number + "R1"
            && d.Resolution == nameof(DifferenceResolution.RepairedByQuery));
        Assert.Equal(0, first.OpenDifferences);
        Assert.Equal(OrderStatus.Paid, (await app.OrderRowAsync(lostPayment.Number)).Status);
        Assert.Equal(50_00, (await app.OrderRowAsync(paidNormally.Number)).RefundedFen);
        Assert.Equal(nameof(ReconciliationStatus.Clean), second.Status);
        Assert.True(second.BillPayments >= 2 && second.BillRefunds >= 1, $"{second.BillPayments} payments, {second.BillRefunds} refunds in the bill");
    }

    [Fact]
    public async Task A_bad_date_is_refused_and_shoppers_cannot_reconcile()
    {
        using var finance = await app.StaffClientAsync();
        var shopper = app.NewShopper();
        await shopper.RegisterAsync();

        var tomorrow = await finance.PostAsJsonAsync("/api/admin/reconciliation", new { date = DateTime.UtcNow.AddDays(2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) });
        var garbage = await finance.PostAsJsonAsync("/api/admin/reconciliation", new { date = "昨天" });
        var byShopper = await shopper.Client.PostAsJsonAsync("/api/admin/reconciliation", new { date = Today });

        Assert.Equal(HttpStatusCode.BadRequest, tomorrow.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, garbage.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, byShopper.StatusCode);
    }

    [Fact]
    public void Bill_amounts_in_yuan_become_fen_exactly_and_odd_amounts_are_refused()
    {
        Assert.Equal(649_900, TradeBill.Fen("6499.00"));
        Assert.Equal(1, TradeBill.Fen("0.01"));
        Assert.Throws<FormatException>(() => TradeBill.Fen("1.005"));
        Assert.Throws<FormatException>(() => TradeBill.Fen("-1.00"));
    }

    private static async Task<ReconciliationView> RunAsync(HttpClient finance)
    {
        var response = await finance.PostAsJsonAsync("/api/admin/reconciliation", new { date = Today });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<ReconciliationView>(Shopper.Json))!;
    }
}
