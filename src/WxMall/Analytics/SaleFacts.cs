using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WxMall.Data;
using WxMall.Ordering;
using WxMall.Storefront;

namespace WxMall.Analytics;

/// <summary>
/// One row per paid order, written when the payment event is handled: what the sales reports read (GMV by day and
/// channel, new and returning buyers, refunds) without going through orders, members and QR scans each time.
/// </summary>
public sealed class SaleFact
{
    public const string DirectChannel = "direct";
    public const string ReferralChannel = "referral";

    public long Id { get; set; }
    public required string OrderNumber { get; init; }
    public long MemberId { get; set; }

    /// <summary>The China-time day of the payment.</summary>
    public DateOnly Day { get; init; }
    public DateTimeOffset PaidAt { get; init; }
    public long PaidFen { get; init; }

    /// <summary>Refunded so far; follows the order's own figure, so a repeated refund event changes nothing.</summary>
    public long RefundedFen { get; set; }

    /// <summary>The member's first paid order (a new buyer that day).</summary>
    public bool FirstPurchase { get; init; }

    /// <summary>
    /// Where the buyer came from, first touch: the scene of their first parametric-QR scan, <see cref="ReferralChannel"/> when a
    /// member's share link brought them earlier, otherwise <see cref="DirectChannel"/>.
    /// </summary>
    public required string Channel { get; init; }
}

internal sealed class SaleFactConfiguration : IEntityTypeConfiguration<SaleFact>
{
    public void Configure(EntityTypeBuilder<SaleFact> builder)
    {
        builder.HasIndex(f => f.OrderNumber).IsUnique();
        builder.HasIndex(f => f.Day);
        builder.HasIndex(f => f.MemberId);
        builder.Property(f => f.OrderNumber).HasMaxLength(32);
        builder.Property(f => f.Channel).HasMaxLength(64);
    }
}

/// <summary>
/// Writes the sale of a paid order once, from the order row itself: at-least-once events, either order of arrival
/// (a refund handled before its payment), and orders paid before this table existed all end in the same single row.
/// </summary>
public static class SaleRecorder
{
    /// <summary>
    /// Adds the sale row to <paramref name="db"/>'s unit of work unless it exists; the caller saves. Runs for every
    /// payment inside the shared write batch, hence compiled queries, and the batch's own unsaved rows count too: a
    /// second order of the same buyer in that batch is a returning buyer's.
    /// </summary>
    public static async Task<bool> EnsureAsync(MallDb db, string orderNumber, CancellationToken cancellationToken)
    {
        var sale = await PaidSaleOf.For(db)(db, orderNumber, cancellationToken);
        if (sale is null)
        {
            return await db.SaleFacts.AnyAsync(f => f.OrderNumber == orderNumber, cancellationToken);
        }

        var unsaved = db.SaleFacts.Local;
        if (sale.Recorded || unsaved.Any(f => f.OrderNumber == orderNumber))
        {
            return true;
        }

        var scan = await FirstScanOf.For(db)(db, sale.MemberId, cancellationToken);

        // First touch wins: a QR scan, or a friend's share link, whichever came first.
        var channel = sale.ReferredAt is { } referred && (scan is null || referred < scan.At) ? SaleFact.ReferralChannel : scan?.Scene;
        db.SaleFacts.Add(new SaleFact
        {
            OrderNumber = orderNumber,
            MemberId = sale.MemberId,
            Day = Money.ChinaDay(sale.PaidAt),
            PaidAt = sale.PaidAt,
            PaidFen = sale.PaidFen,
            FirstPurchase = !sale.Returning && !unsaved.Any(f => f.MemberId == sale.MemberId),
            Channel = channel ?? SaleFact.DirectChannel,
        });
        return true;
    }

    private sealed record PaidSale(long MemberId, DateTimeOffset PaidAt, long PaidFen, bool Recorded, bool Returning, DateTimeOffset? ReferredAt);

    private sealed record FirstScan(string Scene, DateTimeOffset At);

    private static readonly CompiledPerModel<Func<MallDb, string, CancellationToken, Task<PaidSale?>>> PaidSaleOf = new(() => EF.CompileAsyncQuery(
        (MallDb db, string orderNumber, CancellationToken _) => db.Orders.Where(o => o.Number == orderNumber && o.PaidAt != null)
            .Select(o => new PaidSale(
                o.MemberId,
                o.PaidAt!.Value,
                o.PaidFen ?? 0,
                db.SaleFacts.Any(f => f.OrderNumber == orderNumber),
                db.SaleFacts.Any(f => f.MemberId == o.MemberId),
                db.Members.Where(m => m.Id == o.MemberId).Select(m => m.ReferredAt).FirstOrDefault()))
            .FirstOrDefault()));

    // The buyer's first parametric-QR scan, by member or by any of their openids.
    private static readonly CompiledPerModel<Func<MallDb, long, CancellationToken, Task<FirstScan?>>> FirstScanOf = new(() => EF.CompileAsyncQuery(
        (MallDb db, long memberId, CancellationToken _) => db.QrScans
            .Where(s => s.MemberId == memberId || db.WeChatIdentities.Where(w => w.MemberId == memberId).Select(w => w.OpenId).Contains(s.OpenId))
            .OrderBy(s => s.At).ThenBy(s => s.Id).Select(s => new FirstScan(s.Scene, s.At)).FirstOrDefault()));

    /// <summary>The sale of an order announced as paid; the order must be paid.</summary>
    public static async Task RecordPaymentAsync(MallDb db, string orderNumber, CancellationToken cancellationToken)
    {
        if (!await EnsureAsync(db, orderNumber, cancellationToken))
        {
            throw new InvalidOperationException($"Order {orderNumber} is announced as paid but is not paid.");
        }
    }
}

/// <summary>Copies the order's refunded total onto its sale: a repeated refund event sets the same figure again.</summary>
public static class RecordRefundOnSaleHandler
{
    public static Task Handle(OrderRefunded message, SharedWrites writes, CancellationToken cancellationToken) =>
        writes.RunAsync(async (db, ct) =>
        {
            if (!await SaleRecorder.EnsureAsync(db, message.OrderNumber, ct))
            {
                throw new InvalidOperationException($"Order {message.OrderNumber} is announced as refunded but was never paid.");
            }

            await db.SaveChangesAsync(ct);

            var refunded = await db.Orders.Where(o => o.Number == message.OrderNumber).Select(o => o.RefundedFen).FirstAsync(ct);
            await db.SaleFacts.Where(f => f.OrderNumber == message.OrderNumber)
                .ExecuteUpdateAsync(s => s.SetProperty(f => f.RefundedFen, refunded), ct);
        }, cancellationToken);
}
