using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WxMall.OfficialAccount;
using WxMall.Tests.Infrastructure;
using WxMall.Tests.OfficialAccount;

namespace WxMall.Tests.CustomerService;

/// <summary>
/// With no time for a passive reply, the endpoint answers "success" at once and the answer reaches the shopper through
/// the customer-service message API; order notices stopped by the template quota are recorded as such.
/// </summary>
public sealed class SlowAnswerTests(SlowAnswerTests.NoPassiveBudget app) : IClassFixture<SlowAnswerTests.NoPassiveBudget>
{
    public sealed class NoPassiveBudget : WeChatSandboxFactory
    {
        protected override IReadOnlyDictionary<string, string> SandboxSettings => new Dictionary<string, string>
        {
            ["OfficialAccount:PassiveReplyBudget"] = "00:00:00",
        };
    }

    [Fact]
    public async Task A_late_answer_arrives_through_the_customer_service_api()
    {
        using var emulator = app.EmulatorClient();
        var user = await HumanAgentTests.NewUserAsync(emulator, "慢回复");

        await emulator.PostAsJsonAsync($"/emulator/users/{user}/messages", new { content = "你好" });

        await Eventually.TrueAsync(
            async () => (await HumanAgentTests.ConversationAsync(emulator, user)).Any(e => e.Kind == "customer_service"),
            "the answer arrives as a customer-service message");
        Assert.DoesNotContain(await HumanAgentTests.ConversationAsync(emulator, user), e => e.Kind == "passive_reply");
        var openId = (await emulator.GetFromJsonAsync<JsonElement>($"/emulator/users/{user}")).GetProperty("officialAccountOpenId").GetString()!;
        await Eventually.TrueAsync(
            () => app.QueryAsync(db => db.ReceivedMessages.AnyAsync(m => m.OpenId == openId && m.RepliedAt != null)),
            "the message is marked answered");
    }

    [Fact]
    public async Task An_order_notice_refused_for_the_daily_quota_is_recorded_and_not_retried()
    {
        using var emulator = app.EmulatorClient();
        (await emulator.PutAsJsonAsync("/emulator/quotas/template_send", new { limit = 0 })).EnsureSuccessStatusCode();
        var shopper = app.NewShopper();
        var member = await shopper.RegisterAsync();
        var created = await emulator.PostAsJsonAsync("/emulator/users", new { nickname = "配额", follow = true });
        var openId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("officialAccountOpenId").GetString()!;
        await using (var scope = app.Scope())
        {
            var db = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<WxMall.Data.MallDb>(scope.ServiceProvider);
            db.WeChatIdentities.Add(new WxMall.Identity.WeChatIdentity { AppId = "wx5e1a7c0f2b9d4e68", OpenId = openId, MemberId = member.Id, FirstSeenAt = DateTimeOffset.UtcNow, LastSeenAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
        }

        var (sku, _) = await app.SkuWithStockAsync(5, skip: 3);
        var order = await shopper.PlacePickupOrderAsync(sku);
        await app.PayAsync(order.Number, order.PayableFen);

        await Eventually.TrueAsync(
            () => app.QueryAsync(db => db.OrderNotifications.AnyAsync(n => n.OrderNumber == order.Number && n.Kind == "paid")),
            "the paid notice is recorded");
        var notice = await app.QueryAsync(db => db.OrderNotifications.FirstAsync(n => n.OrderNumber == order.Number && n.Kind == "paid"));
        Assert.Equal(NotificationStatus.QuotaStopped, notice.Status);
        Assert.Contains("45009", notice.Error, StringComparison.Ordinal);
    }
}
