using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using WxMall.Compliance;
using WxMall.Data;
using WxMall.Identity;
using WxMall.Infrastructure;

namespace WxMall.Ordering;

public sealed record ReturnRequest(string? Reason);

public sealed record OrderSummary(string Number, string Status, string StatusName, long PayableFen, int ItemCount, string FirstProduct, DateTimeOffset PlacedAt);

public static class OrderingModule
{
    public static WebApplicationBuilder AddOrdering(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<OrderOptions>(builder.Configuration.GetSection(OrderOptions.Section));
        builder.Services.AddScoped<PlaceOrder>();
        builder.Services.AddSingleton<OrderWriter>();
        builder.Services.AddHostedService(services => services.GetRequiredService<OrderWriter>());
        builder.Services.AddScoped<CancelOrder>();
        builder.Services.AddSingleton<RecordPayment>();
        builder.Services.AddHostedService(services => services.GetRequiredService<RecordPayment>());
        return builder;
    }

    public static IEndpointRouteBuilder MapOrdering(this IEndpointRouteBuilder app)
    {
        var orders = app.MapGroup("/api/orders").WithTags("Orders").RequireAuthorization(AuthPolicies.Member);
        orders.MapPost("", Place);
        orders.MapGet("", ListMine);
        orders.MapGet("/{number}", GetMine);
        orders.MapPost("/{number}/cancel", CancelMine);
        orders.MapPost("/{number}/return-request", RequestReturn);
        return app;
    }

    private static async Task<Results<Created<OrderView>, Ok<OrderView>, ValidationProblem, ProblemHttpResult>> Place(
        PlaceOrderRequest request, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, ClaimsPrincipal user,
        PlaceOrder placeOrder, CancellationToken cancellationToken)
    {
        var outcome = await placeOrder.HandleAsync(user.RequiredMemberId(), request, idempotencyKey, cancellationToken);
        return outcome switch
        {
            PlaceOrderOutcome.Placed placed => TypedResults.Created($"/api/orders/{placed.Order.Number}", placed.Order),
            PlaceOrderOutcome.AlreadyPlaced existing => TypedResults.Ok(existing.Order),
            PlaceOrderOutcome.Invalid invalid => Problems.Invalid(invalid.Validation),
            PlaceOrderOutcome.NotFound notFound => Problems.NotFound(notFound.Detail),
            PlaceOrderOutcome.OutOfStock outOfStock => Problems.Conflict(
                $"库存不足：{outOfStock.Sku} 仅剩 {outOfStock.Available} 件，您要购买 {outOfStock.Requested} 件，请减少数量",
                new Dictionary<string, object?> { ["sku"] = outOfStock.Sku, ["available"] = outOfStock.Available }),
            PlaceOrderOutcome.Refused refused => Problems.Conflict(refused.Detail),
            _ => throw new InvalidOperationException($"Unhandled outcome {outcome}"),
        };
    }

    private static async Task<Ok<List<OrderSummary>>> ListMine(ClaimsPrincipal user, MallDb db, CancellationToken cancellationToken, int page = 1)
    {
        var memberId = user.RequiredMemberId();
        var orders = await db.Orders.AsNoTracking().Where(o => o.MemberId == memberId)
            .OrderByDescending(o => o.Id).Skip((Math.Max(page, 1) - 1) * 20).Take(20)
            .Select(o => new
            {
                o.Number, o.Status, o.PayableFen, o.PlacedAt,
                ItemCount = o.Lines.Sum(l => l.Quantity),
                FirstProduct = o.Lines.OrderBy(l => l.Id).Select(l => l.ProductName).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(orders.Select(o => new OrderSummary(
            o.Number, o.Status.ToString(), OrderStatusNames.Of(o.Status), o.PayableFen, o.ItemCount, o.FirstProduct ?? "", o.PlacedAt)).ToList());
    }

    private static async Task<Results<Ok<OrderView>, ProblemHttpResult>> GetMine(
        string number, ClaimsPrincipal user, MallDb db, PersonalDataProtector protector, CancellationToken cancellationToken)
    {
        var order = await OrderViews.LoadAsync(db, protector, number, user.RequiredMemberId(), cancellationToken);
        return order is null ? Problems.NotFound($"订单 {number} 不存在") : TypedResults.Ok(order);
    }

    private static async Task<Results<Ok<OrderView>, ProblemHttpResult>> CancelMine(
        string number, ClaimsPrincipal user, CancelOrder cancel, MallDb db, PersonalDataProtector protector, CancellationToken cancellationToken)
    {
        var memberId = user.RequiredMemberId();
        var (outcome, refusal) = await cancel.HandleAsync(number, memberId, "买家取消", $"member:{memberId}", onlyWhenDue: false, cancellationToken);
        return outcome switch
        {
            CancelOutcome.Cancelled => TypedResults.Ok((await OrderViews.LoadAsync(db, protector, number, memberId, cancellationToken))!),
            CancelOutcome.NotFound => Problems.NotFound(refusal!),
            _ => Problems.Conflict(refusal ?? "订单当前不能取消"),
        };
    }

    private static async Task<Results<Ok<OrderView>, ValidationProblem, ProblemHttpResult>> RequestReturn(
        string number, ReturnRequest request, ClaimsPrincipal user, MallDb db, PersonalDataProtector protector, CancellationToken cancellationToken)
    {
        if (request.Reason is not { Length: >= 2 and <= 500 })
        {
            return Problems.Invalid("reason", "请填写退货原因（2 到 500 个字）");
        }

        var memberId = user.RequiredMemberId();
        var order = await db.Orders.FirstOrDefaultAsync(o => o.Number == number && o.MemberId == memberId, cancellationToken);
        if (order is null)
        {
            return Problems.NotFound($"订单 {number} 不存在");
        }

        var change = order.RequestReturn(request.Reason);
        if (!change.Applied)
        {
            return Problems.Conflict(change.Refusal!);
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok((await OrderViews.LoadAsync(db, protector, number, memberId, cancellationToken))!);
    }
}
