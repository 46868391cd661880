using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WxMall.Cart;
using WxMall.Compliance;
using WxMall.Data;
using WxMall.Infrastructure;
using WxMall.Members;

namespace WxMall.Ordering;

public sealed record PlaceOrderLine(string? Sku, int Quantity);

public sealed record PlaceOrderRequest(
    List<PlaceOrderLine>? Lines, string? Delivery, long? AddressId, string? PickupStore, long UsePoints = 0, bool RemoveFromCart = true);

public abstract record PlaceOrderOutcome
{
    public sealed record Placed(OrderView Order) : PlaceOrderOutcome;

    /// <summary>The same idempotency key was used before: the first order, unchanged.</summary>
    public sealed record AlreadyPlaced(OrderView Order) : PlaceOrderOutcome;

    public sealed record Invalid(Validation Validation) : PlaceOrderOutcome;

    public sealed record NotFound(string Detail) : PlaceOrderOutcome;

    public sealed record OutOfStock(string Sku, int Requested, int Available) : PlaceOrderOutcome;

    public sealed record Refused(string Detail) : PlaceOrderOutcome;
}

/// <summary>
/// Checkout: prices on the server, reserves stock with guarded updates, takes points, writes the order and
/// its events in one transaction, and schedules the payment timeout. Any refusal leaves nothing behind.
/// </summary>
public sealed class PlaceOrder(
    MallDb db, IHotReads reads, OrderWriter writer, PersonalDataProtector protector, TimeProvider clock,
    IOptions<OrderOptions> orderOptions, IOptions<PointsOptions> pointsOptions)
{
    private readonly OrderOptions options = orderOptions.Value;
    private readonly PointsOptions points = pointsOptions.Value;

    public async Task<PlaceOrderOutcome> HandleAsync(long memberId, PlaceOrderRequest request, string? idempotencyKey, CancellationToken cancellationToken)
    {
        var validation = Validate(request, idempotencyKey);
        if (!validation.IsValid)
        {
            return new PlaceOrderOutcome.Invalid(validation);
        }

        if (idempotencyKey is not null && await ExistingAsync(memberId, idempotencyKey, cancellationToken) is { } existing)
        {
            return new PlaceOrderOutcome.AlreadyPlaced(existing);
        }

        var quantities = request.Lines!.GroupBy(l => l.Sku!).ToDictionary(g => g.Key, g => g.Sum(l => l.Quantity));
        var skus = new List<OrderableSku>(quantities.Count);
        foreach (var code in quantities.Keys)
        {
            if (await reads.FirstAsync(SkuOnSale(code), OrderableSku.Read, cancellationToken) is not { } sku)
            {
                return new PlaceOrderOutcome.NotFound($"商品规格 {code} 不存在或已下架，请从购物车中移除后重试");
            }

            skus.Add(sku);
        }

        var now = clock.GetUtcNow();
        var number = OrderNumbers.Next(now);
        var lines = skus.OrderBy(s => s.Id).Select(s => new OrderLine
        {
            SkuId = s.Id, ProductName = s.ProductName, SkuName = s.Name, UnitPriceFen = s.PriceFen, Quantity = quantities[s.Code],
        }).ToList();
        var goodsFen = lines.Sum(l => l.LineTotalFen);

        var delivery = await ResolveDeliveryAsync(memberId, request, cancellationToken);
        if (delivery.Problem is not null)
        {
            return delivery.Problem;
        }

        var pointsDiscount = request.UsePoints * points.FenPerPoint;
        var maxDiscount = goodsFen * points.MaxRedeemPercent / 100;
        if (pointsDiscount > maxDiscount)
        {
            return new PlaceOrderOutcome.Invalid(new Validation().Require(false, "usePoints",
                $"本单最多可使用 {maxDiscount / points.FenPerPoint} 积分（不超过商品金额的 {points.MaxRedeemPercent}%）"));
        }

        var shippingFen = delivery.Method == DeliveryMethod.Express && goodsFen < options.FreeShippingFromFen ? options.ShippingFeeFen : 0;
        var order = new Order
        {
            Number = number,
            MemberId = memberId,
            GoodsFen = goodsFen,
            ShippingFen = shippingFen,
            PointsUsed = request.UsePoints,
            PointsDiscountFen = pointsDiscount,
            PayableFen = goodsFen + shippingFen - pointsDiscount,
            Delivery = delivery.Method,
            PickupStoreId = delivery.PickupStoreId,
            RecipientNameCipher = delivery.Address?.RecipientNameCipher,
            RecipientPhoneCipher = delivery.Address?.PhoneCipher,
            RegionText = delivery.Address is { } a ? $"{a.Province}{a.City}{a.District}" : null,
            AddressDetailCipher = delivery.Address?.DetailCipher,
            IdempotencyKey = idempotencyKey,
            PlacedAt = now,
            PaymentDeadline = now + options.PaymentTimeout,
            Lines = lines,
        };

        // A sold-out SKU is refused without queueing for the writer. The guarded update below stays the authority:
        // this read may be a moment old, so at worst a shopper racing a cancellation is told to try again.
        if (skus.FirstOrDefault(s => s.Available < quantities[s.Code]) is { } shortSku)
        {
            return new PlaceOrderOutcome.OutOfStock(shortSku.Code, quantities[shortSku.Code], shortSku.Available);
        }

        try
        {
            var cart = request.RemoveFromCart ? ShoppingCart.ForMember(memberId) : null;
            if (await writer.WriteAsync(order, request.UsePoints, cart, cancellationToken) is { } refusal)
            {
                return refusal;
            }
        }
        catch (DbUpdateException) when (idempotencyKey is not null)
        {
            // A concurrent request with the same key won the race: answer with its order.
            if (await ExistingAsync(memberId, idempotencyKey, cancellationToken) is { } winner)
            {
                return new PlaceOrderOutcome.AlreadyPlaced(winner);
            }

            throw;
        }

        var skuCodes = skus.ToDictionary(s => s.Id, s => s.Code);
        return new PlaceOrderOutcome.Placed(OrderViews.ToView(protector, order, skuCodes, delivery.PickupStoreName));
    }

    /// <summary>A SKU that can be ordered, with its price and the stock available when it was read.</summary>
    private sealed record OrderableSku(int Id, string Code, string Name, long PriceFen, string ProductName, int Available)
    {
        public static OrderableSku Read(DbDataReader row) =>
            new(row.GetInt32(0), row.GetString(1), row.GetString(2), row.GetInt64(3), row.GetString(4), row.GetInt32(5));
    }

    // Checkout's reads are hot reads (plain SQL, kept prepared on SQLite): through EF each cost several times the read.
    private static FormattableString SkuOnSale(string code) => $"""
        SELECT s."Id", s."Code", s."Name", s."PriceFen", p."Name", COALESCE((SELECT st."Available" FROM "Stock" st WHERE st."SkuId" = s."Id"), 0)
        FROM "Skus" s JOIN "Products" p ON p."Id" = s."ProductId"
        WHERE s."Code" = {code} AND p."OnSale"
        """;

    private static FormattableString PickupStoreByCode(string code) =>
        $"""SELECT "Id", "Name" || '（' || "Address" || '）' FROM "PickupStores" WHERE "Code" = {code}""";

    private sealed record PickupChoice(int Id, string Name)
    {
        public static PickupChoice Read(DbDataReader row) => new(row.GetInt32(0), row.GetString(1));
    }

    private async Task<OrderView?> ExistingAsync(long memberId, string idempotencyKey, CancellationToken cancellationToken)
    {
        var number = await db.Orders.Where(o => o.MemberId == memberId && o.IdempotencyKey == idempotencyKey)
            .Select(o => o.Number).FirstOrDefaultAsync(cancellationToken);
        return number is null ? null : await OrderViews.LoadAsync(db, protector, number, memberId, cancellationToken);
    }

    private async Task<(DeliveryMethod Method, MemberAddress? Address, int? PickupStoreId, string? PickupStoreName, PlaceOrderOutcome? Problem)> ResolveDeliveryAsync(
        long memberId, PlaceOrderRequest request, CancellationToken cancellationToken)
    {
        if (request.Delivery == "pickup")
        {
            var store = await reads.FirstAsync(PickupStoreByCode(request.PickupStore!), PickupChoice.Read, cancellationToken);
            return store is null
                ? (DeliveryMethod.StorePickup, null, null, null, new PlaceOrderOutcome.NotFound($"自提门店 {request.PickupStore} 不存在，请从门店列表中选择"))
                : (DeliveryMethod.StorePickup, null, store.Id, store.Name, null);
        }

        var address = await db.Addresses.AsNoTracking().FirstOrDefaultAsync(a => a.Id == request.AddressId && a.MemberId == memberId, cancellationToken);
        return address is null
            ? (DeliveryMethod.Express, null, null, null, new PlaceOrderOutcome.NotFound($"收货地址 {request.AddressId} 不存在，请重新选择收货地址"))
            : (DeliveryMethod.Express, address, null, null, null);
    }

    private Validation Validate(PlaceOrderRequest request, string? idempotencyKey)
    {
        var validation = new Validation()
            .Require(request.Lines is { Count: > 0 }, "lines", "请至少选择一件商品")
            .Require(request.Lines is null || request.Lines.Count <= options.MaxLinesPerOrder, "lines", $"一个订单最多 {options.MaxLinesPerOrder} 种商品")
            .Require(request.Delivery is "express" or "pickup", "delivery", "配送方式只能是 express（快递）或 pickup（门店自提）")
            .Require(request.Delivery != "express" || request.AddressId is > 0, "addressId", "快递配送请选择收货地址（addressId）")
            .Require(request.Delivery != "pickup" || !string.IsNullOrWhiteSpace(request.PickupStore), "pickupStore", "门店自提请选择自提门店（pickupStore）")
            .Require(request.UsePoints >= 0, "usePoints", "使用积分不能为负数")
            .Require(idempotencyKey is null || idempotencyKey.Length is >= 8 and <= 64, "Idempotency-Key", "Idempotency-Key 长度需为 8 到 64 个字符");
        for (var index = 0; request.Lines is not null && index < request.Lines.Count; index++)
        {
            var line = request.Lines[index];
            validation
                .Require(!string.IsNullOrWhiteSpace(line.Sku), $"lines[{index}].sku", "请选择商品规格（sku）")
                .Require(line.Quantity >= 1 && line.Quantity <= options.MaxQuantityPerLine, $"lines[{index}].quantity", $"数量需为 1 到 {options.MaxQuantityPerLine}");
        }

        return validation;
    }
}
