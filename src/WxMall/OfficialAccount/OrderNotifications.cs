using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WxMall.Data;
using WxMall.Identity;
using WxMall.Ordering;
using WxMall.WeChat.Http;
using WxMall.WeChat.MiniProgram;
using WxMall.WeChat.OfficialAccount;
using WxMall.Storefront;

namespace WxMall.OfficialAccount;

/// <summary>
/// Order news for the buyer: a subscribe message in the mini-program when they paid there or only use the
/// mini-program, otherwise a template message from the official account. One per order and event (the unique
/// (order, kind) row); quota stops and WeChat refusals are recorded, transient failures retry; the delivery report
/// (TEMPLATESENDJOBFINISH) updates the row.
/// </summary>
public sealed partial class OrderNotifications(
    MallDb db,
    SharedWrites writes,
    IOptions<WeChatOfficialAccountOptions> account,
    IOptions<WeChatMiniProgramOptions> miniProgram,
    StoreLinks links,
    WeChatClients clients,
    TimeProvider clock,
    ILogger<OrderNotifications> logger)
{
    public const string TemplateChannel = "template";
    public const string SubscribeChannel = "subscribe";

    public async Task NotifyAsync(string orderNumber, long memberId, string kind, Notice notice, CancellationToken cancellationToken)
    {
        if (await AlreadyNotified.For(db)(db, orderNumber, kind, cancellationToken))
        {
            return;
        }

        var record = new OrderNotification { OrderNumber = orderNumber, Kind = kind, Channel = TemplateChannel, CreatedAt = clock.GetUtcNow() };
        var officialAccount = clients.OfficialAccount;
        var miniProgramClient = clients.MiniProgram;
        var accountOpenId = officialAccount is null ? null : await db.OpenIdForAsync(memberId, account.Value.AppId, cancellationToken);
        var miniProgramOpenId = miniProgramClient is null ? null : await db.OpenIdForAsync(memberId, miniProgram.Value.AppId, cancellationToken);
        // A buyer who paid in the mini-program hears about the order there (a subscribe message), even when they also
        // follow the official account; everyone else gets the account's template message when they can.
        if (miniProgramOpenId is not null && accountOpenId is not null && !await PaidInMiniProgramAsync(orderNumber, cancellationToken))
        {
            miniProgramOpenId = null;
        }

        if ((miniProgramOpenId is null || notice.SubscribeTemplateId.Length == 0) && accountOpenId is not null && notice.TemplateId.Length > 0)
        {
            record.OpenId = accountOpenId;
            var result = await officialAccount!.SendTemplateMessageAsync(new SendTemplateMessageRequest
            {
                OpenId = accountOpenId,
                TemplateId = notice.TemplateId,
                Url = links.Absolute("/orders/" + Uri.EscapeDataString(orderNumber)),
                Data = notice.TemplateData.ToDictionary(d => d.Key, d => new TemplateDataValue(d.Value)),
                ClientMessageId = $"{orderNumber}:{kind}",
            }, cancellationToken);
            Apply(record, result, result.Value?.MessageId);
        }
        else if (miniProgramOpenId is not null && notice.SubscribeTemplateId.Length > 0)
        {
            record.Channel = SubscribeChannel;
            record.OpenId = miniProgramOpenId;
            var result = await miniProgramClient!.SendSubscribeMessageAsync(new SendSubscribeMessageRequest
            {
                OpenId = miniProgramOpenId,
                TemplateId = notice.SubscribeTemplateId,
                Page = "pages/orders/detail?number=" + Uri.EscapeDataString(orderNumber),
                Data = notice.SubscribeData.ToDictionary(d => d.Key, d => new TemplateDataValue(d.Value)),
            }, cancellationToken);
            Apply(record, result, result.Value?.MessageId);
        }
        else
        {
            record.Status = NotificationStatus.NoRecipient;
        }

        await SaveAsync(record, isNew: true, cancellationToken);

        // The delivery report (TEMPLATESENDJOBFINISH) can arrive before this row is saved. Each side writes first and
        // then looks for the other (the report handler records the report, then updates rows), so one of them sees it.
        if (record.WeChatMessageId is { } messageId && record.Channel == TemplateChannel && record.DeliveryReportedAt is null
            && await db.ReceivedMessages.AsNoTracking().Where(m => m.DeduplicationKey == "template:" + messageId).Select(m => m.Content).FirstOrDefaultAsync(cancellationToken) is { } reported)
        {
            ApplyDeliveryReport(record, reported, clock.GetUtcNow());
            await SaveAsync(record, isNew: false, cancellationToken);
        }
    }

    private static readonly CompiledPerModel<Func<MallDb, string, string, CancellationToken, Task<bool>>> AlreadyNotified = new(() => EF.CompileAsyncQuery(
        (MallDb db, string orderNumber, string kind, CancellationToken _) => db.OrderNotifications.Any(n => n.OrderNumber == orderNumber && n.Kind == kind)));

    private Task<bool> PaidInMiniProgramAsync(string orderNumber, CancellationToken cancellationToken) =>
        db.PaymentAttempts.AnyAsync(a => a.OrderNumber == orderNumber && a.TransactionId != null && a.AppId == miniProgram.Value.AppId, cancellationToken);

    // With the other handlers' writes of the same moment: one commit for many paid orders instead of one each.
    private Task SaveAsync(OrderNotification record, bool isNew, CancellationToken cancellationToken) =>
        writes.RunAsync((batch, _) =>
        {
            if (isNew)
            {
                batch.OrderNotifications.Add(record);
            }
            else
            {
                batch.OrderNotifications.Update(record);
            }

            return Task.CompletedTask;
        }, cancellationToken);

    /// <summary>The TEMPLATESENDJOBFINISH status: <c>success</c>, or why WeChat could not deliver.</summary>
    public static void ApplyDeliveryReport(OrderNotification record, string statusText, DateTimeOffset at)
    {
        record.Status = statusText == "success" ? NotificationStatus.Delivered : NotificationStatus.Failed;
        record.Error = statusText == "success" ? null : statusText;
        record.DeliveryReportedAt = at;
    }

    private void Apply<T>(OrderNotification record, WeChatResult<T> result, long? messageId)
        where T : class
    {
        if (result.Succeeded)
        {
            record.Status = NotificationStatus.Sent;
            record.WeChatMessageId = messageId;
            return;
        }

        if (result.Status == WeChatResultStatus.MalformedResponse || result.ErrorCode is -1 or 45011)
        {
            throw new InvalidOperationException($"Sending the {record.Kind} notice of order {record.OrderNumber} failed transiently ({result}); retrying.");
        }

        record.Status = result.Status == WeChatResultStatus.QuotaExceeded || result.ErrorCode == 45009 ? NotificationStatus.QuotaStopped : NotificationStatus.Failed;
        record.Error = $"{result.ErrorCode} {result.ErrorMessage}";
        if (record.Error.Length > 300)
        {
            record.Error = record.Error[..300];
        }

        LogNotSent(logger, record.Kind, record.OrderNumber, record.Status, result.ErrorCode);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The {Kind} notice of order {OrderNumber} was not sent: {Status} (errcode {ErrorCode})")]
    private static partial void LogNotSent(ILogger logger, string kind, string orderNumber, NotificationStatus status, int errorCode);

    public sealed record Notice(string TemplateId, IReadOnlyDictionary<string, string> TemplateData, string SubscribeTemplateId, IReadOnlyDictionary<string, string> SubscribeData);

    internal static string BeijingTime(DateTimeOffset at) => at.ToOffset(Money.ChinaOffset).ToString("yyyy年M月d日 HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}

public static class NotifyBuyerOnOrderPaidHandler
{
    public static Task Handle(OrderPaid message, OrderNotifications notifications, IOptions<OfficialAccountOptions> options, CancellationToken cancellationToken)
    {
        var amount = "¥" + Money.Plain(message.PaidFen);
        var time = OrderNotifications.BeijingTime(message.PaidAt);
        return notifications.NotifyAsync(message.OrderNumber, message.MemberId, "paid", new OrderNotifications.Notice(
            options.Value.OrderPaidTemplateId,
            new Dictionary<string, string> { ["thing1"] = "订单支付成功", ["character_string2"] = message.OrderNumber, ["amount3"] = amount, ["time4"] = time },
            options.Value.OrderPaidSubscribeTemplateId,
            new Dictionary<string, string> { ["character_string1"] = message.OrderNumber, ["amount2"] = amount, ["time3"] = time, ["thing4"] = "订单支付成功，我们会尽快发货" }),
            cancellationToken);
    }
}

public static class NotifyBuyerOnOrderShippedHandler
{
    public static Task Handle(OrderShipped message, OrderNotifications notifications, IOptions<OfficialAccountOptions> options, CancellationToken cancellationToken) =>
        notifications.NotifyAsync(message.OrderNumber, message.MemberId, "shipped", new OrderNotifications.Notice(
            options.Value.OrderShippedTemplateId,
            new Dictionary<string, string> { ["thing1"] = "订单已发货", ["character_string2"] = message.OrderNumber, ["thing3"] = message.Carrier, ["character_string4"] = message.TrackingNumber },
            options.Value.OrderShippedSubscribeTemplateId,
            new Dictionary<string, string> { ["character_string1"] = message.OrderNumber, ["thing2"] = message.Carrier, ["character_string3"] = message.TrackingNumber }),
            cancellationToken);
}

public static class NotifyBuyerOnOrderRefundedHandler
{
    public static Task Handle(OrderRefunded message, OrderNotifications notifications, IOptions<OfficialAccountOptions> options, CancellationToken cancellationToken)
    {
        var amount = "¥" + Money.Plain(message.RefundFen);
        var time = OrderNotifications.BeijingTime(message.RefundedAt);
        return notifications.NotifyAsync(message.OrderNumber, message.MemberId, "refunded:" + message.OutRefundNumber, new OrderNotifications.Notice(
            options.Value.OrderRefundedTemplateId,
            new Dictionary<string, string> { ["thing1"] = "退款成功", ["character_string2"] = message.OrderNumber, ["amount3"] = amount, ["time4"] = time },
            options.Value.OrderRefundedSubscribeTemplateId,
            new Dictionary<string, string> { ["character_string1"] = message.OrderNumber, ["amount2"] = amount, ["time3"] = time }),
            cancellationToken);
    }
}
