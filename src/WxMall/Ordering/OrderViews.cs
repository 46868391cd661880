using Microsoft.EntityFrameworkCore;
using WxMall.Compliance;
using WxMall.Data;

namespace WxMall.Ordering;

public sealed record OrderLineView(string Sku, string ProductName, string SkuName, long UnitPriceFen, int Quantity, long LineTotalFen);

public sealed record OrderView(
    string Number, string Status, string StatusName, long GoodsFen, long ShippingFen, long PointsUsed, long PointsDiscountFen,
    long PayableFen, string Delivery, string? PickupStore, string? RecipientName, string? RecipientPhone, string? Address,
    DateTimeOffset PlacedAt, DateTimeOffset PaymentDeadline, DateTimeOffset? PaidAt, string? Carrier, string? TrackingNumber,
    DateTimeOffset? ShippedAt, string? CancelReason, long RefundedFen, IReadOnlyList<OrderLineView> Lines, string? ReturnReason,
    string? ReturnRejection);

public static class OrderViews
{
    /// <summary>Loads one order as its owner (or staff) sees it; personal data masked.</summary>
    public static async Task<OrderView?> LoadAsync(MallDb db, PersonalDataProtector protector, string number, long? memberId, CancellationToken cancellationToken)
    {
        var order = await db.Orders.AsNoTracking().Include(o => o.Lines)
            .FirstOrDefaultAsync(o => o.Number == number && (memberId == null || o.MemberId == memberId), cancellationToken);
        return order is null ? null : await ToViewAsync(db, protector, order, cancellationToken);
    }

    public static async Task<OrderView> ToViewAsync(MallDb db, PersonalDataProtector protector, Order order, CancellationToken cancellationToken)
    {
        var skuIds = order.Lines.Select(l => l.SkuId).ToList();
        var skuCodes = await db.Skus.AsNoTracking().Where(s => skuIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Code, cancellationToken);
        var store = order.PickupStoreId is { } storeId
            ? await db.PickupStores.AsNoTracking().Where(s => s.Id == storeId).Select(s => s.Name + "（" + s.Address + "）").FirstOrDefaultAsync(cancellationToken)
            : null;
        return ToView(protector, order, skuCodes, store);
    }

    /// <summary>The view from data already at hand: SKU codes by id and the pickup store's name.</summary>
    public static OrderView ToView(PersonalDataProtector protector, Order order, IReadOnlyDictionary<int, string> skuCodes, string? store)
    {
        return new OrderView(
            order.Number, order.Status.ToString(), OrderStatusNames.Of(order.Status), order.GoodsFen, order.ShippingFen, order.PointsUsed,
            order.PointsDiscountFen, order.PayableFen, order.Delivery == DeliveryMethod.StorePickup ? "pickup" : "express", store,
            order.RecipientNameCipher is null ? null : Mask.Name(protector.Decrypt(order.RecipientNameCipher)),
            order.RecipientPhoneCipher is null ? null : Mask.Phone(protector.Decrypt(order.RecipientPhoneCipher)),
            order.AddressDetailCipher is null ? null : order.RegionText + " " + Mask.Address(protector.Decrypt(order.AddressDetailCipher)),
            order.PlacedAt, order.PaymentDeadline, order.PaidAt, order.Carrier, order.TrackingNumber, order.ShippedAt, order.CancelReason,
            order.RefundedFen,
            order.Lines.OrderBy(l => l.Id).Select(l => new OrderLineView(
                skuCodes.GetValueOrDefault(l.SkuId, ""), l.ProductName, l.SkuName, l.UnitPriceFen, l.Quantity, l.LineTotalFen)).ToList(),
            order.ReturnReason,
            order.ReturnRejection);
    }
}

/// <summary>What an order holds, per SKU: the stock handlers (commit on payment, restock on refund) move exactly this.</summary>
public static class OrderQuantities
{
    public static async Task<List<(int SkuId, int Quantity)>> OfAsync(MallDb db, string orderNumber, CancellationToken cancellationToken)
    {
        var lines = new List<(int SkuId, int Quantity)>();
        await foreach (var line in LinesOf.For(db)(db, orderNumber).WithCancellation(cancellationToken))
        {
            lines.Add((line.SkuId, line.Quantity));
        }

        return lines;
    }

    private sealed record LineQuantity(int SkuId, int Quantity);

    // A join from the order's unique number (a correlated EXISTS made SQLite scan every order line); compiled, as every
    // payment and refund reads it inside the shared write batch.
    private static readonly CompiledPerModel<Func<MallDb, string, IAsyncEnumerable<LineQuantity>>> LinesOf = new(() => EF.CompileAsyncQuery(
        (MallDb db, string orderNumber) => db.Orders.Where(o => o.Number == orderNumber).SelectMany(o => o.Lines)
            .Select(l => new LineQuantity(l.SkuId, l.Quantity))));
}
