using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using WxMall.WeChatEmulator.Accounts;

namespace WxMall.WeChatEmulator.Pay;

/// <summary>POST /v3/refund/domestic/refunds: accepted as PROCESSING, settled to SUCCESS a (scaled) minute later with a REFUND.SUCCESS notification.</summary>
internal static class Refunds
{
    private static readonly TimeSpan SettleDelay = TimeSpan.FromMinutes(1);

    public static IResult Create(HttpContext context, byte[] body)
    {
        if (PayEndpoints.ParseObject(body, out var root) is { } error)
        {
            return error;
        }

        var services = context.RequestServices;
        var ledger = services.GetRequiredService<PayLedger>();
        var outRefundNumber = PrepayValidation.Text(root, "out_refund_no");
        if (string.IsNullOrEmpty(outRefundNumber) || outRefundNumber.Length > 64
            || !outRefundNumber.All(character => char.IsAsciiLetterOrDigit(character) || character is '_' or '-' or '|' or '*' or '@'))
        {
            return PayReply.ParameterError("/out_refund_no", "out_refund_no is required: up to 64 characters of [0-9A-Za-z_-|*@]");
        }

        var order = PrepayValidation.Text(root, "transaction_id") is { } transactionId
            ? ledger.FindByTransactionId(transactionId)
            : PrepayValidation.Text(root, "out_trade_no") is { } outTradeNumber
                ? ledger.FindByOutTradeNumber(outTradeNumber)
                : null;
        if (!root.TryGetProperty("transaction_id", out _) && !root.TryGetProperty("out_trade_no", out _))
        {
            return PayReply.ParameterError("/out_trade_no", "transaction_id or out_trade_no is required");
        }

        if (!root.TryGetProperty("amount", out var amount) || amount.ValueKind != JsonValueKind.Object
            || !amount.TryGetProperty("refund", out var refundElement) || !refundElement.TryGetInt64(out var refundFen) || refundFen < 1
            || !amount.TryGetProperty("total", out var totalElement) || !totalElement.TryGetInt64(out var totalFen) || totalFen < 1)
        {
            return PayReply.ParameterError("/amount", "amount.refund and amount.total are required positive integers in fen");
        }

        if (PrepayValidation.Text(amount, "currency") != "CNY")
        {
            return PayReply.ParameterError("/amount/currency", "currency is required and must be CNY");
        }

        var notifyUrl = PrepayValidation.Text(root, "notify_url");
        if (notifyUrl is not null && (!Uri.TryCreate(notifyUrl, UriKind.Absolute, out var notify) || notify.Query.Length > 0))
        {
            return PayReply.ParameterError("/notify_url", "notify_url must be an absolute URL without a query string");
        }

        if (order is null)
        {
            return PayReply.Error(404, "RESOURCE_NOT_EXISTS", "订单不存在");
        }

        var (refund, refusal) = ledger.Refund(order, outRefundNumber, refundFen, totalFen, PrepayValidation.Text(root, "reason"), notifyUrl);
        if (refund is null)
        {
            return PayReply.Error(refusal!.Value.Status, refusal.Value.Code, refusal.Value.Message);
        }

        if (refund.Status == "PROCESSING")
        {
            ScheduleSettlement(services, refund);
        }

        return PayReply.Json(200, PayJsonShapes.Refund(refund));
    }

    private static void ScheduleSettlement(IServiceProvider services, PayRefund refund)
    {
        var ledger = services.GetRequiredService<PayLedger>();
        var dispatcher = services.GetRequiredService<NotificationDispatcher>();
        var timeProvider = services.GetRequiredService<TimeProvider>();
        _ = Task.Run(async () =>
        {
            await Task.Delay(dispatcher.Scaled(SettleDelay), timeProvider);
            if (refund.Status != "PROCESSING")
            {
                return;
            }

            ledger.SettleRefund(refund);
            var url = refund.NotifyUrl ?? refund.Order.NotifyUrl;
            dispatcher.Dispatch("REFUND.SUCCESS", "退款成功", "refund", PayJsonShapes.RefundNotification(refund), url);
        });
    }
}
