using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using WxMall.OfficialAccount;
using WxMall.Tests.Infrastructure;
using WxMall.WeChat.Crypto;

namespace WxMall.Tests.OfficialAccount;

/// <summary>The message endpoint over HTTP with the real protocol crypto: verification, safe mode, retries, bad input.</summary>
public sealed class MessageEndpointTests(WeChatSandboxFactory app) : IClassFixture<WeChatSandboxFactory>
{
    [Fact]
    public async Task Url_verification_echoes_only_a_correctly_signed_request()
    {
        using var store = app.CreateClient();
        const string timestamp = "1714036504", nonce = "1514711492";
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var signature = WeChatSignature.ComputeServerSignature(WeChatPushClient.Token, now, nonce);

        var good = await store.GetAsync($"/wechat/message?signature={signature}&timestamp={now}&nonce={nonce}&echostr=4375120948345356249");
        var forged = await store.GetAsync($"/wechat/message?signature={new string('a', 40)}&timestamp={now}&nonce={nonce}&echostr=4375120948345356249");
        var stale = await store.GetAsync($"/wechat/message?signature={WeChatSignature.ComputeServerSignature(WeChatPushClient.Token, timestamp, nonce)}&timestamp={timestamp}&nonce={nonce}&echostr=1");

        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        Assert.Equal("4375120948345356249", await good.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Contains("签名校验失败", await forged.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, stale.StatusCode);
    }

    [Fact]
    public async Task A_keyword_rule_answers_in_plaintext_and_in_safe_mode_and_the_rule_is_recorded()
    {
        using var staff = await app.StaffAsync();
        var rule = await CreateRuleAsync(staff, new { name = "营业时间", trigger = "Contains", pattern = "营业时间", priority = 5, replyKind = "Text", replyText = "门店营业时间：每天 10:00-22:00" });
        using var store = app.CreateClient();
        var push = new WeChatPushClient(store);
        var openId = WeChatPushClient.NewOpenId();

        var plain = await push.PostPlaintextAsync(WeChatPushClient.TextXml(openId, "请问营业时间是几点？", WeChatPushClient.NewMessageId()));
        var encrypted = await push.PostEncryptedAsync(WeChatPushClient.TextXml(openId, "营业时间", WeChatPushClient.NewMessageId()));

        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        var plainReply = WeChatPushClient.ReadPlain(await plain.Content.ReadAsStringAsync());
        Assert.Equal("门店营业时间：每天 10:00-22:00", plainReply["Content"]);
        Assert.Equal(openId, plainReply["ToUserName"]);
        Assert.Equal(WeChatPushClient.OriginalId, plainReply["FromUserName"]);
        var openedReply = push.OpenReply(await encrypted.Content.ReadAsStringAsync());
        Assert.Equal("门店营业时间：每天 10:00-22:00", openedReply["Content"]);
        // A keyword answer does not wait for its record; the batched writer commits it moments later.
        await Eventually.TrueAsync(
            async () => await app.QueryAsync(db => db.ReceivedMessages.CountAsync(m => m.OpenId == openId)) == 2, "both messages are recorded");
        var recorded = await app.QueryAsync(db => db.ReceivedMessages.Where(m => m.OpenId == openId).Select(m => new { m.RuleId, m.AnsweredBy }).ToListAsync());
        Assert.Equal(2, recorded.Count);
        Assert.All(recorded, r => Assert.Equal((rule, AnsweredBy.KeywordRule), (r.RuleId, r.AnsweredBy)));
    }

    [Fact]
    public async Task Weixin_retries_of_one_message_get_the_same_reply_and_are_kept_once()
    {
        using var staff = await app.StaffAsync();
        await CreateRuleAsync(staff, new { name = "重试", trigger = "Exact", pattern = "重试测试", priority = 1, replyKind = "Text", replyText = "收到重试测试" });
        using var store = app.CreateClient();
        var push = new WeChatPushClient(store);
        var openId = WeChatPushClient.NewOpenId();
        var xml = WeChatPushClient.TextXml(openId, "重试测试", WeChatPushClient.NewMessageId());

        var replies = await Task.WhenAll(Enumerable.Range(0, 3).Select(async _ => await (await push.PostPlaintextAsync(xml)).Content.ReadAsStringAsync()));

        Assert.All(replies, reply => Assert.Equal("收到重试测试", WeChatPushClient.ReadPlain(reply)["Content"]));
        await Eventually.TrueAsync(async () => await app.QueryAsync(db => db.ReceivedMessages.AnyAsync(m => m.OpenId == openId)), "the message is recorded");
        var again = await (await push.PostPlaintextAsync(xml)).Content.ReadAsStringAsync();
        Assert.Equal("收到重试测试", WeChatPushClient.ReadPlain(again)["Content"]);
        Assert.Equal(1, await app.QueryAsync(db => db.ReceivedMessages.CountAsync(m => m.OpenId == openId)));
    }

    [Fact]
    public async Task Forged_replayed_and_malformed_pushes_are_refused_without_a_reply_or_a_record()
    {
        using var store = app.CreateClient();
        var push = new WeChatPushClient(store);
        var openId = WeChatPushClient.NewOpenId();
        var xml = WeChatPushClient.TextXml(openId, "你好", WeChatPushClient.NewMessageId());

        var forged = await push.PostPlaintextAsync(xml, token: "not-the-token");
        var replayed = await push.PostPlaintextAsync(xml, signedAt: DateTimeOffset.UtcNow.AddMinutes(-6));
        var badMessageSignature = await push.PostEncryptedAsync(xml, breakMessageSignature: true);
        var withDtd = await push.PostPlaintextAsync("<!DOCTYPE xml [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>" + xml.Replace("你好", "&x;", StringComparison.Ordinal));
        var broken = await push.PostPlaintextAsync("<xml><ToUserName>");
        var oversized = await push.PostPlaintextAsync("<xml><Content>" + new string('a', 70_000) + "</Content></xml>");

        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, replayed.StatusCode);
        Assert.Contains("5 分钟", await replayed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, badMessageSignature.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, withDtd.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, oversized.StatusCode);
        Assert.Equal(0, await app.QueryAsync(db => db.ReceivedMessages.CountAsync(m => m.OpenId == openId)));
    }

    [Fact]
    public async Task Unknown_message_types_and_events_get_success()
    {
        using var store = app.CreateClient();
        var push = new WeChatPushClient(store);
        var openId = WeChatPushClient.NewOpenId();
        var location = $"<xml><ToUserName><![CDATA[{WeChatPushClient.OriginalId}]]></ToUserName><FromUserName><![CDATA[{openId}]]></FromUserName><CreateTime>{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}</CreateTime><MsgType><![CDATA[location]]></MsgType><Location_X>23.1</Location_X><MsgId>{WeChatPushClient.NewMessageId()}</MsgId></xml>";

        var response = await push.PostPlaintextAsync(location);
        var unknownEvent = await push.PostPlaintextAsync(WeChatPushClient.EventXml(openId, "some_future_event", at: DateTimeOffset.UtcNow.AddSeconds(-1)));

        Assert.Equal("success", await response.Content.ReadAsStringAsync());
        Assert.Equal("success", await unknownEvent.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_runaway_regular_expression_is_cut_off_and_the_shopper_is_still_answered()
    {
        using var staff = await app.StaffAsync();
        await CreateRuleAsync(staff, new { name = "回溯", trigger = "Regex", pattern = "^(a+)+$", priority = 100, replyKind = "Text", replyText = "不应出现" });
        using var store = app.CreateClient();
        var push = new WeChatPushClient(store);
        var openId = WeChatPushClient.NewOpenId();

        var response = await push.PostPlaintextAsync(WeChatPushClient.TextXml(openId, new string('a', 40) + "!", WeChatPushClient.NewMessageId()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("不应出现", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // The desk answers instead: passively, or (on a loaded machine, past the reply budget) through the
        // customer-service API a moment later; either way the message ends up answered, not by the rule.
        await Eventually.TrueAsync(
            () => app.QueryAsync(db => db.ReceivedMessages.AnyAsync(m => m.OpenId == openId && m.RepliedAt != null)), "the message is answered");
        var record = await app.QueryAsync(db => db.ReceivedMessages.SingleAsync(m => m.OpenId == openId));
        Assert.Equal((AnsweredBy.CustomerService, (long?)null), (record.AnsweredBy, record.RuleId));
    }

    [Fact]
    public async Task Rules_are_validated_with_messages_that_say_what_to_fix()
    {
        using var staff = await app.StaffAsync();

        var badRegex = await staff.PostAsJsonAsync("/api/admin/official-account/rules", new { name = "坏正则", trigger = "Regex", pattern = "([", priority = 1, replyKind = "Text", replyText = "x" });
        var noProduct = await staff.PostAsJsonAsync("/api/admin/official-account/rules", new { name = "商品", trigger = "Exact", pattern = "推荐", priority = 1, replyKind = "Product", productCode = "no-such-product" });
        var anonymous = await app.CreateClient().GetAsync("/api/admin/official-account/rules");

        Assert.Equal(HttpStatusCode.BadRequest, badRegex.StatusCode);
        Assert.Contains("正则表达式无效", await badRegex.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, noProduct.StatusCode);
        Assert.Contains("no-such-product", await noProduct.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task The_highest_priority_matching_rule_answers_with_a_news_card_or_a_product_card()
    {
        using var staff = await app.StaffAsync();
        var suffix = Guid.NewGuid().ToString("N")[..6];
        await CreateRuleAsync(staff, new { name = "低优先", trigger = "Contains", pattern = "装机" + suffix, priority = 1, replyKind = "Text", replyText = "低优先级的回答" });
        var news = await CreateRuleAsync(staff, new
        {
            name = "装机指南", trigger = "Regex", pattern = "装机" + suffix + ".*指南", priority = 9, replyKind = "News", replyText = "三步选好配置",
            newsTitle = "2026 装机指南", newsUrl = "/search?q=主机",
        });
        var product = await app.QueryAsync(db => db.Products.Where(p => p.OnSale).OrderBy(p => p.Id).Select(p => new { p.Code, p.Name }).FirstAsync());
        var card = await CreateRuleAsync(staff, new { name = "商品卡片", trigger = "Exact", pattern = "看看" + suffix, priority = 3, replyKind = "Product", productCode = product.Code });
        using var store = app.CreateClient();
        var push = new WeChatPushClient(store);
        var openId = WeChatPushClient.NewOpenId();

        var lower = await ReplyAsync(push, openId, "装机" + suffix + "多少钱");
        var higher = await ReplyAsync(push, openId, "装机" + suffix + "有没有指南");
        var productCard = await ReplyAsync(push, openId, "看看" + suffix);

        // Both text rules match the second message; the higher priority one answers, as a news card.
        Assert.Equal("低优先级的回答", lower.Element("Content")!.Value);
        Assert.Equal("news", higher.Element("MsgType")!.Value);
        var article = higher.Element("Articles")!.Element("item")!;
        Assert.Equal("2026 装机指南", article.Element("Title")!.Value);
        Assert.Equal("三步选好配置", article.Element("Description")!.Value);
        Assert.StartsWith("http", article.Element("Url")!.Value, StringComparison.Ordinal);
        Assert.EndsWith("/search?q=主机", Uri.UnescapeDataString(article.Element("Url")!.Value), StringComparison.Ordinal);

        // A product card links to the product's page and shows its name and image.
        Assert.Equal("news", productCard.Element("MsgType")!.Value);
        var item = productCard.Element("Articles")!.Element("item")!;
        Assert.Equal(product.Name, item.Element("Title")!.Value);
        Assert.Contains(product.Code, item.Element("Url")!.Value, StringComparison.Ordinal);
        Assert.Contains(product.Code, item.Element("PicUrl")!.Value, StringComparison.Ordinal);

        await Eventually.TrueAsync(
            async () => await app.QueryAsync(db => db.ReceivedMessages.CountAsync(m => m.OpenId == openId)) == 3, "the three messages are recorded");
        var answeredBy = await app.QueryAsync(db => db.ReceivedMessages.Where(m => m.OpenId == openId).OrderBy(m => m.Id).Select(m => m.RuleId).ToListAsync());
        Assert.Equal(news, answeredBy[1]);
        Assert.Equal(card, answeredBy[2]);
    }

    [Fact]
    public async Task Weixin_retries_of_an_event_get_one_answer_and_are_kept_once()
    {
        using var store = app.CreateClient();
        var push = new WeChatPushClient(store);
        var openId = WeChatPushClient.NewOpenId();

        // WeChat tries an event up to three times with the same FromUserName and CreateTime (events carry no MsgId).
        var follow = WeChatPushClient.EventXml(openId, "subscribe", at: DateTimeOffset.UtcNow);
        var replies = await Task.WhenAll(Enumerable.Range(0, 3).Select(async _ => await (await push.PostPlaintextAsync(follow)).Content.ReadAsStringAsync()));

        var greeting = WeChatPushClient.ReadPlain(replies[0])["Content"];
        Assert.False(string.IsNullOrWhiteSpace(greeting));
        Assert.All(replies, reply => Assert.Equal(greeting, WeChatPushClient.ReadPlain(reply)["Content"]));
        await Eventually.TrueAsync(async () => await app.QueryAsync(db => db.ReceivedMessages.AnyAsync(m => m.OpenId == openId)), "the follow is recorded");
        var late = await (await push.PostPlaintextAsync(follow)).Content.ReadAsStringAsync();
        Assert.Equal(greeting, WeChatPushClient.ReadPlain(late)["Content"]);
        Assert.Equal(1, await app.QueryAsync(db => db.ReceivedMessages.CountAsync(m => m.OpenId == openId)));

        // A different event in the same second is not a retry.
        var tap = WeChatPushClient.EventXml(openId, "CLICK", "no-such-key", at: DateTimeOffset.UtcNow);
        Assert.Equal(HttpStatusCode.OK, (await push.PostPlaintextAsync(tap)).StatusCode);
        await Eventually.TrueAsync(
            async () => await app.QueryAsync(db => db.ReceivedMessages.CountAsync(m => m.OpenId == openId)) == 2, "the menu tap is recorded as well");
    }

    private static async Task<System.Xml.Linq.XElement> ReplyAsync(WeChatPushClient push, string openId, string text)
    {
        var response = await push.PostPlaintextAsync(WeChatPushClient.TextXml(openId, text, WeChatPushClient.NewMessageId()));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return System.Xml.Linq.XElement.Parse(await response.Content.ReadAsStringAsync());
    }

    private static async Task<long> CreateRuleAsync(HttpClient staff, object rule)
    {
        var response = await staff.PostAsJsonAsync("/api/admin/official-account/rules", rule);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetInt64();
    }
}
