using Microsoft.EntityFrameworkCore;
using WxMall.Admin;
using WxMall.Cart;
using WxMall.Data;
using WxMall.Members;
using WxMall.Ordering;

namespace WxMall.Identity;

/// <summary>What a merge moved from <see cref="FromMemberId"/> into <see cref="IntoMemberId"/>.</summary>
public sealed record MergeSummary(
    long FromMemberId, long IntoMemberId, int Orders, int PointsEntries, long Points, int Addresses, int CartLines, int WeChatIdentities);

/// <summary>What the member that would be emptied by a merge holds, so the shopper can decide.</summary>
public sealed record MemberHoldings(int Orders, int UnsettledOrders, long Points, int Addresses)
{
    public bool IsEmpty => Orders == 0 && Points == 0 && Addresses == 0;
}

/// <summary>
/// Moves everything of one member into another: orders, points (ledger entries and balance, total paid, level),
/// addresses, the cart and the WeChat identities; the emptied member is kept for audit, marked merged, and can no
/// longer sign in. Runs inside the caller's transaction: it all happens or none of it does.
/// </summary>
public static class MergeMembers
{
    /// <summary>
    /// Orders whose payment or refund is still moving, or whose points are not awarded yet, would credit the emptied
    /// member afterwards (the handlers address <c>message.MemberId</c>).
    /// </summary>
    private static readonly OrderStatus[] Unsettled = [OrderStatus.AwaitingPayment, OrderStatus.Refunding];

    public static async Task<MemberHoldings> HoldingsAsync(MallDb db, long memberId, CancellationToken cancellationToken) => new(
        await db.Orders.CountAsync(o => o.MemberId == memberId, cancellationToken),
        await db.Orders.CountAsync(o => o.MemberId == memberId && (Unsettled.Contains(o.Status)
            || (o.PaidAt != null && !db.PointsEntries.Any(p => p.OrderNumber == o.Number && p.Reason == PointsReasons.EarnedOnPayment))), cancellationToken),
        await db.Members.Where(m => m.Id == memberId).Select(m => m.PointsBalance).FirstOrDefaultAsync(cancellationToken),
        await db.Addresses.CountAsync(a => a.MemberId == memberId, cancellationToken));

    /// <returns>The summary, or null when the source member changed meanwhile (already merged, or points moved): retry.</returns>
    public static async Task<MergeSummary?> MergeAsync(MallDb db, long fromId, long intoId, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (fromId == intoId)
        {
            throw new InvalidOperationException("A member cannot be merged into itself.");
        }

        var from = await db.Members.AsNoTracking().FirstAsync(m => m.Id == fromId, cancellationToken);
        var into = await db.Members.AsNoTracking().FirstAsync(m => m.Id == intoId, cancellationToken);

        // Mark the source first, guarded on the values read: a concurrent points change or merge makes this match no row.
        var marked = await db.Members
            .Where(m => m.Id == fromId && m.MergedIntoMemberId == null && m.PointsBalance == from.PointsBalance && m.TotalPaidFen == from.TotalPaidFen)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.MergedIntoMemberId, intoId)
                .SetProperty(m => m.MergedAt, now)
                .SetProperty(m => m.PointsBalance, 0)
                .SetProperty(m => m.TotalPaidFen, 0)
                .SetProperty(m => m.PasswordHash, (string?)null), cancellationToken);
        if (marked == 0)
        {
            return null;
        }

        var level = (MemberLevel)Math.Max(Math.Max((int)from.Level, (int)into.Level), (int)MemberLevels.For(from.TotalPaidFen + into.TotalPaidFen));
        await db.Members.Where(m => m.Id == intoId).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.PointsBalance, m => m.PointsBalance + from.PointsBalance)
            .SetProperty(m => m.TotalPaidFen, m => m.TotalPaidFen + from.TotalPaidFen)
            .SetProperty(m => m.Level, level), cancellationToken);

        // An idempotency key both members used would collide under (MemberId, IdempotencyKey); the older order no longer needs it.
        var intoKeys = db.Orders.Where(o => o.MemberId == intoId && o.IdempotencyKey != null).Select(o => o.IdempotencyKey);
        await db.Orders.Where(o => o.MemberId == fromId && intoKeys.Contains(o.IdempotencyKey))
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.IdempotencyKey, (string?)null), cancellationToken);
        var orders = await db.Orders.Where(o => o.MemberId == fromId).ExecuteUpdateAsync(s => s.SetProperty(o => o.MemberId, intoId), cancellationToken);

        var pointsEntries = await db.PointsEntries.Where(p => p.MemberId == fromId)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.MemberId, intoId), cancellationToken);

        var intoHasDefault = await db.Addresses.AnyAsync(a => a.MemberId == intoId && a.IsDefault, cancellationToken);
        var addresses = await db.Addresses.Where(a => a.MemberId == fromId).ExecuteUpdateAsync(s => s
            .SetProperty(a => a.MemberId, intoId)
            .SetProperty(a => a.IsDefault, a => a.IsDefault && !intoHasDefault), cancellationToken);

        var cartLines = 0;
        var fromCart = await db.Carts.Include(c => c.Lines).FirstOrDefaultAsync(c => c.OwnerKey == ShoppingCart.ForMember(fromId), cancellationToken);
        if (fromCart is not null)
        {
            cartLines = fromCart.Lines.Count;
            var intoCart = await CartStore.LoadOrCreateAsync(db, ShoppingCart.ForMember(intoId), clock, cancellationToken);
            intoCart.MergeFrom(fromCart, now);
            db.Carts.Remove(fromCart);
        }

        var identities = await db.WeChatIdentities.Where(i => i.MemberId == fromId)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.MemberId, intoId), cancellationToken);

        db.AuditLog.Add(new AuditEntry
        {
            At = now,
            Actor = $"member:{intoId}",
            Action = "members.merge",
            Target = $"member:{fromId}",
            Detail = $"orders={orders} pointsEntries={pointsEntries} points={from.PointsBalance} totalPaidFen={from.TotalPaidFen} addresses={addresses} cartLines={cartLines} wechatIdentities={identities}",
        });
        await db.SaveChangesAsync(cancellationToken);
        return new MergeSummary(fromId, intoId, orders, pointsEntries, from.PointsBalance, addresses, cartLines, identities);
    }
}
