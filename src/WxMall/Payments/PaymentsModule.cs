using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WxMall.Admin;
using WxMall.Data;
using WxMall.Identity;
using WxMall.Infrastructure;
using WxMall.Integrations;
using WxMall.Ordering;
using WxMall.Payments.Reconciliation;

namespace WxMall.Payments;

public sealed record PaymentStatusView(string OrderNumber, string Status, string StatusName, bool Paid, long PayableFen, DateTimeOffset PaymentDeadline, string NextStep);

public sealed record AdminRefundRequest(long? AmountFen, string? Reason);

/// <summary>Why the return is turned down: the shopper reads it on the order.</summary>
public sealed record RejectReturnRequest(string? Reason);

public sealed record RefundView(
    string OutRefundNumber, string OrderNumber, long AmountFen, string Kind, string Status, string Reason, string RequestedBy,
    string? FailureReason, DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt);

public sealed record PaymentAttemptView(string OutTradeNumber, string Mode, long AmountFen, DateTimeOffset ExpiresAt, string? TransactionId, DateTimeOffset? ClosedAt);

public sealed record OrderPaymentsView(string OrderNumber, IReadOnlyList<PaymentAttemptView> Attempts, IReadOnlyList<RefundView> Refunds);

public static class PaymentsModule
{
    public static WebApplicationBuilder AddPayments(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<PaymentOptions>(builder.Configuration.GetSection(PaymentOptions.Section));
        builder.Services.AddSingleton<PayGateway>();
        builder.Services.AddScoped<StartPayment>();
        builder.Services.AddScoped<SettleTransaction>();
        builder.Services.AddScoped<CheckPayment>();
        builder.Services.AddScoped<ClosePayments>();
        builder.Services.AddScoped<RefundStrayPayment>();
        builder.Services.AddScoped<RefundOrder>();
        builder.Services.AddScoped<FinishRefund>();
        builder.Services.AddScoped<ReconcileDay>();
        builder.Services.AddHostedService<DailyReconciliation>();
        return builder;
    }

    public static IEndpointRouteBuilder MapPayments(this IEndpointRouteBuilder app)
    {
        var orders = app.MapGroup("/api/orders/{number}").WithTags("Payments").RequireAuthorization(AuthPolicies.Member);
        orders.MapPost("/payments", Start);
        orders.MapGet("/payment-status", Status);
        orders.MapGet("/payments/qr.svg", QrCode);

        var admin = app.MapGroup("/api/admin/orders/{number}").WithTags("Admin: payments").RequireAuthorization(AuthPolicies.FinanceStaff);
        admin.MapGet("/payments", Payments);
        admin.MapPost("/refunds", RefundByStaff);
        admin.MapPost("/return/approve", ApproveReturn);
        admin.MapPost("/return/reject", RejectReturn);
        app.MapGet("/api/admin/refunds", ListRefunds).WithTags("Admin: payments").RequireAuthorization(AuthPolicies.FinanceStaff);

        app.MapReconciliation();
        if (app.ServiceProvider.GetRequiredService<PayGateway>().IsConfigured)
        {
            var wechat = app.MapGroup("/wechat/pay").WithTags("WeChat callbacks").ExcludeFromDescription();
            wechat.MapPost("/notify", PayNotifications.HandlePaymentAsync);
            wechat.MapPost("/refund-notify", PayNotifications.HandleRefundAsync);
            if (app.ServiceProvider.GetRequiredService<IOptions<PaymentOptions>>().Value.BenchmarkBaseline)
            {
                app.MapPost("/bench/pay/verify-only", PayNotifications.VerifyOnlyAsync).ExcludeFromDescription();
            }
        }

        return app;
    }

    private static async Task<Results<Ok<PaymentView>, ValidationProblem, ProblemHttpResult>> Start(
        string number, StartPaymentRequest request, ClaimsPrincipal user, HttpContext context, StartPayment start, CancellationToken cancellationToken)
    {
        var clientIp = context.Connection.RemoteIpAddress?.MapToIPv4().ToString();
        var outcome = await start.HandleAsync(user.RequiredMemberId(), number, request, clientIp, cancellationToken);
        return outcome switch
        {
            StartPaymentOutcome.Started started => TypedResults.Ok(started.Payment),
            StartPaymentOutcome.Invalid invalid => Problems.Invalid(invalid.Field, invalid.Detail),
            StartPaymentOutcome.NotFound notFound => Problems.NotFound(notFound.Detail),
            StartPaymentOutcome.Refused refused => Problems.Conflict(refused.Detail),
            StartPaymentOutcome.Unavailable unavailable => Problems.Unavailable(unavailable.Detail),
            StartPaymentOutcome.WeChatFailed failed => Problems.BadGateway(failed.Detail),
            _ => throw new InvalidOperationException($"Unhandled outcome {outcome}"),
        };
    }

    /// <summary>What the pay-result page polls. It asks WeChat itself when the order still looks unpaid.</summary>
    internal static async Task<Results<Ok<PaymentStatusView>, ProblemHttpResult>> Status(
        string number, ClaimsPrincipal user, MallDb db, CheckPayment check, CancellationToken cancellationToken)
    {
        var memberId = user.RequiredMemberId();
        var status = await db.Orders.Where(o => o.Number == number && o.MemberId == memberId).Select(o => (OrderStatus?)o.Status).FirstOrDefaultAsync(cancellationToken);
        if (status is null)
        {
            return Problems.NotFound($"订单 {number} 不存在");
        }

        if (status == OrderStatus.AwaitingPayment)
        {
            await check.HandleAsync(number, force: false, cancellationToken);
        }

        var order = await db.Orders.AsNoTracking().Where(o => o.Number == number)
            .Select(o => new { o.Status, o.PayableFen, o.PaymentDeadline, o.PaidAt, o.CancelReason }).FirstAsync(cancellationToken);
        var nextStep = order.Status switch
        {
            OrderStatus.AwaitingPayment => "尚未收到支付结果。如已付款请稍候，页面会自动刷新；未付款可重新发起支付",

            // A QR code expires with the order's deadline, so a shopper who waited too long cannot get a new one: say so.
            OrderStatus.Cancelled when order.CancelReason == CancelUnpaidOrderHandler.TimeoutReason =>
                "订单超时未支付，已自动取消，付款二维码已失效。如仍需购买，请重新下单；若您已付款，款项会原路退回，请留意微信支付通知",
            OrderStatus.Cancelled => "订单已取消。如仍需购买，请重新下单；若您已付款，款项会原路退回，请留意微信支付通知",
            _ when order.PaidAt is not null => "支付成功，我们会尽快为您发货",
            _ => OrderStatusNames.Of(order.Status),
        };
        return TypedResults.Ok(new PaymentStatusView(
            number, order.Status.ToString(), OrderStatusNames.Of(order.Status), order.PaidAt is not null, order.PayableFen, order.PaymentDeadline, nextStep));
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> QrCode(
        string number, ClaimsPrincipal user, MallDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var memberId = user.RequiredMemberId();
        var now = clock.GetUtcNow();
        var codeUrl = await db.PaymentAttempts
            .Where(a => a.OrderNumber == number && a.Mode == PaymentMode.Native && a.ClosedAt == null && a.CodeUrl != null && a.ExpiresAt > now)
            .Where(a => db.Orders.Any(o => o.Number == number && o.MemberId == memberId && o.Status == OrderStatus.AwaitingPayment))
            .OrderByDescending(a => a.Id).Select(a => a.CodeUrl).FirstOrDefaultAsync(cancellationToken);
        if (codeUrl is null)
        {
            return Problems.NotFound("没有可用的支付二维码：二维码已过期或订单无需支付，请刷新后重新发起扫码支付");
        }

        return TypedResults.File(QrCodeSvg.Render(codeUrl), QrCodeSvg.ContentType);
    }

    internal static async Task<Results<Ok<OrderPaymentsView>, ProblemHttpResult>> Payments(string number, MallDb db, CancellationToken cancellationToken)
    {
        if (!await db.Orders.AnyAsync(o => o.Number == number, cancellationToken))
        {
            return Problems.NotFound($"订单 {number} 不存在");
        }

        var attempts = await db.PaymentAttempts.AsNoTracking().Where(a => a.OrderNumber == number).OrderBy(a => a.Id).ToListAsync(cancellationToken);
        var refunds = await db.Refunds.AsNoTracking().Where(r => r.OrderNumber == number).OrderBy(r => r.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(new OrderPaymentsView(
            number,
            attempts.Select(a => new PaymentAttemptView(a.OutTradeNumber, a.Mode.ToString().ToLowerInvariant(), a.AmountFen, a.ExpiresAt, a.TransactionId, a.ClosedAt)).ToList(),
            refunds.Select(ToView).ToList()));
    }

    private static async Task<Ok<List<RefundView>>> ListRefunds(MallDb db, CancellationToken cancellationToken, string? status = null)
    {
        var parsed = Enum.TryParse<RefundStatus>(status, ignoreCase: true, out var value) ? value : (RefundStatus?)null;
        var refunds = await db.Refunds.AsNoTracking().Where(r => parsed == null || r.Status == parsed)
            .OrderByDescending(r => r.Id).Take(200).ToListAsync(cancellationToken);
        return TypedResults.Ok(refunds.Select(ToView).ToList());
    }

    internal static async Task<Results<Ok<RefundView>, ValidationProblem, ProblemHttpResult>> RefundByStaff(
        string number, AdminRefundRequest request, ClaimsPrincipal user, RefundOrder refunds, PayGateway gateway, CancellationToken cancellationToken)
    {
        var validation = new Validation()
            .Require(request.AmountFen is null or > 0, "amountFen", "退款金额须为正整数（单位：分）；不填则退还全部可退金额")
            .Require(request.Reason is { Length: >= 2 and <= 80 }, "reason", "请填写退款原因（2 到 80 个字）");
        if (!validation.IsValid)
        {
            return Problems.Invalid(validation);
        }

        return await RefundAsync(number, request.AmountFen, RefundKind.Staff, request.Reason!, user, refunds, gateway, cancellationToken);
    }

    internal static async Task<Results<Ok<RefundView>, ValidationProblem, ProblemHttpResult>> ApproveReturn(
        string number, ClaimsPrincipal user, RefundOrder refunds, PayGateway gateway, CancellationToken cancellationToken) =>
        await RefundAsync(number, amountFen: null, RefundKind.Return, "退货退款", user, refunds, gateway, cancellationToken);

    private static async Task<Results<Ok<RefundView>, ValidationProblem, ProblemHttpResult>> RefundAsync(
        string number, long? amountFen, RefundKind kind, string reason, ClaimsPrincipal user, RefundOrder refunds, PayGateway gateway, CancellationToken cancellationToken)
    {
        if (!gateway.IsConfigured)
        {
            return Problems.Unavailable("微信支付未开通（WeChat:Mode=Off），无法退款");
        }

        return await refunds.HandleAsync(number, amountFen, kind, reason, user, cancellationToken) switch
        {
            RefundOrderOutcome.Started started => TypedResults.Ok(ToView(started.Refund)),
            RefundOrderOutcome.NotFound notFound => Problems.NotFound(notFound.Detail),
            RefundOrderOutcome.Refused refused => Problems.Conflict(refused.Detail),
            var other => throw new InvalidOperationException($"Unhandled outcome {other}"),
        };
    }

    internal static async Task<Results<Ok<OrderView>, ValidationProblem, ProblemHttpResult>> RejectReturn(
        string number, RejectReturnRequest request, ClaimsPrincipal user, MallDb db, Compliance.PersonalDataProtector protector, TimeProvider clock,
        IWriteGate writeGate, CancellationToken cancellationToken)
    {
        var reason = request.Reason?.Trim();
        var validation = new Validation()
            .Require(reason is { Length: >= 2 and <= 200 }, "reason", "请填写拒绝原因（2 到 200 个字），买家会在订单中看到");
        if (!validation.IsValid)
        {
            return Problems.Invalid(validation);
        }

        await using (await writeGate.EnterAsync(cancellationToken))
        {
            var order = await db.Orders.FirstOrDefaultAsync(o => o.Number == number, cancellationToken);
            if (order is null)
            {
                return Problems.NotFound($"订单 {number} 不存在");
            }

            var change = order.RejectReturn(reason!);
            if (!change.Applied)
            {
                return Problems.Conflict(change.Refusal!);
            }

            AuditTrail.Record(db, user, clock, "order.return.reject", $"order:{number}", reason!);
            await db.SaveChangesAsync(cancellationToken);
        }

        return TypedResults.Ok((await OrderViews.LoadAsync(db, protector, number, null, cancellationToken))!);
    }

    private static RefundView ToView(Refund refund) => new(
        refund.OutRefundNumber, refund.OrderNumber, refund.AmountFen, refund.Kind.ToString(), refund.Status.ToString(), refund.Reason,
        refund.RequestedBy, refund.FailureReason, refund.CreatedAt, refund.CompletedAt);
}
