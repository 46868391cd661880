using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WxMall.Data;

namespace WxMall.CustomerService;

/// <summary>A conversation joined the agents' queue: tell the agents' WeCom group.</summary>
public sealed record NotifyAgentsOfWaitingConversation(long ConversationId);

/// <summary>
/// The WeCom group robot webhook (<c>POST /cgi-bin/webhook/send?key=</c>, wechat-protocol-2.md §6). The key is a
/// secret: it is never logged. Errors come back as data.
/// </summary>
public sealed class WeComRobot(IHttpClientFactory httpClients, IOptions<CustomerServiceOptions> options)
{
    public const string HttpClientName = "wecom-robot";
    public const int RateLimited = 45009;

    public bool Configured => !string.IsNullOrEmpty(options.Value.WeComRobotKey);

    /// <summary>Sends a markdown message; returns WeCom's errcode (0 = sent).</summary>
    public async Task<RobotResponse> SendMarkdownAsync(string content, CancellationToken cancellationToken)
    {
        var url = options.Value.WeComRobotBaseUrl.TrimEnd('/') + "/cgi-bin/webhook/send?key=" + Uri.EscapeDataString(options.Value.WeComRobotKey);
        var http = httpClients.CreateClient(HttpClientName);
        using var response = await http.PostAsJsonAsync(url, new RobotMarkdownMessage(new RobotMarkdown(content)), cancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<RobotResponse>(cancellationToken) ?? new RobotResponse(-1, "empty body");
    }

    private sealed record RobotMarkdownMessage([property: JsonPropertyName("markdown")] RobotMarkdown Markdown)
    {
        [JsonPropertyName("msgtype")]
        public string MessageType { get; init; } = "markdown";
    }

    private sealed record RobotMarkdown([property: JsonPropertyName("content")] string Content);
}

public sealed record RobotResponse([property: JsonPropertyName("errcode")] int ErrorCode, [property: JsonPropertyName("errmsg")] string? ErrorMessage);

public static partial class NotifyAgentsOfWaitingConversationHandler
{
    public static async Task Handle(NotifyAgentsOfWaitingConversation message, MallDb db, WeComRobot robot, ILogger<WeComRobot> logger, CancellationToken cancellationToken)
    {
        if (!robot.Configured)
        {
            return;
        }

        var conversation = await db.Conversations.AsNoTracking().Where(c => c.Id == message.ConversationId)
            .Select(c => new { c.Id, c.Status, c.HandoverReason, c.AgentId, c.BotIntent }).FirstOrDefaultAsync(cancellationToken);
        if (conversation is null || conversation.Status is ConversationStatus.Closed or ConversationStatus.Bot)
        {
            return;
        }

        var agent = conversation.AgentId is { } agentId
            ? await db.Staff.Where(s => s.Id == agentId).Select(s => s.DisplayName).FirstOrDefaultAsync(cancellationToken)
            : null;
        var waiting = await db.Conversations.CountAsync(c => c.Status == ConversationStatus.Waiting, cancellationToken);
        var content = $"**顾客请求人工客服** 会话 <font color=\"warning\">#{conversation.Id}</font>\n" +
            $">原因：{ReasonText(conversation.HandoverReason)}\n" +
            (conversation.BotIntent is null ? string.Empty : $">机器人判断：{conversation.BotIntent}\n") +
            (agent is null ? $">暂无在线客服，排队中：<font color=\"warning\">{waiting}</font> 个会话\n" : $">已分配给：<font color=\"info\">{agent}</font>\n") +
            "请在客服工作台处理。";
        var response = await robot.SendMarkdownAsync(content, cancellationToken);
        if (response.ErrorCode == WeComRobot.RateLimited || response.ErrorCode == 130101)
        {
            // 20 per minute per robot: let the durable retry schedule back off.
            throw new InvalidOperationException("WeCom robot rate limit reached; the notification is retried later.");
        }

        if (response.ErrorCode != 0)
        {
            LogRefused(logger, message.ConversationId, response.ErrorCode);
        }
    }

    public static string ReasonText(string? reason) => reason switch
    {
        "asked" => "顾客要求转人工",
        "low_confidence" => "机器人没把握",
        "second_failure" => "机器人两次未能解答",
        "timeout" => "自动回复超时",
        "error" => "自动回复出错",
        _ => reason ?? "未知",
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "WeCom robot refused the notice about conversation {ConversationId}: errcode {ErrorCode}")]
    private static partial void LogRefused(ILogger logger, long conversationId, int errorCode);
}
