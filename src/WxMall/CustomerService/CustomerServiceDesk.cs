using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Wolverine;
using WxMall.Data;
using WxMall.Identity;
using WxMall.OfficialAccount;

namespace WxMall.CustomerService;

public sealed class CustomerServiceOptions
{
    public const string Section = "CustomerService";

    /// <summary>Below this confidence the bot does not answer; a human does.</summary>
    public float MinimumConfidence { get; set; } = 0.45f;

    /// <summary>WeCom group robot that tells agents about waiting conversations; empty key: no notification.</summary>
    public string WeComRobotBaseUrl { get; set; } = "https://qyapi.weixin.qq.com";
    public string WeComRobotKey { get; set; } = "";
}

/// <summary>
/// The shopper's side of customer service: one open conversation per shopper, every turn recorded, the bot first,
/// a human when the shopper asks for one, when the bot is unsure, or when it fails twice.
/// </summary>
public sealed class CustomerServiceDesk(
    MallDb db,
    IWriteGate writeGate,
    AgentAssignment assignment,
    IMessageBus bus,
    IOptions<CustomerServiceOptions> options,
    TimeProvider clock,
    IShopperBot bot,
    HumanConversations humans)
{
    public const string HandingOver = "正在为您转接人工客服，请稍候，客服回复会直接发到这里。";
    public const string NoAgentOnline = "已为您排队转接人工客服。当前客服暂时都不在线，上线后会第一时间回复您。";
    public const string WithAgentNotice = "您的消息客服已收到，请稍候。";

    private static readonly string[] HumanPhrases = ["转人工", "人工客服", "人工服务", "找人工", "真人客服", "客服在吗", "找客服", "接人工"];
    private static readonly string[] HumanWords = ["人工", "客服", "人工!", "人工！"];

    /// <summary>Answers a shopper's text; null when a human has the conversation and will answer.</summary>
    public async Task<ReplyContent?> AnswerShopperAsync(string appId, string openId, string text, long? receivedMessageId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var conversation = await OpenConversationAsync(appId, openId, cancellationToken);
        conversation.LastShopperMessageAt = now;
        if (receivedMessageId is null || !await db.ConversationTurns.AnyAsync(t => t.ReceivedMessageId == receivedMessageId, cancellationToken))
        {
            AddTurn(conversation, TurnAuthor.Shopper, Truncate(text), receivedMessageId: receivedMessageId);
        }

        if (conversation.Status != ConversationStatus.Bot)
        {
            await SaveAsync(cancellationToken);
            return conversation.Status == ConversationStatus.Waiting && await assignment.TryAssignAsync(conversation, cancellationToken) is not null
                ? ReplyContent.OfText(HandingOver)
                : null;
        }

        if (AsksForHuman(text))
        {
            return await HandOverAsync(conversation, "asked", intent: "human_agent", confidence: 1f, cancellationToken);
        }

        var answer = await bot.AnswerAsync(new BotQuestion(conversation.Id, conversation.MemberId, text), cancellationToken);
        conversation.BotIntent ??= answer.Intent;
        if (answer.WantsHuman)
        {
            return await HandOverAsync(conversation, "asked", answer.Intent, answer.Confidence, cancellationToken);
        }

        if (answer.Confidence < options.Value.MinimumConfidence)
        {
            return await HandOverAsync(conversation, "low_confidence", answer.Intent, answer.Confidence, cancellationToken);
        }

        if (answer.Failed && ++conversation.FailedAnswers >= 2)
        {
            return await HandOverAsync(conversation, "second_failure", answer.Intent, answer.Confidence, cancellationToken);
        }

        AddTurn(conversation, TurnAuthor.Bot, answer.Reply.Summary, answer.Intent, answer.Confidence);
        conversation.FirstAutomaticReplyAt ??= clock.GetUtcNow();
        await SaveAsync(cancellationToken);
        return answer.Reply;
    }

    /// <summary>After an error or a timeout: the conversation goes to a human (the caller tells the shopper).</summary>
    public async Task HandOverAfterFailureAsync(string appId, string openId, string reason, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var conversation = await OpenConversationAsync(appId, openId, cancellationToken);
        if (conversation.Status == ConversationStatus.Bot)
        {
            await HandOverAsync(conversation, reason, intent: null, confidence: null, cancellationToken);
        }
        else
        {
            await SaveAsync(cancellationToken);
        }
    }

    public static bool AsksForHuman(string text)
    {
        var trimmed = text.Trim();
        return HumanWords.Contains(trimmed, StringComparer.Ordinal)
            || (trimmed.Length <= 16 && HumanPhrases.Any(phrase => trimmed.Contains(phrase, StringComparison.Ordinal)));
    }

    private async Task<ReplyContent> HandOverAsync(Conversation conversation, string reason, string? intent, float? confidence, CancellationToken cancellationToken)
    {
        conversation.HandOver(reason, clock.GetUtcNow());
        if (intent is not null)
        {
            conversation.BotIntent ??= intent;
        }

        var agent = await assignment.TryAssignAsync(conversation, cancellationToken, save: false);
        var text = agent is null ? NoAgentOnline : HandingOver;
        AddTurn(conversation, TurnAuthor.Bot, text, intent, confidence);
        conversation.FirstAutomaticReplyAt ??= clock.GetUtcNow();
        await SaveAsync(cancellationToken);
        await humans.HandedOverAsync(conversation.OpenId);
        await bus.PublishAsync(new NotifyAgentsOfWaitingConversation(conversation.Id));
        return ReplyContent.OfText(text);
    }

    private async Task<Conversation> OpenConversationAsync(string appId, string openId, CancellationToken cancellationToken)
    {
        var conversation = await db.Conversations.Where(c => c.OpenId == openId && c.Status != ConversationStatus.Closed)
            .OrderByDescending(c => c.Id).FirstOrDefaultAsync(cancellationToken);
        var memberId = await db.MemberIdForAsync(appId, openId, cancellationToken);
        if (conversation is not null)
        {
            conversation.MemberId ??= memberId;
            return conversation;
        }

        conversation = new Conversation { OpenId = openId, MemberId = memberId, StartedAt = clock.GetUtcNow(), LastShopperMessageAt = clock.GetUtcNow() };
        db.Conversations.Add(conversation);
        await SaveAsync(cancellationToken);
        return conversation;
    }

    private void AddTurn(Conversation conversation, TurnAuthor author, string text, string? intent = null, float? confidence = null, long? receivedMessageId = null) =>
        db.ConversationTurns.Add(new ConversationTurn
        {
            ConversationId = conversation.Id, Author = author, Text = text, Intent = intent, Confidence = confidence,
            ReceivedMessageId = receivedMessageId, At = clock.GetUtcNow(),
        });

    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        await using (await writeGate.EnterAsync(cancellationToken))
        {
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    private static string Truncate(string text) => text.Length > 2000 ? text[..2000] : text;
}
