using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WxMall.Data;
using WxMall.Identity;
using WxMall.Infrastructure;
using WxMall.Storefront;

namespace WxMall.Analytics;

public sealed record SalesDay(string Day, int Orders, long PaidFen, long RefundedFen, long NetFen, int NewBuyers, int ReturningBuyers);

public sealed record SalesChannel(string Channel, int Orders, int Buyers, long PaidFen, long NetFen);

public sealed record SalesReportView(
    string From, string To, int Orders, int Buyers, long PaidFen, long RefundedFen, long NetFen, long AverageOrderFen,
    IReadOnlyList<SalesDay> Days, IReadOnlyList<SalesChannel> Channels);

/// <summary><c>GET /api/admin/analytics/sales?from=yyyy-MM-dd&amp;to=yyyy-MM-dd</c>: sales by China-time day and by channel.</summary>
public static class SalesReport
{
    public const int MaxDays = 366;

    public static IEndpointRouteBuilder MapAnalytics(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/admin/analytics").WithTags("Admin: analytics").RequireAuthorization(AuthPolicies.ReportStaff)
            .MapGet("/sales", Get);
        return app;
    }

    internal static async Task<Results<Ok<SalesReportView>, ValidationProblem>> Get(
        string? from, string? to, MallDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var today = Money.ChinaDay(clock.GetUtcNow());
        if (!TryDay(to, today, out var last))
        {
            return Problems.Invalid("to", "结束日期格式应为 yyyy-MM-dd");
        }

        if (!TryDay(from, last.AddDays(-29), out var first))
        {
            return Problems.Invalid("from", "开始日期格式应为 yyyy-MM-dd");
        }

        if (first > last || last.DayNumber - first.DayNumber >= MaxDays)
        {
            return Problems.Invalid("from", $"开始日期不能晚于结束日期，且最多查询 {MaxDays} 天");
        }

        var sales = await db.SaleFacts.AsNoTracking().Where(f => f.Day >= first && f.Day <= last)
            .Select(f => new { f.Day, f.MemberId, f.PaidFen, f.RefundedFen, f.FirstPurchase, f.Channel }).ToListAsync(cancellationToken);
        var days = sales.GroupBy(f => f.Day).OrderBy(g => g.Key).Select(g =>
        {
            // A buyer whose first order is that day is new that day, however many more orders they place.
            var newBuyers = g.Where(f => f.FirstPurchase).Select(f => f.MemberId).ToHashSet();
            var buyers = g.Select(f => f.MemberId).Distinct().Count();
            return new SalesDay(Format(g.Key), g.Count(), g.Sum(f => f.PaidFen), g.Sum(f => f.RefundedFen), g.Sum(f => f.PaidFen - f.RefundedFen),
                newBuyers.Count, buyers - newBuyers.Count);
        }).ToList();
        var channels = sales.GroupBy(f => f.Channel).Select(g => new SalesChannel(
            g.Key, g.Count(), g.Select(f => f.MemberId).Distinct().Count(), g.Sum(f => f.PaidFen), g.Sum(f => f.PaidFen - f.RefundedFen)))
            .OrderByDescending(c => c.NetFen).ThenBy(c => c.Channel, StringComparer.Ordinal).ToList();
        var paid = sales.Sum(f => f.PaidFen);
        var refunded = sales.Sum(f => f.RefundedFen);
        return TypedResults.Ok(new SalesReportView(
            Format(first), Format(last), sales.Count, sales.Select(f => f.MemberId).Distinct().Count(), paid, refunded, paid - refunded,
            sales.Count == 0 ? 0 : paid / sales.Count, days, channels));
    }

    private static bool TryDay(string? text, DateOnly fallback, out DateOnly day)
    {
        if (string.IsNullOrEmpty(text))
        {
            day = fallback;
            return true;
        }

        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);
    }

    private static string Format(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
