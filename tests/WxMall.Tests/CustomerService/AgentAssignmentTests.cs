using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WxMall.Tests.Infrastructure;
using WxMall.Tests.OfficialAccount;

namespace WxMall.Tests.CustomerService;

/// <summary>
/// On a store of its own, so no other test's agent is online: waiting shoppers go to the least busy online agent (the
/// longest online on a tie), and the service metrics count exactly what happened.
/// </summary>
public sealed class AgentAssignmentTests(WeChatSandboxFactory app) : IClassFixture<WeChatSandboxFactory>
{
    [Fact]
    public async Task Shoppers_go_to_the_least_busy_agent_and_the_metrics_count_what_happened()
    {
        using var emulator = app.EmulatorClient();
        using var first = await app.NewAgentAsync("least-busy-first");
        using var second = await app.NewAgentAsync("least-busy-second");
        var firstId = await StaffIdAsync("least-busy-first");
        var secondId = await StaffIdAsync("least-busy-second");

        await GoOnlineAsync(first);
        var one = await AskForHumanAsync(emulator, "顾客一");
        await GoOnlineAsync(second);
        var two = await AskForHumanAsync(emulator, "顾客二");
        var three = await AskForHumanAsync(emulator, "顾客三");

        Assert.Equal(firstId, await AgentOfAsync(one));
        Assert.Equal(secondId, await AgentOfAsync(two));     // one open conversation against none
        Assert.Equal(firstId, await AgentOfAsync(three));    // one each: the agent online longest

        // Two closed (one resolved), two labelled (the bot's "human_agent" right once), one keyword answer in four texts.
        using var staff = await app.StaffAsync();
        var rule = await staff.PostAsJsonAsync("/api/admin/official-account/rules", new
        {
            name = "营业时间", trigger = "Contains", pattern = "营业时间", priority = 1, replyKind = "Text", replyText = "每天 10:00-22:00",
        });
        Assert.Equal(HttpStatusCode.Created, rule.StatusCode);
        var asker = await HumanAgentTests.NewUserAsync(emulator, "顾客四");
        await emulator.PostAsJsonAsync($"/emulator/users/{asker}/messages", new { content = "营业时间几点" });
        await LabelAndCloseAsync(first, one, "human_agent", "resolved");
        await LabelAndCloseAsync(second, two, "order_status", "unresolved");

        await Eventually.TrueAsync(
            async () => (await MetricsAsync(staff)).GetProperty("textMessages").GetInt32() == 4, "the four text messages are recorded");
        var metrics = await MetricsAsync(staff);
        Assert.Equal(3, metrics.GetProperty("conversations").GetInt32());
        Assert.Equal(2, metrics.GetProperty("closedConversations").GetInt32());
        Assert.Equal(0.5, metrics.GetProperty("resolutionRate").GetDouble(), 3);
        Assert.Equal(0.25, metrics.GetProperty("keywordMatchRate").GetDouble(), 3);
        Assert.Equal(2, metrics.GetProperty("labelledConversations").GetInt32());
        Assert.Equal(0.5, metrics.GetProperty("botIntentAccuracy").GetDouble(), 3);
        Assert.Equal(3, metrics.GetProperty("firstAutomaticReply").GetProperty("count").GetInt32());
    }

    private static async Task GoOnlineAsync(HttpClient agent) =>
        Assert.Equal(HttpStatusCode.OK, (await agent.PutAsJsonAsync("/api/admin/customer-service/presence", new { online = true })).StatusCode);

    private async Task<long> AskForHumanAsync(HttpClient emulator, string nickname)
    {
        var user = await HumanAgentTests.NewUserAsync(emulator, nickname);
        await emulator.PostAsJsonAsync($"/emulator/users/{user}/messages", new { content = "转人工" });
        var openId = (await emulator.GetFromJsonAsync<JsonElement>($"/emulator/users/{user}")).GetProperty("officialAccountOpenId").GetString()!;
        await Eventually.TrueAsync(
            async () => await app.QueryAsync(db => db.Conversations.AnyAsync(c => c.OpenId == openId && c.AgentId != null)), $"{nickname} is assigned");
        return await app.QueryAsync(db => db.Conversations.Where(c => c.OpenId == openId).Select(c => c.Id).SingleAsync());
    }

    private Task<int?> AgentOfAsync(long conversationId) =>
        app.QueryAsync(db => db.Conversations.Where(c => c.Id == conversationId).Select(c => c.AgentId).SingleAsync());

    private Task<int> StaffIdAsync(string userName) =>
        app.QueryAsync(db => db.Staff.Where(s => s.UserName == userName).Select(s => s.Id).SingleAsync());

    private static async Task LabelAndCloseAsync(HttpClient agent, long conversationId, string intent, string resolution)
    {
        Assert.Equal(HttpStatusCode.NoContent, (await agent.PutAsJsonAsync($"/api/admin/customer-service/conversations/{conversationId}/intent", new { intent })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await agent.PostAsJsonAsync($"/api/admin/customer-service/conversations/{conversationId}/close", new { resolution })).StatusCode);
    }

    private static async Task<JsonElement> MetricsAsync(HttpClient staff) =>
        await staff.GetFromJsonAsync<JsonElement>("/api/admin/customer-service/metrics");
}
