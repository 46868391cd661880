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
    public static async Task<bool> EnsureAsync(MallDb db, string orderNumber, CancellationToken cancellationToken)
    {
        // One round trip for everything the row needs: this runs for every payment, inside the shared write batch.
        var sale = await db.Orders.Where(o => o.Number == orderNumber && o.PaidAt != null)
            .Select(o => new
            {
                o.MemberId,
                PaidAt = o.PaidAt!.Value,
                PaidFen = o.PaidFen ?? 0,
                Recorded = db.SaleFacts.Any(f => f.OrderNumber == orderNumber),
                Returning = db.SaleFacts.Any(f => f.MemberId == o.MemberId),
                ReferredAt = db.Members.Where(m => m.Id == o.MemberId).Select(m => m.ReferredAt).FirstOrDefault(),
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (sale is null)
        {
            return await db.SaleFacts.AnyAsync(f => f.OrderNumber == orderNumber, cancellationToken);
        }

        if (sale.Recorded)
        {
            return true;
        }

        var openIds = db.WeChatIdentities.Where(w => w.MemberId == sale.MemberId).Select(w => w.OpenId);
        var scan = await db.QrScans.Where(s => s.MemberId == sale.MemberId || openIds.Contains(s.OpenId))
            .OrderBy(s => s.At).ThenBy(s => s.Id).Select(s => new { s.Scene, s.At }).FirstOrDefaultAsync(cancellationToken);

        // First touch wins: a QR scan, or a friend's share link, whichever came first.
        var channel = sale.ReferredAt is { } referred && (scan is null || referred < scan.At) ? SaleFact.ReferralChannel : scan?.Scene;
        db.SaleFacts.Add(new SaleFact
        {
            OrderNumber = orderNumber,
            MemberId = sale.MemberId,
            Day = Money.ChinaDay(sale.PaidAt),
            PaidAt = sale.PaidAt,
            PaidFen = sale.PaidFen,
            FirstPurchase = !sale.Returning,
            Channel = channel ?? SaleFact.DirectChannel,
        });
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

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

            var refunded = await db.Orders.Where(o => o.Number == message.OrderNumber).Select(o => o.RefundedFen).FirstAsync(ct);
            await db.SaleFacts.Where(f => f.OrderNumber == message.OrderNumber)
                .ExecuteUpdateAsync(s => s.SetProperty(f => f.RefundedFen, refunded), ct);
        }, cancellationToken);
}
