using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WxMall.Tests.Infrastructure;
using WxMall.Tests.OfficialAccount;

namespace WxMall.Tests.CustomerService;

/// <summary>The emulator's phone in the loop: a shopper asks for a human, an agent answers through the admin API.</summary>
public sealed class HumanAgentTests(WeChatSandboxFactory app) : IClassFixture<WeChatSandboxFactory>
{
    [Fact]
    public async Task A_follower_is_greeted_and_an_agents_reply_arrives_in_the_chat_after_zhuan_ren_gong()
    {
        using var emulator = app.EmulatorClient();
        using var agent = await app.NewAgentAsync("agent-reply");
        Assert.Equal(HttpStatusCode.OK, (await agent.PutAsJsonAsync("/api/admin/customer-service/presence", new { online = true })).StatusCode);
        var user = await NewUserAsync(emulator, "小王");

        await emulator.PostAsync($"/emulator/users/{user}/follow", null);
        await emulator.PostAsJsonAsync($"/emulator/users/{user}/messages", new { content = "转人工" });

        var chat = await ConversationAsync(emulator, user);
        Assert.Contains(chat, e => e.Kind == "passive_reply" && e.Summary.Contains("欢迎关注", StringComparison.Ordinal));
        Assert.Contains(chat, e => e.Kind == "passive_reply" && e.Summary.Contains("转接人工客服", StringComparison.Ordinal));

        var openId = (await emulator.GetFromJsonAsync<JsonElement>($"/emulator/users/{user}")).GetProperty("officialAccountOpenId").GetString()!;
        var conversationId = await app.QueryAsync(db => db.Conversations.Where(c => c.OpenId == openId).Select(c => c.Id).SingleAsync());
        var mine = await agent.GetFromJsonAsync<JsonElement>("/api/admin/customer-service/conversations/mine");
        Assert.Contains(mine.EnumerateArray(), c => c.GetProperty("id").GetInt64() == conversationId);
        var reply = await agent.PostAsJsonAsync($"/api/admin/customer-service/conversations/{conversationId}/replies", new { text = "您好，我是客服小李，请问有什么可以帮您？" });
        Assert.True(reply.IsSuccessStatusCode, await reply.Content.ReadAsStringAsync());

        chat = await ConversationAsync(emulator, user);
        Assert.Contains(chat, e => e.Kind == "customer_service" && e.Summary.Contains("我是客服小李", StringComparison.Ordinal));
        var history = await agent.GetFromJsonAsync<JsonElement>($"/api/admin/customer-service/conversations/{conversationId}");
        var authors = history.GetProperty("turns").EnumerateArray().Select(t => t.GetProperty("author").GetString()).ToList();
        Assert.Equal(["Shopper", "Bot", "Agent"], authors);
        await Eventually.TrueAsync(
            async () => (await emulator.GetFromJsonAsync<JsonElement>("/emulator/wecom/messages")).EnumerateArray()
                .Any(m => m.GetProperty("content").GetString()!.Contains($"#{conversationId}", StringComparison.Ordinal)),
            "the agents' WeCom group hears about the waiting conversation");
        Assert.Equal(HttpStatusCode.NoContent, (await agent.PutAsJsonAsync($"/api/admin/customer-service/conversations/{conversationId}/intent", new { intent = "human_agent" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await agent.PostAsJsonAsync($"/api/admin/customer-service/conversations/{conversationId}/close", new { resolution = "resolved" })).StatusCode);
        var metrics = await agent.GetFromJsonAsync<JsonElement>("/api/admin/customer-service/metrics");
        Assert.True(metrics.GetProperty("firstHumanReply").GetProperty("count").GetInt32() >= 1, metrics.ToString());
        Assert.True(metrics.GetProperty("firstAutomaticReply").GetProperty("count").GetInt32() >= 1, metrics.ToString());
        Assert.True(metrics.GetProperty("closedConversations").GetInt32() >= 1, metrics.ToString());
        Assert.True(metrics.GetProperty("labelledConversations").GetInt32() >= 1, metrics.ToString());
    }

    [Fact]
    public async Task Shopper_messages_go_to_the_agent_not_to_keyword_rules_and_close_ends_the_conversation()
    {
        using var emulator = app.EmulatorClient();
        using var admin = await app.StaffAsync();
        await admin.PostAsJsonAsync("/api/admin/official-account/rules", new { name = "你好", trigger = "Exact", pattern = "在吗", priority = 1, replyKind = "Text", replyText = "在的，请问需要什么？" });
        var user = await NewUserAsync(emulator, "小张");
        await emulator.PostAsJsonAsync($"/emulator/users/{user}/messages", new { content = "人工客服" });

        await emulator.PostAsJsonAsync($"/emulator/users/{user}/messages", new { content = "在吗" });

        var chat = await ConversationAsync(emulator, user);
        Assert.DoesNotContain(chat, e => e.Summary.Contains("在的，请问需要什么", StringComparison.Ordinal));
        // Another test in this class may leave an agent online, so the conversation may be queued or already assigned:
        // find it by the shopper, never by "the newest in the queue".
        var openId = (await emulator.GetFromJsonAsync<JsonElement>($"/emulator/users/{user}")).GetProperty("officialAccountOpenId").GetString()!;
        var conversationId = await app.QueryAsync(db => db.Conversations.Where(c => c.OpenId == openId).Select(c => c.Id).SingleAsync());
        var closed = await admin.PostAsJsonAsync($"/api/admin/customer-service/conversations/{conversationId}/close", new { resolution = "resolved" });
        var closedAgain = await admin.PostAsJsonAsync($"/api/admin/customer-service/conversations/{conversationId}/close", new { resolution = "resolved" });
        var badCode = await admin.PostAsJsonAsync($"/api/admin/customer-service/conversations/{conversationId}/close", new { resolution = "whatever" });

        Assert.Equal(HttpStatusCode.NoContent, closed.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, closedAgain.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badCode.StatusCode);
        await emulator.PostAsJsonAsync($"/emulator/users/{user}/messages", new { content = "在吗" });
        chat = await ConversationAsync(emulator, user);
        Assert.Contains(chat, e => e.Summary.Contains("在的，请问需要什么", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Outside_the_48_hour_window_the_agent_gets_a_clear_problem_and_nothing_is_sent()
    {
        using var emulator = app.EmulatorClient();
        using var agent = await app.NewAgentAsync("agent-window");
        var user = await NewUserAsync(emulator, "老李");
        await emulator.PostAsJsonAsync($"/emulator/users/{user}/messages", new { content = "转人工" });
        var openId = (await emulator.GetFromJsonAsync<JsonElement>($"/emulator/users/{user}")).GetProperty("officialAccountOpenId").GetString()!;
        await using (var scope = app.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WxMall.Data.MallDb>();
            await db.Conversations.Where(c => c.OpenId == openId).ExecuteUpdateAsync(s => s.SetProperty(c => c.LastShopperMessageAt, DateTimeOffset.UtcNow.AddHours(-49)));
        }

        var conversationId = await app.QueryAsync(db => db.Conversations.Where(c => c.OpenId == openId).Select(c => c.Id).FirstAsync());
        var reply = await agent.PostAsJsonAsync($"/api/admin/customer-service/conversations/{conversationId}/replies", new { text = "还在吗？" });

        Assert.Equal(HttpStatusCode.Conflict, reply.StatusCode);
        Assert.Contains("48 小时", await reply.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(await ConversationAsync(emulator, user), e => e.Kind == "customer_service");
    }

    [Fact]
    public async Task Only_agents_and_administrators_use_the_workspace()
    {
        using var admin = await app.StaffAsync();
        await admin.PostAsJsonAsync("/api/admin/staff", new { userName = "finance-cs", password = "finance-password-1", displayName = "财务", role = "finance" });
        using var finance = await app.StaffAsync("finance-cs", "finance-password-1");
        using var anonymous = new HttpClient { BaseAddress = app.StoreUrl };

        Assert.Equal(HttpStatusCode.Forbidden, (await finance.GetAsync("/api/admin/customer-service/queue")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/admin/customer-service/queue")).StatusCode);
    }

    internal static async Task<string> NewUserAsync(HttpClient emulator, string nickname)
    {
        var created = await emulator.PostAsJsonAsync("/emulator/users", new { nickname, follow = true });
        created.EnsureSuccessStatusCode();
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("userId").GetString()!;
    }

    internal static async Task<List<ChatEntry>> ConversationAsync(HttpClient emulator, string user) =>
        (await emulator.GetFromJsonAsync<List<ChatEntry>>($"/emulator/users/{user}/conversation", new JsonSerializerOptions(JsonSerializerDefaults.Web)))!;

    internal sealed record ChatEntry(long Sequence, string Direction, string Kind, string Summary, string? Payload);
}
