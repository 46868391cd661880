using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WxMall.Analytics;
using WxMall.Members;
using WxMall.Data;
using WxMall.Inventory;
using WxMall.Ordering;
using WxMall.Tests.Infrastructure;

namespace WxMall.Tests.Payments;

/// <summary>The analytics handler of the payment event, and the sales report built on it.</summary>
public sealed class SalesReportTests(PaySandbox app) : IClassFixture<PaySandbox>
{
    private async Task<OrderView> PayAsync(Shopper shopper, string userId, int skip)
    {
        var order = await app.OrderAsync(shopper, skip);
        var payment = await PaySandbox.StartAsync(shopper, order.Number, "native");
        await app.PayAtWeChatAsync(payment.CodeUrl!, userId);
        await Eventually.TrueAsync(() => app.DbAsync(db => db.SaleFacts.AnyAsync(f => f.OrderNumber == order.Number)), "the sale of " + order.Number + " is recorded");
        return order;
    }

    [Fact]
    public async Task Sales_are_reported_by_day_and_by_the_channel_the_buyer_came_from_net_of_refunds()
    {
        using var staff = await app.StaffClientAsync();

        // Other tests of this class sell too: the report is compared with what it said before.
        var before = (await staff.GetFromJsonAsync<SalesReportView>("/api/admin/analytics/sales"))!;
        var created = await staff.PostAsJsonAsync("/api/admin/official-account/qr-codes", new { kind = "Channel", name = "朋友圈广告·双十一", scene = "moments_1111" });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var qrUrl = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("url").GetString();

        // One buyer came from the Moments ad and buys twice; another came on their own and buys once, then gets 100 yuan back.
        var (fromAd, fromAdUser, _) = await app.WeChatShopperAsync();
        (await app.EmulatorControl.PostAsJsonAsync($"/emulator/users/{fromAdUser}/scan", new { code = qrUrl })).EnsureSuccessStatusCode();
        await Eventually.TrueAsync(() => app.DbAsync(db => db.QrScans.AnyAsync(s => s.Scene == "moments_1111")), "the scan is recorded");
        var first = await PayAsync(fromAd, fromAdUser, skip: 40);
        var second = await PayAsync(fromAd, fromAdUser, skip: 41);
        var (direct, directUser, _) = await app.WeChatShopperAsync();
        var third = await PayAsync(direct, directUser, skip: 42);
        var refund = await staff.PostAsJsonAsync($"/api/admin/orders/{third.Number}/refunds", new { amountFen = 100_00, reason = "价保补差" });
        Assert.Equal(HttpStatusCode.OK, refund.StatusCode);
        await Eventually.TrueAsync(() => app.DbAsync(db => db.SaleFacts.AnyAsync(f => f.OrderNumber == third.Number && f.RefundedFen == 100_00)), "the refund reaches the sale");

        var report = await staff.GetFromJsonAsync<SalesReportView>("/api/admin/analytics/sales");

        var ad = Assert.Single(report!.Channels, c => c.Channel == "moments_1111");
        Assert.Equal((2, 1, first.PayableFen + second.PayableFen), (ad.Orders, ad.Buyers, ad.NetFen));
        var own = Assert.Single(report.Channels, c => c.Channel == SaleFact.DirectChannel);
        var ownBefore = before.Channels.SingleOrDefault(c => c.Channel == SaleFact.DirectChannel) ?? new SalesChannel(SaleFact.DirectChannel, 0, 0, 0, 0);
        Assert.Equal((1, third.PayableFen, third.PayableFen - 100_00), (own.Orders - ownBefore.Orders, own.PaidFen - ownBefore.PaidFen, own.NetFen - ownBefore.NetFen));
        var today = Assert.Single(report.Days);
        var todayBefore = before.Days.SingleOrDefault() ?? new SalesDay(today.Day, 0, 0, 0, 0, 0, 0);
        Assert.Equal((3, 2, 0, 100_00L), (today.Orders - todayBefore.Orders, today.NewBuyers - todayBefore.NewBuyers, today.ReturningBuyers - todayBefore.ReturningBuyers, today.RefundedFen - todayBefore.RefundedFen));
        Assert.Equal(report.PaidFen - report.RefundedFen, report.NetFen);
        var facts = await app.DbAsync(db => db.SaleFacts.Where(f => f.OrderNumber == first.Number || f.OrderNumber == second.Number)
            .OrderBy(f => f.PaidAt).ThenBy(f => f.Id).Select(f => f.FirstPurchase).ToListAsync());
        Assert.Equal([true, false], facts);
    }

    [Fact]
    public async Task A_repeated_payment_event_records_the_sale_points_and_stock_commit_once()
    {
        var (shopper, userId, _) = await app.WeChatShopperAsync();
        var order = await PayAsync(shopper, userId, skip: 43);
        var row = await app.OrderRowAsync(order.Number);
        var repeated = new OrderPaid(order.Number, row.MemberId, row.PaidFen!.Value, row.PaymentTransactionId!, row.PaidAt!.Value);
        var writes = app.Services.GetRequiredService<SharedWrites>();
        var points = app.Services.GetRequiredService<IOptions<PointsOptions>>();
        var clock = app.Services.GetRequiredService<TimeProvider>();

        // Three deliveries at once, on top of the one the payment itself caused: they share write batches.
        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => PaidOrderBookkeepingHandler.Handle(repeated, writes, points, clock, CancellationToken.None)));

        Assert.Equal(1, await app.DbAsync(db => db.SaleFacts.CountAsync(f => f.OrderNumber == order.Number)));
        Assert.Equal(1, await app.DbAsync(db => db.PointsEntries.CountAsync(p => p.OrderNumber == order.Number && p.Reason == PointsReasons.EarnedOnPayment)));
        Assert.Equal(1, await app.DbAsync(db => db.StockMovements.CountAsync(m => m.OrderNumber == order.Number && m.Kind == StockMovementKind.Commit)));
        var member = await shopper.GetAsync<MemberView>("/api/members/me");
        Assert.Equal(row.PaidFen!.Value, member.TotalPaidFen);
    }

    [Fact]
    public async Task A_buyer_brought_by_a_friends_share_link_is_counted_under_referral()
    {
        var (sharer, _, _) = await app.WeChatShopperAsync();
        var sharerId = (await sharer.GetAsync<MemberView>("/api/members/me")).Id;
        var code = await app.DbAsync(async db => await Referrals.CodeForAsync(db, app.Services.GetRequiredService<IWriteGate>(), sharerId, CancellationToken.None));
        var (friend, friendUser, _) = await app.WeChatShopperAsync();
        Assert.Equal(HttpStatusCode.OK, (await friend.Client.GetAsync("/?ref=" + code)).StatusCode);

        var order = await PayAsync(friend, friendUser, skip: 44);

        Assert.Equal(SaleFact.ReferralChannel, await app.DbAsync(db => db.SaleFacts.Where(f => f.OrderNumber == order.Number).Select(f => f.Channel).FirstAsync()));
    }

    [Theory]
    [InlineData("?from=2026-13-01", "from")]
    [InlineData("?to=yesterday", "to")]
    [InlineData("?from=2026-11-20&to=2026-11-10", "from")]
    [InlineData("?from=2024-01-01&to=2026-01-01", "from")]
    public async Task A_bad_date_range_is_refused_naming_the_field(string query, string field)
    {
        using var staff = await app.StaffClientAsync();

        var response = await staff.GetAsync("/api/admin/analytics/sales" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task Shoppers_cannot_read_the_sales_report()
    {
        var (shopper, _, _) = await app.WeChatShopperAsync();

        var response = await shopper.Client.GetAsync("/api/admin/analytics/sales");

        Assert.True(response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.Redirect, response.StatusCode.ToString());
    }
}
