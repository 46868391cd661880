using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WxMall.Admin;
using WxMall.Data;
using WxMall.Identity;
using WxMall.Infrastructure;
using WxMall.Storefront;

namespace WxMall.Payments.Reconciliation;

public sealed record ReconcileRequest(string? Date);

public sealed record DifferenceView(
    long Id, string Kind, string? OutTradeNumber, string? OutRefundNumber, long? WeChatFen, long? StoreFen, string Detail, string Resolution,
    string? ResolvedBy, DateTimeOffset? ResolvedAt);

public sealed record ReconciliationView(
    long Id, string BillDate, string Status, string StartedBy, DateTimeOffset StartedAt, int BillPayments, long BillPaidFen, int BillRefunds,
    long BillRefundFen, string? Failure, int OpenDifferences, IReadOnlyList<DifferenceView> Differences);

public static class ReconciliationEndpoints
{
    public static IEndpointRouteBuilder MapReconciliation(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/admin/reconciliation").WithTags("Admin: reconciliation").RequireAuthorization(AuthPolicies.FinanceStaff);
        group.MapPost("", Run);
        group.MapGet("", List);
        group.MapGet("/{id:long}", Get);
        group.MapPost("/differences/{id:long}/acknowledge", Acknowledge);
        return app;
    }

    internal static async Task<Results<Ok<ReconciliationView>, ValidationProblem, ProblemHttpResult>> Run(
        ReconcileRequest request, ClaimsPrincipal user, ReconcileDay reconcile, PayGateway gateway, MallDb db, TimeProvider clock, IWriteGate writeGate,
        CancellationToken cancellationToken)
    {
        var today = Money.ChinaDay(clock.GetUtcNow());
        if (!DateOnly.TryParseExact(request.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) || date > today)
        {
            return Problems.Invalid("date", "请填写要对账的日期（yyyy-MM-dd），不能晚于今天");
        }

        if (!gateway.IsConfigured)
        {
            return Problems.Unavailable("微信支付未开通（WeChat:Mode=Off），无法对账");
        }

        var run = await reconcile.HandleAsync(date, "staff:" + user.StaffName(), cancellationToken);
        await using (await writeGate.EnterAsync(cancellationToken))
        {
            AuditTrail.Record(db, user, clock, "reconciliation.run", $"bill:{date:yyyy-MM-dd}", run.Status.ToString());
            await db.SaveChangesAsync(cancellationToken);
        }

        return TypedResults.Ok(ToView(run));
    }

    internal static async Task<Ok<List<ReconciliationView>>> List(MallDb db, CancellationToken cancellationToken, int take = 30)
    {
        var runs = await db.ReconciliationRuns.AsNoTracking().Include(r => r.Differences)
            .OrderByDescending(r => r.BillDate).ThenByDescending(r => r.Id).Take(Math.Clamp(take, 1, 200)).ToListAsync(cancellationToken);
        return TypedResults.Ok(runs.Select(ToView).ToList());
    }

    private static async Task<Results<Ok<ReconciliationView>, ProblemHttpResult>> Get(long id, MallDb db, CancellationToken cancellationToken) =>
        await db.ReconciliationRuns.AsNoTracking().Include(r => r.Differences).FirstOrDefaultAsync(r => r.Id == id, cancellationToken) is { } run
            ? TypedResults.Ok(ToView(run))
            : Problems.NotFound($"对账记录 {id} 不存在");

    internal static async Task<Results<Ok<DifferenceView>, ProblemHttpResult>> Acknowledge(
        long id, ClaimsPrincipal user, MallDb db, TimeProvider clock, IWriteGate writeGate, CancellationToken cancellationToken)
    {
        await using var writer = await writeGate.EnterAsync(cancellationToken);
        var difference = await db.ReconciliationDifferences.FirstOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (difference is null)
        {
            return Problems.NotFound($"差异 {id} 不存在");
        }

        if (difference.Resolution != DifferenceResolution.Open)
        {
            return Problems.Conflict("这条差异已经处理过了");
        }

        difference.Resolution = DifferenceResolution.Acknowledged;
        difference.ResolvedBy = "staff:" + user.StaffName();
        difference.ResolvedAt = clock.GetUtcNow();
        AuditTrail.Record(db, user, clock, "reconciliation.acknowledge", $"difference:{id}", difference.Kind.ToString());
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ToView(difference));
    }

    private static ReconciliationView ToView(ReconciliationRun run) => new(
        run.Id, run.BillDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), run.Status.ToString(), run.StartedBy, run.StartedAt,
        run.BillPayments, run.BillPaidFen, run.BillRefunds, run.BillRefundFen, run.Failure,
        run.Differences.Count(d => d.Resolution == DifferenceResolution.Open), run.Differences.Select(ToView).ToList());

    private static DifferenceView ToView(ReconciliationDifference difference) => new(
        difference.Id, difference.Kind.ToString(), difference.OutTradeNumber, difference.OutRefundNumber, difference.WeChatFen, difference.StoreFen,
        difference.Detail, difference.Resolution.ToString(), difference.ResolvedBy, difference.ResolvedAt);
}
