using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WxMall.CustomerService;
using WxMall.OfficialAccount;
using WxMall.Tests.Infrastructure;

namespace WxMall.Tests.CustomerService;

/// <summary>A bot that throws on every question: the shopper still gets the apology and a human agent.</summary>
public sealed class ThrowingBot : IShopperBot
{
    public Task<BotAnswer> AnswerAsync(BotQuestion question, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("The bot's model is broken (test).");
}

/// <summary>With time for a passive reply, the apology is the reply to the shopper's message (or, on a slow machine, a customer-service message).</summary>
public sealed class BotFailureTests(BotFailureTests.BrokenBot app) : IClassFixture<BotFailureTests.BrokenBot>
{
    public sealed class BrokenBot : WeChatSandboxFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddScoped<IShopperBot, ThrowingBot>());
        }
    }

    [Fact]
    public async Task A_bot_that_throws_still_answers_the_shopper_with_the_apology_and_hands_over()
    {
        using var emulator = app.EmulatorClient();
        var user = await HumanAgentTests.NewUserAsync(emulator, "遇到故障");

        await emulator.PostAsJsonAsync($"/emulator/users/{user}/messages", new { content = "帮我推荐一台适合剪视频的笔记本" });

        await Eventually.TrueAsync(
            async () => (await HumanAgentTests.ConversationAsync(emulator, user)).Any(IsApology),
            "the shopper gets the apology");
        var openId = (await emulator.GetFromJsonAsync<JsonElement>($"/emulator/users/{user}")).GetProperty("officialAccountOpenId").GetString()!;
        var conversation = await app.QueryAsync(db => db.Conversations.AsNoTracking().SingleAsync(c => c.OpenId == openId));
        Assert.Equal((ConversationStatus.Waiting, "error"), (conversation.Status, conversation.HandoverReason));
        await Eventually.TrueAsync(
            () => app.QueryAsync(db => db.ReceivedMessages.AnyAsync(m => m.OpenId == openId && m.AnsweredBy == AnsweredBy.Fallback && m.RepliedAt != null)),
            "the message is recorded as answered by the fallback");
    }

    internal static bool IsApology(HumanAgentTests.ChatEntry entry) =>
        entry.Kind is "passive_reply" or "customer_service" && entry.Summary.Contains(PushAnswering.Apology, StringComparison.Ordinal);
}

/// <summary>With no time for a passive reply, the apology arrives through the customer-service message API.</summary>
public sealed class LateBotFailureTests(LateBotFailureTests.BrokenBotNoPassiveBudget app) : IClassFixture<LateBotFailureTests.BrokenBotNoPassiveBudget>
{
    public sealed class BrokenBotNoPassiveBudget : WeChatSandboxFactory
    {
        protected override IReadOnlyDictionary<string, string> SandboxSettings => new Dictionary<string, string>
        {
            ["OfficialAccount:PassiveReplyBudget"] = "00:00:00",
        };

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddScoped<IShopperBot, ThrowingBot>());
        }
    }

    [Fact]
    public async Task A_bot_that_throws_after_the_passive_reply_is_gone_still_reaches_the_shopper_through_the_customer_service_api()
    {
        using var emulator = app.EmulatorClient();
        var user = await HumanAgentTests.NewUserAsync(emulator, "迟到的道歉");

        await emulator.PostAsJsonAsync($"/emulator/users/{user}/messages", new { content = "这台显卡支持几个显示器" });

        await Eventually.TrueAsync(
            async () => (await HumanAgentTests.ConversationAsync(emulator, user)).Any(e => e.Kind == "customer_service" && BotFailureTests.IsApology(e)),
            "the apology arrives as a customer-service message");
        var chat = await HumanAgentTests.ConversationAsync(emulator, user);
        Assert.DoesNotContain(chat, e => e.Kind == "passive_reply");
        var openId = (await emulator.GetFromJsonAsync<JsonElement>($"/emulator/users/{user}")).GetProperty("officialAccountOpenId").GetString()!;
        Assert.Equal(ConversationStatus.Waiting, await app.QueryAsync(db => db.Conversations.Where(c => c.OpenId == openId).Select(c => c.Status).SingleAsync()));
    }
}
