using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WxMall.Identity;
using WxMall.OfficialAccount;
using WxMall.Tests.Infrastructure;
using WxMall.Tests.OfficialAccount;

namespace WxMall.Tests.CustomerService;

/// <summary>
/// The issue's "done when", in the emulator's phone: a linked shopper follows, asks where their order is and gets
/// its real status and tracking number, asks for a gaming laptop around 6000 and gets three real products; order
/// news arrives as template messages and their delivery reports are recorded.
/// </summary>
public sealed partial class ShopperJourneyTests(WeChatSandboxFactory app) : IClassFixture<WeChatSandboxFactory>
{
    private const string OfficialAccountAppId = "wx5e1a7c0f2b9d4e68";

    [Fact]
    public async Task A_linked_shopper_hears_their_real_order_status_and_gets_three_real_laptops()
    {
        using var emulator = app.EmulatorClient();
        var (shopper, user) = await LinkedShopperAsync(emulator);

        // Follow before paying: WeChat refuses template messages to someone who does not follow the account (43004),
        // and the paid and shipped notices may go out as soon as the payment and the shipment are recorded.
        await emulator.PostAsync($"/emulator/users/{user}/follow", null);
        var (sku, price) = await app.SkuWithStockAsync(5);
        var order = await shopper.PlacePickupOrderAsync(sku);
        var (outcome, _) = await app.PayAsync(order.Number, order.PayableFen);
        Assert.Equal(WxMall.Ordering.PaymentOutcome.Recorded, outcome);
        using var staff = await app.StaffAsync();
        var shipped = await staff.PostAsJsonAsync($"/api/admin/orders/{order.Number}/ship", new { carrier = "顺丰速运", trackingNumber = "SF1402938475" });
        Assert.True(shipped.IsSuccessStatusCode, await shipped.Content.ReadAsStringAsync());

        await emulator.PostAsJsonAsync($"/emulator/users/{user}/messages", new { content = "我的订单到哪了" });
        await emulator.PostAsJsonAsync($"/emulator/users/{user}/messages", new { content = "6000左右的游戏本推荐一下" });

        // Usually passive replies; through the customer-service API when the answer was slower than the reply budget.
        await Eventually.TrueAsync(async () => (await HumanAgentTests.ConversationAsync(emulator, user)).Count(IsAnswer) >= 3, "three answers");
        var replies = (await HumanAgentTests.ConversationAsync(emulator, user)).Where(IsAnswer).Select(e => e.Summary).ToList();
        Assert.Contains(replies, r => r.Contains("欢迎关注", StringComparison.Ordinal));
        Assert.True(replies.Count(r => r.Contains(order.Number, StringComparison.Ordinal)) == 1, "Replies:\n" + string.Join("\n---\n", replies));
        var status = replies.Single(r => r.Contains(order.Number, StringComparison.Ordinal));
        Assert.Contains("已发货", status, StringComparison.Ordinal);
        Assert.Contains("SF1402938475", status, StringComparison.Ordinal);
        Assert.True(replies.Count(r => r.Contains("为您挑了", StringComparison.Ordinal)) == 1, "Replies:\n" + string.Join("\n---\n", replies));
        var recommendation = replies.Single(r => r.Contains("为您挑了", StringComparison.Ordinal));
        var productCodes = ProductLink().Matches(recommendation).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(3, productCodes.Distinct().Count());
        var laptops = await app.QueryAsync(db => db.Products.Where(p => productCodes.Contains(p.Code)).Select(p => new { p.Category.Code, Price = p.Skus.Min(s => s.PriceFen) }).ToListAsync());
        Assert.Equal(3, laptops.Count);
        Assert.All(laptops, laptop => Assert.Equal("laptop", laptop.Code));
        Assert.True(price > 0);

        await Eventually.TrueAsync(
            async () => (await HumanAgentTests.ConversationAsync(emulator, user)).Count(e => e.Kind == "template") >= 2,
            "the paid and shipped template messages reach the shopper", seconds: 60);
        await Eventually.TrueAsync(
            () => app.QueryAsync(db => db.OrderNotifications.CountAsync(n => n.OrderNumber == order.Number && n.Status == NotificationStatus.Delivered).ContinueWith(t => t.Result == 2, TaskScheduler.Default)),
            "TEMPLATESENDJOBFINISH marks both notices delivered", seconds: 60);
        var templates = (await HumanAgentTests.ConversationAsync(emulator, user)).Where(e => e.Kind == "template").Select(e => e.Summary).ToList();
        Assert.Contains(templates, t => t.Contains("订单支付成功", StringComparison.Ordinal));
        Assert.Contains(templates, t => t.Contains("SF1402938475", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_bot_hands_over_after_a_second_answer_it_cannot_give()
    {
        using var emulator = app.EmulatorClient();
        var created = await emulator.PostAsJsonAsync("/emulator/users", new { nickname = "未绑定", follow = true });
        var user = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("userId").GetString()!;

        await emulator.PostAsJsonAsync($"/emulator/users/{user}/messages", new { content = "我的订单到哪了" });
        await emulator.PostAsJsonAsync($"/emulator/users/{user}/messages", new { content = "查一下我买的东西发货没有" });

        await Eventually.TrueAsync(async () => (await HumanAgentTests.ConversationAsync(emulator, user)).Count(IsAnswer) >= 2, "two answers");
        var replies = (await HumanAgentTests.ConversationAsync(emulator, user)).Where(IsAnswer).Select(e => e.Summary).ToList();
        Assert.Contains("商城账号", replies[0], StringComparison.Ordinal);
        Assert.Contains("人工客服", replies[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_message_the_bot_is_unsure_of_goes_to_a_human_instead_of_a_guess()
    {
        // The least certain of a few off-topic messages, as the store's own model sees it.
        var classifier = app.Services.GetRequiredService<WxMall.CustomerService.Bot.IntentClassifier>();
        var minimum = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<WxMall.CustomerService.CustomerServiceOptions>>().Value.MinimumConfidence;
        var unsure = new[] { "天气不错啊", "qwerty zxcv", "昨天那个事情后来怎么样了" }
            .Select(text => (Text: text, classifier.Classify(text).Confidence)).MinBy(c => c.Confidence);
        Assert.True(unsure.Confidence < minimum, $"the model is sure of '{unsure.Text}' ({unsure.Confidence:0.000}); pick a vaguer message");
        using var emulator = app.EmulatorClient();
        var created = await emulator.PostAsJsonAsync("/emulator/users", new { nickname = "随便问问", follow = true });
        var user = await created.Content.ReadFromJsonAsync<JsonElement>();
        var userId = user.GetProperty("userId").GetString()!;
        var openId = user.GetProperty("officialAccountOpenId").GetString()!;

        await emulator.PostAsJsonAsync($"/emulator/users/{userId}/messages", new { content = unsure.Text });

        await Eventually.TrueAsync(
            async () => await app.QueryAsync(db => db.Conversations.AnyAsync(c => c.OpenId == openId && c.HandoverReason != null)), "the hand-over");
        Assert.Equal("low_confidence", await app.QueryAsync(db => db.Conversations.Where(c => c.OpenId == openId).Select(c => c.HandoverReason).FirstAsync()));
        await Eventually.TrueAsync(async () => (await HumanAgentTests.ConversationAsync(emulator, userId)).Any(IsAnswer), "an answer");
        Assert.Contains("人工客服", (await HumanAgentTests.ConversationAsync(emulator, userId)).Where(IsAnswer).Last().Summary, StringComparison.Ordinal);
    }

    private static bool IsAnswer(HumanAgentTests.ChatEntry entry) => entry.Kind is "passive_reply" or "customer_service";

    private async Task<(Shopper Shopper, string UserId)> LinkedShopperAsync(HttpClient emulator)
    {
        var shopper = app.NewShopper();
        var member = await shopper.RegisterAsync();
        var created = await emulator.PostAsJsonAsync("/emulator/users", new { nickname = "游戏玩家" });
        created.EnsureSuccessStatusCode();
        var user = await created.Content.ReadFromJsonAsync<JsonElement>();
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<WxMall.Data.MallDb>();
        db.WeChatIdentities.Add(new WeChatIdentity
        {
            AppId = OfficialAccountAppId, OpenId = user.GetProperty("officialAccountOpenId").GetString()!, UnionId = user.GetProperty("unionId").GetString(),
            MemberId = member.Id, FirstSeenAt = DateTimeOffset.UtcNow, LastSeenAt = DateTimeOffset.UtcNow,
        });
        await db.SaveChangesAsync();
        return (shopper, user.GetProperty("userId").GetString()!);
    }

    [GeneratedRegex(@"/products/([A-Za-z0-9\-]+)")]
    private static partial Regex ProductLink();
}
