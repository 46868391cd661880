using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wolverine.EntityFrameworkCore;
using WxMall.Compliance;
using WxMall.Data;
using WxMall.Infrastructure;
using WxMall.Ordering;

namespace WxMall.Admin;

public sealed record ShipRequest(string? Carrier, string? TrackingNumber);

public sealed record AdminCancelRequest(string? Reason);

public sealed record AdminOrderRow(string Number, long MemberId, string Status, string StatusName, long PayableFen, string Delivery, DateTimeOffset PlacedAt, DateTimeOffset? PaidAt);

public static class AdminOrders
{
    public static async Task<Results<Ok<List<AdminOrderRow>>, ValidationProblem>> List(
        MallDb db, CancellationToken cancellationToken, string? status = null, int page = 1)
    {
        OrderStatus? filter = null;
        if (!string.IsNullOrEmpty(status))
        {
            if (!Enum.TryParse<OrderStatus>(status, ignoreCase: true, out var parsed))
            {
                return Problems.Invalid("status", $"状态只能是 {string.Join("、", Enum.GetNames<OrderStatus>())}");
            }

            filter = parsed;
        }

        var rows = await db.Orders.AsNoTracking().Where(o => filter == null || o.Status == filter)
            .OrderByDescending(o => o.Id).Skip((Math.Max(page, 1) - 1) * 50).Take(50)
            .Select(o => new { o.Number, o.MemberId, o.Status, o.PayableFen, o.Delivery, o.PlacedAt, o.PaidAt })
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(rows.Select(o => new AdminOrderRow(
            o.Number, o.MemberId, o.Status.ToString(), OrderStatusNames.Of(o.Status), o.PayableFen,
            o.Delivery == DeliveryMethod.StorePickup ? "pickup" : "express", o.PlacedAt, o.PaidAt)).ToList());
    }

    public static async Task<Results<Ok<OrderView>, ProblemHttpResult>> Get(string number, MallDb db, PersonalDataProtector protector, CancellationToken cancellationToken) =>
        await OrderViews.LoadAsync(db, protector, number, memberId: null, cancellationToken) is { } order
            ? TypedResults.Ok(order)
            : Problems.NotFound($"订单 {number} 不存在");

    public static async Task<Results<Ok<OrderView>, ValidationProblem, ProblemHttpResult>> Ship(
        string number, ShipRequest request, IDbContextOutbox<MallDb> outbox, PersonalDataProtector protector, ClaimsPrincipal user,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var validation = new Validation()
            .Require(request.Carrier is { Length: >= 2 and <= 40 }, "carrier", "请填写快递公司，例如 顺丰速运")
            .Require(request.TrackingNumber is { Length: >= 6 and <= 40 } && request.TrackingNumber.All(char.IsAsciiLetterOrDigit),
                "trackingNumber", "快递单号需为 6 到 40 位字母或数字");
        if (!validation.IsValid)
        {
            return Problems.Invalid(validation);
        }

        var db = outbox.DbContext;
        var order = await db.Orders.FirstOrDefaultAsync(o => o.Number == number, cancellationToken);
        if (order is null)
        {
            return Problems.NotFound($"订单 {number} 不存在");
        }

        var change = order.Ship(request.Carrier!, request.TrackingNumber!, clock.GetUtcNow());
        if (!change.Applied)
        {
            return Problems.Conflict(change.Refusal!);
        }

        AuditTrail.Record(db, user, clock, "order.ship", $"order:{number}", $"{request.Carrier} {request.TrackingNumber}");
        await outbox.PublishAsync(new OrderShipped(order.Number, order.MemberId, order.Carrier!, order.TrackingNumber!));
        await outbox.SaveChangesAndFlushMessagesAsync(cancellationToken);
        return TypedResults.Ok((await OrderViews.LoadAsync(db, protector, number, null, cancellationToken))!);
    }

    public static async Task<Results<Ok<OrderView>, ValidationProblem, ProblemHttpResult>> Cancel(
        string number, AdminCancelRequest request, CancelOrder cancel, MallDb db, PersonalDataProtector protector, ClaimsPrincipal user,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        if (request.Reason is not { Length: >= 2 and <= 200 })
        {
            return Problems.Invalid("reason", "请填写取消原因（2 到 200 个字）");
        }

        var (outcome, refusal) = await cancel.HandleAsync(number, null, request.Reason, $"staff:{user.Identity!.Name}", onlyWhenDue: false, cancellationToken);
        if (outcome != CancelOutcome.Cancelled)
        {
            return outcome == CancelOutcome.NotFound ? Problems.NotFound(refusal!) : Problems.Conflict(refusal ?? "订单当前不能取消");
        }

        AuditTrail.Record(db, user, clock, "order.cancel", $"order:{number}", request.Reason);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok((await OrderViews.LoadAsync(db, protector, number, null, cancellationToken))!);
    }
}
