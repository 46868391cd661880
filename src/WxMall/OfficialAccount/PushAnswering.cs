using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Wolverine;
using WxMall.CustomerService;
using WxMall.Data;
using WxMall.Identity;
using WxMall.WeChat.Messages;

namespace WxMall.OfficialAccount;

/// <summary>
/// Decides the answer to each authentic push: keyword rules, menu keys, the greeting, QR scenes, delivery reports,
/// and the customer-service desk (the bot or a human) for everything else. A push is taken once: a retry that reaches
/// this process within <see cref="RecentPushes.Window"/> (30-60 s) gets the first answer from memory; otherwise the unique
/// de-duplication key in the database decides, and a retry gets the recorded answer.
/// </summary>
/// <remarks>
/// The hot path, a text answered by a keyword rule, touches no database on the way: the shopper's human-agent state
/// comes from <see cref="HumanConversations"/>, the rules from <see cref="RuleBook"/>'s snapshot, and the record is
/// queued to the batched <see cref="ReceivedMessageWriter"/> without waiting for its commit. That needs no earlier
/// read either, because a keyword answer follows from the text alone: a retry that misses the memory (another
/// instance, a restart) gets the same answer and its record is dropped for the first one. Everything with side
/// effects (the desk, QR scans, delivery reports) still waits for the durable record first.
/// </remarks>
public sealed partial class PushAnswering(
    IServiceProvider services,
    RecentPushes recent,
    HumanConversations humans,
    RuleBook rules,
    RuleReplies replies,
    StoreLinks links,
    ReceivedMessageWriter writer,
    MessageEndpoint endpoint,
    IServiceScopeFactory scopes,
    IWriteGate writeGate,
    IOptions<OfficialAccountOptions> options,
    TimeProvider clock,
    ILogger<PushAnswering> logger)
{
    public const string Apology = "抱歉，系统开小差了，已为您转接人工客服，请稍候。";

    // The request's database context, created only when an answer needs it (most keyword answers do not).
    private MallDb? database;

    private MallDb Db => database ??= services.GetRequiredService<MallDb>();

    private MessageLog Log => services.GetRequiredService<MessageLog>();

    public async Task<string> AnswerAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        var claim = recent.TryClaim(DeduplicationKeyOf(message));
        if (!claim.Owner)
        {
            try
            {
                return await claim.Answer.WaitAsync(cancellationToken);
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The first try failed before it had an answer: this one answers, and the database decides.
                return await AnswerUnclaimedAsync(message, cancellationToken);
            }
        }

        try
        {
            var answer = await AnswerUnclaimedAsync(message, cancellationToken);
            RecentPushes.Answered(claim, answer);
            return answer;
        }
        catch
        {
            RecentPushes.Release(claim);
            throw;
        }
    }

    private async Task<string> AnswerUnclaimedAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        if (message is TextMessage text)
        {
            return await AnswerTextAsync(text, cancellationToken);
        }

        if (await Log.FindAsync(DeduplicationKeyOf(message), cancellationToken) is { } earlier)
        {
            return earlier.ReplyXml ?? PassiveReply.Success;
        }

        return message switch
        {
            SubscribeEvent follow => await AnswerFollowAsync(follow, cancellationToken),
            ScanEvent scan => await AnswerScanAsync(scan, cancellationToken),
            MenuClickEvent click => await AnswerMenuClickAsync(click, cancellationToken),
            TemplateSendJobFinishedEvent report => await RecordDeliveryAsync(report, cancellationToken),
            _ => await RecordAsync(message, AnsweredBy.Nobody, null, null, cancellationToken),
        };
    }

    private async Task<string> AnswerTextAsync(TextMessage text, CancellationToken cancellationToken)
    {
        // A shopper talking to a human is not interrupted by keyword rules.
        if (!await humans.IsWithHumanAsync(text.OpenId, () => Db, cancellationToken))
        {
            AutoReplyRule? rule = null;
            ReplyContent? content = null;
            try
            {
                rule = await rules.MatchTextAsync(() => Db, text.Content, cancellationToken);
                content = rule is null ? null : await replies.RenderAsync(() => Db, rule, scene: null, cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // A broken rule must not leave the shopper unanswered: the desk answers instead.
                LogRuleFailed(logger, exception, rule?.Id);
            }

            if (rule is not null && content is not null)
            {
                var now = clock.GetUtcNow();
                var xml = content.ToPassiveXml(text, now);
                var record = NewRecord(text, AnsweredBy.KeywordRule, rule.Id);
                record.ReplyXml = xml;
                record.RepliedAt = now;
                await writer.RecordAsync(record, cancellationToken);
                return xml;
            }
        }

        var received = NewRecord(text, AnsweredBy.CustomerService, null);
        if (await Log.TryAddAsync(received, cancellationToken) is { } earlier)
        {
            return earlier.ReplyXml ?? PassiveReply.Success;
        }

        var answer = AnswerThroughDeskAsync(received.Id, text.OpenId, text.Content);
        var budget = options.Value.PassiveReplyBudget;
        // A zero budget means "never answer passively" (an answer that finished synchronously would otherwise win).
        if (budget > TimeSpan.Zero && await Task.WhenAny(answer, Task.Delay(budget, clock, cancellationToken)) == answer)
        {
            var content = await answer;
            var xml = content?.ToPassiveXml(text, clock.GetUtcNow());
            await Log.TryMarkRepliedAsync(received.Id, xml, clock.GetUtcNow(), CancellationToken.None);
            return xml ?? PassiveReply.Success;
        }

        // Too slow for a passive reply: answer "success" now, send the answer through the customer-service API when
        // it is ready, and make sure (durably) that the shopper hears something even if this process dies.
        LogAnswerLate(logger, received.Id, budget.TotalMilliseconds);
        _ = SendWhenReadyAsync(answer, received.Id, text.OpenId);
        await services.GetRequiredService<IMessageBus>().ScheduleAsync(new EnsureShopperAnswered(received.Id, text.OpenId), options.Value.LateAnswerDeadline);
        return PassiveReply.Success;
    }

    private async Task<ReplyContent?> AnswerThroughDeskAsync(long receivedMessageId, string openId, string text)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var desk = scope.ServiceProvider.GetRequiredService<CustomerServiceDesk>();
            return await desk.AnswerShopperAsync(endpoint.AppId, openId, text, receivedMessageId, CancellationToken.None);
        }
        catch (Exception exception)
        {
            LogDeskFailed(logger, exception, receivedMessageId);
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<MessageLog>().SetAnsweredByAsync(receivedMessageId, AnsweredBy.Fallback, CancellationToken.None);
            await scope.ServiceProvider.GetRequiredService<CustomerServiceDesk>().HandOverAfterFailureAsync(endpoint.AppId, openId, "error", CancellationToken.None);
            return ReplyContent.OfText(Apology);
        }
    }

    private async Task SendWhenReadyAsync(Task<ReplyContent?> answer, long receivedMessageId, string openId)
    {
        try
        {
            var content = await answer;
            await using var scope = scopes.CreateAsyncScope();
            var messageBus = scope.ServiceProvider.GetRequiredService<IMessageBus>();
            if (content is not null)
            {
                await messageBus.PublishAsync(SendCustomerServiceReply.For(receivedMessageId, openId, content));
            }
        }
        catch (Exception exception)
        {
            // The scheduled EnsureShopperAnswered still apologises and hands over.
            LogDeskFailed(logger, exception, receivedMessageId);
        }
    }

    private async Task<string> AnswerFollowAsync(SubscribeEvent follow, CancellationToken cancellationToken)
    {
        var scene = follow.SceneValue;
        var pickup = scene is null ? null : await RecordScanAsync(follow.OpenId, scene, newFollower: true, cancellationToken);
        var rule = await rules.MatchFollowAsync(() => Db, scene, cancellationToken);
        var greeting = rule is null ? null : await replies.RenderAsync(() => Db, rule, scene, cancellationToken);
        var text = greeting?.Text ?? options.Value.DefaultGreeting;
        if (pickup is not null)
        {
            text += "\n" + pickup;
        }

        var content = greeting?.Article is not null && pickup is null ? greeting : ReplyContent.OfText(text);
        return await RecordAsync(follow, AnsweredBy.Greeting, rule?.Id, content, cancellationToken);
    }

    private async Task<string> AnswerScanAsync(ScanEvent scan, CancellationToken cancellationToken)
    {
        var pickup = await RecordScanAsync(scan.OpenId, scan.SceneValue, newFollower: false, cancellationToken);
        if (pickup is not null)
        {
            return await RecordAsync(scan, AnsweredBy.QrScene, null, ReplyContent.OfText(pickup), cancellationToken);
        }

        var rule = await rules.MatchFollowAsync(() => Db, scan.SceneValue, cancellationToken);
        var content = rule is { Pattern.Length: > 0 } ? await replies.RenderAsync(() => Db, rule, scan.SceneValue, cancellationToken) : null;
        return await RecordAsync(scan, content is null ? AnsweredBy.Nobody : AnsweredBy.QrScene, rule?.Id, content, cancellationToken);
    }

    /// <summary>Records the scan for attribution; for a pickup store's code, returns the text that starts in-store pickup.</summary>
    private async Task<string?> RecordScanAsync(string openId, string scene, bool newFollower, CancellationToken cancellationToken)
    {
        var memberId = await Db.MemberIdForAsync(endpoint.AppId, openId, cancellationToken);
        Db.QrScans.Add(new QrScan { Scene = scene, OpenId = openId, MemberId = memberId, NewFollower = newFollower, At = clock.GetUtcNow() });
        await using (await writeGate.EnterAsync(cancellationToken))
        {
            await Db.SaveChangesAsync(cancellationToken);
        }

        var store = await Db.QrChannels.AsNoTracking().Where(q => q.Scene == scene && q.Kind == QrCodeKind.PickupStore)
            .Join(Db.PickupStores, q => q.PickupStoreId, s => s.Id, (q, s) => new { s.Code, s.Name, s.Address })
            .FirstOrDefaultAsync(cancellationToken);
        return store is null
            ? null
            : $"您在【{store.Name}】（{store.Address}）。到店自提：点这里选购，下单时已为您选好本店 → {links.Pickup(store.Code)}";
    }

    private async Task<string> AnswerMenuClickAsync(MenuClickEvent click, CancellationToken cancellationToken)
    {
        var rule = await rules.MatchMenuKeyAsync(() => Db, click.ButtonKey, cancellationToken);
        var content = rule is null ? null : await replies.RenderAsync(() => Db, rule, scene: null, cancellationToken);
        return await RecordAsync(click, content is null ? AnsweredBy.Nobody : AnsweredBy.MenuClick, rule?.Id, content, cancellationToken);
    }

    private async Task<string> RecordDeliveryAsync(TemplateSendJobFinishedEvent report, CancellationToken cancellationToken)
    {
        // Record the report first, then update the notice: OrderNotifications does the opposite, so a report that
        // arrives before the notice row exists is never lost.
        var reply = await RecordAsync(report, AnsweredBy.Nobody, null, null, cancellationToken);
        var status = report.Status == TemplateDeliveryStatus.Delivered ? NotificationStatus.Delivered : NotificationStatus.Failed;
        var error = report.Status == TemplateDeliveryStatus.Delivered ? null : report.StatusText;
        var at = clock.GetUtcNow();
        await using (await writeGate.EnterAsync(cancellationToken))
        {
            await Db.OrderNotifications.Where(n => n.WeChatMessageId == report.TemplateMessageId && n.Channel == OrderNotifications.TemplateChannel)
                .ExecuteUpdateAsync(s => s.SetProperty(n => n.Status, status).SetProperty(n => n.Error, error).SetProperty(n => n.DeliveryReportedAt, at), cancellationToken);
        }

        return reply;
    }

    /// <summary>Saves the push with its answer (passive reply XML) in one write; a racing duplicate gets the first answer.</summary>
    private async Task<string> RecordAsync(InboundMessage message, AnsweredBy answeredBy, long? ruleId, ReplyContent? content, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var xml = content?.ToPassiveXml(message, now);
        var received = NewRecord(message, answeredBy, ruleId);
        received.ReplyXml = xml;
        received.RepliedAt = now;
        if (await Log.TryAddAsync(received, cancellationToken) is { } earlier)
        {
            return earlier.ReplyXml ?? PassiveReply.Success;
        }

        return xml ?? PassiveReply.Success;
    }

    private ReceivedMessage NewRecord(InboundMessage message, AnsweredBy answeredBy, long? ruleId) => new()
    {
        DeduplicationKey = DeduplicationKeyOf(message),
        OpenId = message.OpenId,
        MessageType = message.MessageType,
        EventName = (message as InboundEvent)?.EventName ?? (message as UnrecognizedMessage)?.EventName,
        Content = Truncate(message switch
        {
            TextMessage text => text.Content,
            SubscribeEvent follow => follow.SceneValue,
            ScanEvent scan => scan.SceneValue,
            MenuClickEvent click => click.ButtonKey,
            MenuViewEvent view => view.Url,
            TemplateSendJobFinishedEvent report => report.StatusText,
            _ => null,
        }),
        ReceivedAt = clock.GetUtcNow(),
        AnsweredBy = answeredBy,
        RuleId = ruleId,
    };

    /// <summary>
    /// WeChat's key (MsgId; FromUserName+CreateTime for events), with the event and its key added: a retry repeats
    /// them exactly, while two different events of one user in the same second (a menu tap and a scan) stay apart.
    /// </summary>
    public static string DeduplicationKeyOf(InboundMessage message)
    {
        if (message is UserMessage or TemplateSendJobFinishedEvent)
        {
            return message.DeduplicationKey;
        }

        var eventName = (message as InboundEvent)?.EventName ?? (message as UnrecognizedMessage)?.EventName ?? message.MessageType;
        var eventKey = message.Fields.GetValueOrDefault("EventKey") ?? string.Empty;
        var key = message.DeduplicationKey + ":" + eventName + ":" + eventKey;
        return key.Length <= 120 ? key : message.DeduplicationKey + ":" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(eventName + ":" + eventKey)));
    }

    private static string? Truncate(string? value) => value is { Length: > 500 } ? value[..500] : value;

    [LoggerMessage(Level = LogLevel.Error, Message = "Auto-reply rule {RuleId} failed; the customer-service desk answers instead")]
    private static partial void LogRuleFailed(ILogger logger, Exception exception, long? ruleId);

    [LoggerMessage(Level = LogLevel.Error, Message = "The customer-service desk failed on pushed message {ReceivedMessageId}; the shopper gets the apology and a human")]
    private static partial void LogDeskFailed(ILogger logger, Exception exception, long receivedMessageId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Pushed message {ReceivedMessageId} not answered within {BudgetMilliseconds} ms; answering through the customer-service API")]
    private static partial void LogAnswerLate(ILogger logger, long receivedMessageId, double budgetMilliseconds);
}
