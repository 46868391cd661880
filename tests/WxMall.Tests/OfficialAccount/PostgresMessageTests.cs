using Microsoft.EntityFrameworkCore;
using WxMall.OfficialAccount;
using WxMall.Tests.Infrastructure;

namespace WxMall.Tests.OfficialAccount;

/// <summary>
/// The message endpoint on PostgreSQL: the batched record writer's own INSERT matches the migrations there too, and
/// the "with a human" question reads the database (another instance may have handed the shopper over).
/// </summary>
public sealed class PostgresMessageTests
{
    [Fact]
    public async Task Keyword_answers_are_recorded_retries_are_kept_once_and_a_shopper_with_a_human_gets_no_keyword_reply()
    {
        await using var app = await PostgresSandboxMallAppFactory.CreateAsync();
        using var staff = await app.StaffAsync();
        var created = await staff.PostAsJsonAsync("/api/admin/official-account/rules", new { name = "发票", trigger = "Contains", pattern = "发票", priority = 1, replyKind = "Text", replyText = "电子发票在订单详情页申请。" });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        using var store = new HttpClient { BaseAddress = app.StoreUrl };
        var push = new WeChatPushClient(store);
        var openId = WeChatPushClient.NewOpenId();
        var sentAt = DateTimeOffset.UtcNow;
        var question = WeChatPushClient.TextXml(openId, "怎么开发票", WeChatPushClient.NewMessageId());

        var first = await (await push.PostEncryptedAsync(question)).Content.ReadAsStringAsync();
        var retry = await (await push.PostEncryptedAsync(question)).Content.ReadAsStringAsync();

        Assert.Equal("电子发票在订单详情页申请。", push.OpenReply(first)["Content"]);
        Assert.Equal("电子发票在订单详情页申请。", push.OpenReply(retry)["Content"]);
        await Eventually.TrueAsync(() => app.QueryAsync(db => db.ReceivedMessages.AnyAsync(m => m.OpenId == openId)), "the message is recorded");
        var record = await app.QueryAsync(db => db.ReceivedMessages.SingleAsync(m => m.OpenId == openId));
        Assert.Equal((AnsweredBy.KeywordRule, "怎么开发票"), (record.AnsweredBy, record.Content));
        Assert.NotNull(record.RuleId);
        Assert.InRange(record.ReceivedAt, sentAt.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));

        await push.PostPlaintextAsync(WeChatPushClient.TextXml(openId, "转人工", WeChatPushClient.NewMessageId()));
        await Eventually.TrueAsync(
            () => app.QueryAsync(db => db.Conversations.AnyAsync(c => c.OpenId == openId && c.Status == WxMall.CustomerService.ConversationStatus.Waiting)),
            "the shopper is handed over");
        var whileWithHuman = await (await push.PostPlaintextAsync(WeChatPushClient.TextXml(openId, "发票抬头写错了", WeChatPushClient.NewMessageId()))).Content.ReadAsStringAsync();

        Assert.DoesNotContain("电子发票在订单详情页申请", whileWithHuman, StringComparison.Ordinal);
        Assert.Equal(1, await app.QueryAsync(db => db.ReceivedMessages.CountAsync(m => m.OpenId == openId && m.AnsweredBy == AnsweredBy.KeywordRule)));
    }
}
