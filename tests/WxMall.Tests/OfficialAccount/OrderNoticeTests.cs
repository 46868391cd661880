using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WxMall.Identity;
using WxMall.OfficialAccount;
using WxMall.Ordering;
using WxMall.Payments;
using WxMall.Tests.CustomerService;
using WxMall.Tests.Infrastructure;
using WxMall.Tests.Payments;

namespace WxMall.Tests.OfficialAccount;

/// <summary>
/// Order news through the emulator: a buyer who paid in the mini-program gets subscribe messages for paid, shipped and
/// refund done (not template messages, even when they also follow the official account); an official-account buyer
/// gets the refund-done template message too.
/// </summary>
public sealed class OrderNoticeTests(PaySandbox app) : IClassFixture<PaySandbox>
{
    private const string MiniProgramAppId = "wx7c3f9a1e5d2b8064";

    [Fact]
    public async Task A_mini_program_buyer_hears_paid_shipped_and_refund_done_as_subscribe_messages()
    {
        var user = await app.CreateWeChatUserAsync("小程序买家通知");
        foreach (var template in new[] { "order_paid_subscribe", "order_shipped_subscribe", "order_refunded_subscribe" })
        {
            // What wx.requestSubscribeMessage leaves behind: one send allowed per template.
            var authorized = await app.EmulatorControl.PostAsJsonAsync($"/emulator/users/{user.UserId}/subscribe-authorizations", new { templateId = template, count = 1 });
            authorized.EnsureSuccessStatusCode();
        }

        (await app.EmulatorControl.PostAsync($"/emulator/users/{user.UserId}/follow", null)).EnsureSuccessStatusCode();
        using var client = await app.MiniProgramClientAsync(user);
        var memberId = await app.DbAsync(db => db.WeChatIdentities.Where(i => i.AppId == MiniProgramAppId && i.OpenId == user.MiniProgramOpenId).Select(i => i.MemberId!.Value).SingleAsync());
        await LinkOfficialAccountAsync(memberId, user);
        var shopper = new Shopper(client);
        var order = await app.OrderAsync(shopper);

        var started = await client.PostAsJsonAsync($"/api/orders/{order.Number}/payments", new { mode = "jsapi", app = "mini-program" });
        Assert.True(started.IsSuccessStatusCode, await started.Content.ReadAsStringAsync());
        var payment = (await started.Content.ReadFromJsonAsync<PaymentView>(Shopper.Json))!;
        await app.PayAtWeChatAsync(payment.OutTradeNumber, user.UserId);
        await Eventually.TrueAsync(async () => (await app.OrderRowAsync(order.Number)).Status == OrderStatus.Paid, "the order is paid");
        await Eventually.TrueAsync(() => NoticeExistsAsync(order.Number, "paid"), "the paid notice is recorded");

        using var staff = await app.StaffClientAsync();
        var shipped = await staff.PostAsJsonAsync($"/api/admin/orders/{order.Number}/ship", new { carrier = "京东物流", trackingNumber = "JD0098765432" });
        Assert.True(shipped.IsSuccessStatusCode, await shipped.Content.ReadAsStringAsync());
        await Eventually.TrueAsync(() => NoticeExistsAsync(order.Number, "shipped"), "the shipped notice is recorded");
        var refund = await staff.PostAsJsonAsync($"/api/admin/orders/{order.Number}/refunds", new { reason = "买家不想要了" });
        Assert.True(refund.IsSuccessStatusCode, await refund.Content.ReadAsStringAsync());
        await Eventually.TrueAsync(async () => (await app.OrderRowAsync(order.Number)).Status == OrderStatus.Refunded, "the refund is confirmed", seconds: 60);
        await Eventually.TrueAsync(() => NoticeExistsAsync(order.Number, "refunded:"), "the refund-done notice is recorded", seconds: 60);

        var notices = await app.DbAsync(db => db.OrderNotifications.AsNoTracking().Where(n => n.OrderNumber == order.Number).OrderBy(n => n.Id).ToListAsync());
        Assert.Equal(["paid", "shipped", "refunded:" + order.Number + "R1"], notices.Select(n => n.Kind));
        Assert.All(notices, n => Assert.Equal((OrderNotifications.SubscribeChannel, NotificationStatus.Sent, user.MiniProgramOpenId), (n.Channel, n.Status, n.OpenId)));
        var chat = await HumanAgentTests.ConversationAsync(app.EmulatorControl, user.UserId);
        var subscribeMessages = chat.Where(e => e.Kind == "subscribe").Select(e => e.Summary).ToList();
        Assert.Equal(3, subscribeMessages.Count);
        Assert.All(subscribeMessages, m => Assert.Contains(order.Number, m, StringComparison.Ordinal));
        Assert.Contains(subscribeMessages, m => m.Contains("JD0098765432", StringComparison.Ordinal));
        Assert.DoesNotContain(chat, e => e.Kind == "template");
    }

    [Fact]
    public async Task An_official_account_buyer_gets_the_refund_done_template_message()
    {
        var (shopper, userId, openId) = await app.WeChatShopperAsync();
        (await app.EmulatorControl.PostAsync($"/emulator/users/{userId}/follow", null)).EnsureSuccessStatusCode();
        var order = await app.OrderAsync(shopper, skip: 1);
        var payment = await PaySandbox.StartAsync(shopper, order.Number, "native");
        await app.PayAtWeChatAsync(payment.OutTradeNumber, userId);
        await Eventually.TrueAsync(async () => (await app.OrderRowAsync(order.Number)).Status == OrderStatus.Paid, "the order is paid");

        using var staff = await app.StaffClientAsync();
        var refund = await staff.PostAsJsonAsync($"/api/admin/orders/{order.Number}/refunds", new { reason = "缺货退款" });
        Assert.True(refund.IsSuccessStatusCode, await refund.Content.ReadAsStringAsync());

        await Eventually.TrueAsync(
            async () => (await HumanAgentTests.ConversationAsync(app.EmulatorControl, userId)).Any(e => e.Kind == "template" && e.Summary.Contains("退款成功", StringComparison.Ordinal)),
            "the refund-done template message reaches the buyer", seconds: 60);
        var refunded = await app.DbAsync(db => db.OrderNotifications.AsNoTracking().SingleAsync(n => n.OrderNumber == order.Number && n.Kind.StartsWith("refunded:")));
        Assert.Equal((OrderNotifications.TemplateChannel, openId), (refunded.Channel, refunded.OpenId));
        Assert.Contains(refunded.Status, new[] { NotificationStatus.Sent, NotificationStatus.Delivered });
    }

    private Task<bool> NoticeExistsAsync(string orderNumber, string kind) =>
        app.DbAsync(db => db.OrderNotifications.AnyAsync(n => n.OrderNumber == orderNumber && n.Kind.StartsWith(kind)));

    /// <summary>The same person also follows the official account (a unionid login there would link it like this).</summary>
    private async Task LinkOfficialAccountAsync(long memberId, EmulatedWeChatUser user)
    {
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<WxMall.Data.MallDb>();
        db.WeChatIdentities.Add(new WeChatIdentity
        {
            AppId = PaySandbox.OfficialAccountAppId, OpenId = user.OfficialAccountOpenId, UnionId = user.UnionId, MemberId = memberId,
            FirstSeenAt = DateTimeOffset.UtcNow, LastSeenAt = DateTimeOffset.UtcNow,
        });
        await db.SaveChangesAsync();
    }
}
