using System.Net;
using System.Net.ServerSentEvents;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WxMall.CustomerService;
using WxMall.Data;
using WxMall.Tests.Infrastructure;

namespace WxMall.Tests.CustomerService;

/// <summary>The workspace page's live feed: new waiting conversations and new shopper messages arrive as Server-Sent Events.</summary>
public sealed class WorkspaceEventsTests(MallAppFactory app) : IClassFixture<MallAppFactory>
{
    [Fact]
    public async Task The_stream_sends_the_queue_then_new_turns_and_new_waiting_conversations_as_they_happen()
    {
        using var agent = await app.StaffClientAsync();
        var first = await NewWaitingConversationAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        using var response = await agent.GetAsync($"/api/admin/customer-service/events?conversation={first}", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token);
        await using var events = SseParser.Create(stream).EnumerateAsync(timeout.Token).GetAsyncEnumerator(timeout.Token);

        var lists = await NextAsync(events, "lists", e => Ids(e, "queue").Contains(first));
        Assert.Equal("Waiting", lists.Data.GetProperty("queue").EnumerateArray().First(c => c.GetProperty("id").GetInt64() == first).GetProperty("status").GetString());
        var state = await NextAsync(events, "conversation", _ => true);
        Assert.True(state.Data.GetProperty("canReply").GetBoolean());

        var turn = await AddShopperTurnAsync(first, "这台笔记本还有货吗？");
        var turns = await NextAsync(events, "turns", e => e.Data.EnumerateArray().Any(t => t.GetProperty("id").GetInt64() == turn));
        Assert.Equal(turn.ToString(System.Globalization.CultureInfo.InvariantCulture), turns.EventId);
        Assert.Contains(turns.Data.EnumerateArray(), t => t.GetProperty("text").GetString() == "这台笔记本还有货吗？" && t.GetProperty("author").GetString() == "Shopper");

        var second = await NewWaitingConversationAsync();
        await NextAsync(events, "lists", e => Ids(e, "queue").Contains(second));
    }

    [Fact]
    public async Task A_reconnecting_browser_resumes_after_the_last_turn_it_saw()
    {
        using var agent = await app.StaffClientAsync();
        var conversation = await NewWaitingConversationAsync();
        var seen = await AddShopperTurnAsync(conversation, "第一条");
        var missed = await AddShopperTurnAsync(conversation, "第二条");

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/admin/customer-service/events?conversation={conversation}&after=0");
        request.Headers.Add("Last-Event-ID", seen.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var response = await agent.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token);
        await using var events = SseParser.Create(stream).EnumerateAsync(timeout.Token).GetAsyncEnumerator(timeout.Token);

        var turns = await NextAsync(events, "turns", _ => true);
        Assert.Equal([missed], turns.Data.EnumerateArray().Select(t => t.GetProperty("id").GetInt64()));
    }

    [Fact]
    public async Task Shoppers_cannot_open_the_stream()
    {
        using var shopper = app.NewShopper();
        await shopper.RegisterAsync();
        var response = await shopper.Client.GetAsync("/api/admin/customer-service/events");
        Assert.True(response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, response.StatusCode.ToString());
    }

    private static HashSet<long> Ids(SseItem<JsonElement> lists, string list) =>
        [.. lists.Data.GetProperty(list).EnumerateArray().Select(c => c.GetProperty("id").GetInt64())];

    /// <summary>Reads events until one of the type matches; the stream's own cancellation bounds the wait.</summary>
    private static async Task<SseItem<JsonElement>> NextAsync(IAsyncEnumerator<SseItem<string>> events, string type, Func<SseItem<JsonElement>, bool> matches)
    {
        while (await events.MoveNextAsync())
        {
            if (events.Current.EventType == type)
            {
                var item = new SseItem<JsonElement>(JsonDocument.Parse(events.Current.Data).RootElement, type) { EventId = events.Current.EventId };
                if (matches(item))
                {
                    return item;
                }
            }
        }

        throw new InvalidOperationException($"The stream ended before a matching '{type}' event.");
    }

    private async Task<long> NewWaitingConversationAsync()
    {
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<MallDb>();
        var now = DateTimeOffset.UtcNow;
        var conversation = new Conversation { OpenId = "o-sse-" + Guid.NewGuid().ToString("N")[..12], StartedAt = now, LastShopperMessageAt = now };
        conversation.HandOver("asked", now);
        db.Conversations.Add(conversation);
        await db.SaveChangesAsync();
        return conversation.Id;
    }

    private async Task<long> AddShopperTurnAsync(long conversationId, string text)
    {
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<MallDb>();
        var turn = new ConversationTurn { ConversationId = conversationId, Author = TurnAuthor.Shopper, Text = text, At = DateTimeOffset.UtcNow };
        db.ConversationTurns.Add(turn);
        await db.SaveChangesAsync();
        return turn.Id;
    }
}
