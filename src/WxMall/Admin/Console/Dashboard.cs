using Microsoft.EntityFrameworkCore;
using WxMall.Data;
using WxMall.Ordering;
using WxMall.Storefront;

namespace WxMall.Admin.Console;

public sealed record DailySales(DateOnly Day, int OrdersPlaced, int OrdersPaid, long PaidFen);

public sealed record DashboardView(
    DateOnly Today, int OrdersToday, int PaidToday, long PaidFenToday, double? ConversionToday, IReadOnlyList<DailySales> Last30Days);

/// <summary>Today's numbers and the last 30 days, by China Standard Time days.</summary>
public static class Dashboard
{
    public const int Days = 30;

    public static async Task<DashboardView> LoadAsync(MallDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().ToOffset(Money.ChinaOffset);
        var today = DateOnly.FromDateTime(now.DateTime);
        var from = new DateTimeOffset(today.AddDays(-(Days - 1)).ToDateTime(TimeOnly.MinValue), Money.ChinaOffset);

        // Three columns per order of the last 30 days; grouping by a China-time day is done here because SQLite
        // stores these as unix milliseconds and PostgreSQL as timestamptz, with no common date function.
        var placed = await db.Orders.AsNoTracking().Where(o => o.PlacedAt >= from).Select(o => o.PlacedAt).ToListAsync(cancellationToken);
        var paid = await db.Orders.AsNoTracking().Where(o => o.PaidAt != null && o.PaidAt >= from)
            .Select(o => new { PaidAt = o.PaidAt!.Value, o.PayableFen }).ToListAsync(cancellationToken);

        var placedByDay = placed.GroupBy(Money.ChinaDay).ToDictionary(g => g.Key, g => g.Count());
        var paidByDay = paid.GroupBy(p => Money.ChinaDay(p.PaidAt)).ToDictionary(g => g.Key, g => (Count: g.Count(), Fen: g.Sum(p => p.PayableFen)));
        var days = Enumerable.Range(0, Days).Select(i => today.AddDays(i - (Days - 1))).Select(day => new DailySales(
            day, placedByDay.GetValueOrDefault(day), paidByDay.GetValueOrDefault(day).Count, paidByDay.GetValueOrDefault(day).Fen)).ToList();

        var todayRow = days[^1];
        double? conversion = todayRow.OrdersPlaced == 0 ? null : (double)todayRow.OrdersPaid / todayRow.OrdersPlaced;
        return new DashboardView(today, todayRow.OrdersPlaced, todayRow.OrdersPaid, todayRow.PaidFen, conversion, days);
    }
}
