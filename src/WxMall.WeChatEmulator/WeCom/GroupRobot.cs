using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using WxMall.WeChatEmulator.Accounts;
using WxMall.WeChatEmulator.Hosting;

namespace WxMall.WeChatEmulator.WeCom;

/// <summary>One message a WeCom group robot accepted, as the group members would see it.</summary>
public sealed record RobotMessage(long Sequence, string Key, string MessageType, string Content, IReadOnlyList<string> Mentioned, DateTimeOffset At, string Body);

/// <summary>
/// WeCom group robots (企业微信群机器人): the configured keys, the messages each group received, and the
/// 20-per-minute limit per key (wechat-protocol-2.md §6).
/// </summary>
public sealed class GroupRobots(EmulatorOptions options, TimeProvider timeProvider)
{
    public const int MessagesPerMinute = 20;

    private readonly Lock gate = new();
    private readonly List<RobotMessage> messages = [];
    private readonly Dictionary<string, Queue<DateTimeOffset>> recentSends = new(StringComparer.Ordinal);
    private readonly HashSet<string> keys = new(options.WeCom.RobotKeys, StringComparer.Ordinal);
    private long sequence;

    public bool IsKnown(string? key)
    {
        lock (gate)
        {
            return key is not null && keys.Contains(key);
        }
    }

    /// <summary>Adds a robot (a group) and returns its key.</summary>
    public string Create()
    {
        var key = Guid.NewGuid().ToString();
        lock (gate)
        {
            keys.Add(key);
        }

        return key;
    }

    /// <summary>Counts one send against the key's minute; false on the 21st within 60 seconds.</summary>
    public bool TryTakeSend(string key)
    {
        var now = timeProvider.GetUtcNow();
        lock (gate)
        {
            if (!recentSends.TryGetValue(key, out var sends))
            {
                recentSends[key] = sends = new Queue<DateTimeOffset>();
            }

            while (sends.Count > 0 && now - sends.Peek() >= TimeSpan.FromMinutes(1))
            {
                sends.Dequeue();
            }

            if (sends.Count >= MessagesPerMinute)
            {
                return false;
            }

            sends.Enqueue(now);
            return true;
        }
    }

    public RobotMessage Record(string key, string messageType, string content, IReadOnlyList<string> mentioned, string body)
    {
        lock (gate)
        {
            var message = new RobotMessage(++sequence, key, messageType, content, mentioned, timeProvider.GetUtcNow(), body);
            messages.Add(message);
            return message;
        }
    }

    public IReadOnlyList<RobotMessage> Messages(string? key)
    {
        lock (gate)
        {
            return [.. messages.Where(message => key is null || message.Key == key)];
        }
    }
}

/// <summary><c>POST /cgi-bin/webhook/send?key=</c> and the control calls <c>/emulator/wecom/…</c>.</summary>
internal static class GroupRobotEndpoints
{
    private const int TextLimitBytes = 2048;
    private const int MarkdownLimitBytes = 4096;

    public static void MapWeComRobots(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/cgi-bin/webhook/send", async (HttpContext context, GroupRobots robots) =>
        {
            var key = context.Request.Query["key"].ToString();
            if (!robots.IsKnown(key))
            {
                return WeChatReply.Data(new
                {
                    errcode = 93000,
                    errmsg = "invalid webhook url, hint: [" + OpenIdentifiers.RequestId() + "], from ip: 127.0.0.1, more info at https://open.work.weixin.qq.com/devtool/query?e=93000",
                });
            }

            var (body, bodyError) = await JsonBody.ReadAsync(context.Request);
            using (body)
            {
                if (bodyError is not null)
                {
                    return bodyError;
                }

                if (!robots.TryTakeSend(key))
                {
                    return WeChatReply.Error(45009, "api freq out of limit, send too fast, exceed 20 times per minute");
                }

                return Accept(robots, key, body);
            }
        });

        routes.MapPost("/emulator/wecom/robots", (GroupRobots robots) => Results.Json(new { key = robots.Create() }, statusCode: StatusCodes.Status201Created));
        routes.MapGet("/emulator/wecom/messages", (string? key, GroupRobots robots) => Results.Json(robots.Messages(string.IsNullOrEmpty(key) ? null : key)));
    }

    private static IResult Accept(GroupRobots robots, string key, JsonBody body)
    {
        var messageType = body.String("msgtype");
        var raw = body.Root.GetRawText();
        switch (messageType)
        {
            case "text" when body.Root.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.Object
                && text.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String:
                var textContent = content.GetString() ?? string.Empty;
                if (textContent.Length == 0 || Encoding.UTF8.GetByteCount(textContent) > TextLimitBytes)
                {
                    return WeChatReply.Error(40058, "text.content exceed max length 2048 bytes or empty");
                }

                var mentioned = text.TryGetProperty("mentioned_list", out var list) && list.ValueKind == JsonValueKind.Array
                    ? list.EnumerateArray().Where(item => item.ValueKind == JsonValueKind.String).Select(item => item.GetString()!).ToList()
                    : [];
                robots.Record(key, "text", textContent, mentioned, raw);
                return WeChatReply.Ok();
            case "markdown" when body.Root.TryGetProperty("markdown", out var markdown) && markdown.ValueKind == JsonValueKind.Object
                && markdown.TryGetProperty("content", out var markdownContent) && markdownContent.ValueKind == JsonValueKind.String:
                var markdownText = markdownContent.GetString() ?? string.Empty;
                if (markdownText.Length == 0 || Encoding.UTF8.GetByteCount(markdownText) > MarkdownLimitBytes)
                {
                    return WeChatReply.Error(40058, "markdown.content exceed max length 4096 bytes or empty");
                }

                robots.Record(key, "markdown", markdownText, [], raw);
                return WeChatReply.Ok();
            case "news" or "image" or "file" or "template_card" or "markdown_v2" when body.Root.TryGetProperty(messageType, out var payload) && payload.ValueKind == JsonValueKind.Object:
                robots.Record(key, messageType, "[" + messageType + "]", [], raw);
                return WeChatReply.Ok();
            default:
                return WeChatReply.Error(40008, "invalid message type");
        }
    }
}
