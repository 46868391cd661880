using Microsoft.EntityFrameworkCore;
using WxMall.CustomerService;
using WxMall.Data;
using WxMall.WeChat.Http;
using WxMall.WeChat.Messages;
using WxMall.WeChat.OfficialAccount;

namespace WxMall.OfficialAccount;

/// <summary>An answer that missed the passive-reply budget, sent through the customer-service API (durable, retried).</summary>
public sealed record SendCustomerServiceReply(long ReceivedMessageId, string OpenId, string? Text, string? NewsTitle, string? NewsDescription, string? NewsUrl, string? NewsPictureUrl)
{
    public static SendCustomerServiceReply For(long receivedMessageId, string openId, ReplyContent content) =>
        new(receivedMessageId, openId, content.Text, content.Article?.Title, content.Article?.Description, content.Article?.Url, content.Article?.PictureUrl);

    public ReplyContent Content => Text is not null
        ? ReplyContent.OfText(Text)
        : ReplyContent.OfArticle(new NewsArticle(NewsTitle ?? string.Empty, NewsDescription ?? string.Empty, NewsPictureUrl ?? string.Empty, NewsUrl ?? string.Empty));
}

/// <summary>Scheduled when an answer is late: if it still has not gone out, the shopper gets an apology and a human agent.</summary>
public sealed record EnsureShopperAnswered(long ReceivedMessageId, string OpenId);

public static partial class SendCustomerServiceReplyHandler
{
    public static async Task Handle(SendCustomerServiceReply message, MallDb db, MessageLog log, WeChatClients clients, TimeProvider clock, ILogger<SendCustomerServiceReply> logger, CancellationToken cancellationToken)
    {
        if (await db.ReceivedMessages.AnyAsync(m => m.Id == message.ReceivedMessageId && m.RepliedAt != null, cancellationToken))
        {
            return;
        }

        if (clients.OfficialAccount is not { } client)
        {
            return;
        }

        var result = await client.SendCustomerServiceMessageAsync(message.Content.ToCustomerServiceMessage(message.OpenId), cancellationToken);
        if (!result.Succeeded && CustomerServiceMessages.IsWorthRetrying(result))
        {
            throw new InvalidOperationException($"custom/send for pushed message {message.ReceivedMessageId} failed: {result}; retrying.");
        }

        if (!result.Succeeded)
        {
            LogUndeliverable(logger, message.ReceivedMessageId, result.ErrorCode);
        }

        await log.TryMarkRepliedAsync(message.ReceivedMessageId, null, clock.GetUtcNow(), cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Late answer to pushed message {ReceivedMessageId} could not be delivered: errcode {ErrorCode}")]
    private static partial void LogUndeliverable(ILogger logger, long receivedMessageId, int errorCode);
}

public static class EnsureShopperAnsweredHandler
{
    public static async Task Handle(EnsureShopperAnswered message, MallDb db, MessageEndpoint endpoint, CustomerServiceDesk desk, Wolverine.IMessageContext context, CancellationToken cancellationToken)
    {
        if (await db.ReceivedMessages.AnyAsync(m => m.Id == message.ReceivedMessageId && m.RepliedAt != null, cancellationToken))
        {
            return;
        }

        await desk.HandOverAfterFailureAsync(endpoint.AppId, message.OpenId, "timeout", cancellationToken);
        await context.PublishAsync(SendCustomerServiceReply.For(message.ReceivedMessageId, message.OpenId, ReplyContent.OfText(PushAnswering.Apology)));
    }
}

/// <summary>Rules for the customer-service API's answers.</summary>
public static class CustomerServiceMessages
{
    /// <summary>45015: outside the 48-hour window (or the user unfollowed).</summary>
    public const int OutsideWindow = 45015;

    /// <summary>Transient failures retry; refusals about this user (window, count, openid, not following) or a quota never do.</summary>
    public static bool IsWorthRetrying<T>(WeChatResult<T> result)
        where T : class =>
        result.Status == WeChatResultStatus.MalformedResponse
        || (result.Status == WeChatResultStatus.WeChatError && result.ErrorCode is -1 or 45011);
}
