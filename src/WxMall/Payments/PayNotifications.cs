using WxMall.Infrastructure;
using WxMall.WeChat.Pay.Crypto;
using WxMall.WeChat.Pay.Notifications;

namespace WxMall.Payments;

/// <summary>
/// <c>POST /wechat/pay/notify</c> and <c>/wechat/pay/refund-notify</c>. The signature is checked on the raw bytes
/// before anything is parsed; WeChat gets 204 when the notification is applied (or was already) and a 4xx/5xx
/// with <c>{"code":"FAIL","message":…}</c> otherwise, so it delivers again on its retry schedule.
/// </summary>
public static class PayNotifications
{
    public static async Task<IResult> HandlePaymentAsync(
        HttpRequest request, WeChatPayNotificationParser parser, SettleTransaction settle, PayGateway gateway, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(typeof(PayNotifications));
        var body = await ReadBodyAsync(request, gateway, cancellationToken);
        if (body is null)
        {
            return Fail(StatusCodes.Status413PayloadTooLarge, "body too large");
        }

        var parsed = parser.ParsePayment(body.Value.Span, Headers(request));
        if (!parsed.IsSuccess)
        {
            // The reason is safe to log: it names the check that failed, never the body or a key.
            logger.LogWarning("Payment notification refused: {Reason} {Message}", parsed.Failure, parsed.Message);
            return Fail(StatusCodes.Status401Unauthorized, parsed.Failure.ToString()!);
        }

        var transaction = parsed.Value!.Transaction;
        var (outcome, detail) = await settle.HandleAsync(transaction, cancellationToken);
        logger.LogInformation("Payment notification for {OutTradeNumber}: {Outcome}", transaction.OutTradeNumber, outcome);
        return outcome switch
        {
            SettlementOutcome.Paid or SettlementOutcome.AlreadyPaid or SettlementOutcome.RefundedAutomatically or SettlementOutcome.NotPaid => Results.NoContent(),
            SettlementOutcome.UnknownOrder => Fail(StatusCodes.Status404NotFound, "unknown out_trade_no"),
            _ => Fail(StatusCodes.Status400BadRequest, "mismatch: " + Describe(detail)),
        };
    }

    public static async Task<IResult> HandleRefundAsync(
        HttpRequest request, WeChatPayNotificationParser parser, FinishRefund finish, PayGateway gateway, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(typeof(PayNotifications));
        var body = await ReadBodyAsync(request, gateway, cancellationToken);
        if (body is null)
        {
            return Fail(StatusCodes.Status413PayloadTooLarge, "body too large");
        }

        var parsed = parser.ParseRefund(body.Value.Span, Headers(request));
        if (!parsed.IsSuccess)
        {
            logger.LogWarning("Refund notification refused: {Reason} {Message}", parsed.Failure, parsed.Message);
            return Fail(StatusCodes.Status401Unauthorized, parsed.Failure.ToString()!);
        }

        var refund = parsed.Value!.Refund;
        if (refund.MerchantId != gateway.MerchantId)
        {
            logger.LogWarning("Refund notification for {OutRefundNumber} names another merchant", refund.OutRefundNumber);
            return Fail(StatusCodes.Status400BadRequest, "mchid mismatch");
        }

        var update = await finish.HandleAsync(refund.OutRefundNumber, refund.RefundStatus, refund.RefundId, refund.SuccessTime, cancellationToken);
        logger.LogInformation("Refund notification for {OutRefundNumber}: {Update}", refund.OutRefundNumber, update);
        return update == RefundUpdate.UnknownRefund ? Fail(StatusCodes.Status404NotFound, "unknown out_refund_no") : Results.NoContent();
    }

    /// <summary>The benchmark baseline: the same reading, verification and decryption, no database.</summary>
    public static async Task<IResult> VerifyOnlyAsync(HttpRequest request, WeChatPayNotificationParser parser, PayGateway gateway, CancellationToken cancellationToken)
    {
        var body = await ReadBodyAsync(request, gateway, cancellationToken);
        return body is not null && parser.ParsePayment(body.Value.Span, Headers(request)).IsSuccess ? Results.NoContent() : Fail(StatusCodes.Status401Unauthorized, "refused");
    }

    private static PaySignatureHeaders Headers(HttpRequest request) =>
        PaySignatureHeaders.FromLookup(name => request.Headers.TryGetValue(name, out var value) ? value.ToString() : null);

    private static Task<ReadOnlyMemory<byte>?> ReadBodyAsync(HttpRequest request, PayGateway gateway, CancellationToken cancellationToken) =>
        RawBody.ReadAsync(
            request, gateway.IsConfigured ? gateway.Options.MaximumNotificationBytes : WeChatPayNotificationParser.DefaultMaximumBodyBytes, cancellationToken);

    private static string Describe(string? detail) => detail ?? "see the store log";

    private static IResult Fail(int status, string message) =>
        Results.Json(new { code = "FAIL", message }, statusCode: status);
}
