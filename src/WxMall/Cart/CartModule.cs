using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WxMall.Data;
using WxMall.Identity;
using WxMall.Infrastructure;

namespace WxMall.Cart;

public sealed record CartLineRequest(string? Sku, int Quantity);

public sealed record CartLineView(
    string Sku, string ProductCode, string ProductName, string SkuName, string ImageUrl, long UnitPriceFen, int Quantity,
    long LineTotalFen, int Available, bool Purchasable);

public sealed record CartView(IReadOnlyList<CartLineView> Lines, int ItemCount, long GoodsFen);

/// <summary>The cart belongs to the logged-in member, or to the browser's device id before login. Prices are always read live.</summary>
public static class CartModule
{
    public static IEndpointRouteBuilder MapCart(this IEndpointRouteBuilder app)
    {
        var cart = app.MapGroup("/api/cart").WithTags("Cart");
        cart.MapGet("", GetCart);
        cart.MapPost("/lines", AddLine);
        cart.MapPut("/lines/{sku}", SetQuantity);
        cart.MapDelete("/lines/{sku}", RemoveLine);
        return app;
    }

    private static string OwnerKey(HttpContext http) =>
        http.User.MemberId() is { } memberId ? ShoppingCart.ForMember(memberId) : ShoppingCart.ForDevice(http.DeviceId()!);

    private static async Task<Ok<CartView>> GetCart(HttpContext http, MallDb db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await ViewAsync(db, OwnerKey(http), cancellationToken));

    internal static async Task<Results<Ok<CartView>, ValidationProblem, ProblemHttpResult>> AddLine(
        CartLineRequest request, HttpContext http, MallDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var validation = new Validation()
            .Require(!string.IsNullOrWhiteSpace(request.Sku), "sku", "请选择商品规格（sku）")
            .Require(request.Quantity is >= 1 and <= CartRules.MaxQuantityPerLine, "quantity", $"数量需为 1 到 {CartRules.MaxQuantityPerLine}");
        if (!validation.IsValid)
        {
            return Problems.Invalid(validation);
        }

        var skuId = await db.Skus.Where(s => s.Code == request.Sku && s.Product.OnSale).Select(s => (int?)s.Id).FirstOrDefaultAsync(cancellationToken);
        if (skuId is null)
        {
            return Problems.NotFound($"商品规格 {request.Sku} 不存在或已下架");
        }

        var cart = await CartStore.LoadOrCreateAsync(db, OwnerKey(http), clock, cancellationToken);
        if (cart.Lines.Count >= CartRules.MaxLines && cart.Lines.All(l => l.SkuId != skuId))
        {
            return Problems.Invalid("sku", $"购物车最多 {CartRules.MaxLines} 种商品，请先结算或删除部分商品");
        }

        cart.Add(skuId.Value, request.Quantity, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(await ViewAsync(db, cart.OwnerKey, cancellationToken));
    }

    internal static async Task<Results<Ok<CartView>, ValidationProblem, ProblemHttpResult>> SetQuantity(
        string sku, CartLineRequest request, HttpContext http, MallDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (request.Quantity is < 1 or > CartRules.MaxQuantityPerLine)
        {
            return Problems.Invalid("quantity", $"数量需为 1 到 {CartRules.MaxQuantityPerLine}");
        }

        var ownerKey = OwnerKey(http);
        var changed = await db.CartLines
            .Where(l => db.Carts.Any(c => c.Id == l.CartId && c.OwnerKey == ownerKey) && db.Skus.Any(s => s.Id == l.SkuId && s.Code == sku))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Quantity, request.Quantity), cancellationToken);
        return changed == 0 ? Problems.NotFound($"购物车中没有 {sku}") : TypedResults.Ok(await ViewAsync(db, ownerKey, cancellationToken));
    }

    internal static async Task<Results<Ok<CartView>, ProblemHttpResult>> RemoveLine(string sku, HttpContext http, MallDb db, CancellationToken cancellationToken)
    {
        var ownerKey = OwnerKey(http);
        var removed = await CartLinesOf(db, ownerKey, [sku]).ExecuteDeleteAsync(cancellationToken);
        return removed == 0 ? Problems.NotFound($"购物车中没有 {sku}") : TypedResults.Ok(await ViewAsync(db, ownerKey, cancellationToken));
    }

    public static IQueryable<CartLine> CartLinesOf(MallDb db, string ownerKey, IReadOnlyCollection<string> skuCodes) =>
        CartLinesOf(db, ownerKey).Where(l => db.Skus.Any(s => s.Id == l.SkuId && skuCodes.Contains(s.Code)));

    /// <summary>Removes one SKU from a cart, if it is there: plain SQL, as checkout runs it inside the single writer's turn.</summary>
    public static Task<int> RemoveSkuAsync(MallDb db, string ownerKey, int skuId, CancellationToken cancellationToken) =>
        db.Sql.ExecuteAsync(
            $"""DELETE FROM "CartLines" WHERE "CartId" = (SELECT "Id" FROM "Carts" WHERE "OwnerKey" = {ownerKey}) AND "SkuId" = {skuId}""",
            cancellationToken);

    /// <summary>
    /// The lines of one cart, found through the cart's id (an uncorrelated subquery): correlating on the cart instead
    /// let SQLite start from the SKU index and walk every cart holding a popular SKU.
    /// </summary>
    public static IQueryable<CartLine> CartLinesOf(MallDb db, string ownerKey) =>
        db.CartLines.Where(l => l.CartId == db.Carts.Where(c => c.OwnerKey == ownerKey).Select(c => c.Id).FirstOrDefault());

    public static async Task<CartView> ViewAsync(MallDb db, string ownerKey, CancellationToken cancellationToken)
    {
        var lines = await (
            from cart in db.Carts
            where cart.OwnerKey == ownerKey
            from line in cart.Lines
            join sku in db.Skus on line.SkuId equals sku.Id
            join stock in db.Stock on sku.Id equals stock.SkuId
            orderby line.Id
            select new { sku.Code, ProductCode = sku.Product.Code, ProductName = sku.Product.Name, SkuName = sku.Name, sku.PriceFen, line.Quantity, stock.Available, sku.Product.OnSale })
            .AsNoTracking().ToListAsync(cancellationToken);
        var views = lines.Select(l => new CartLineView(
            l.Code, l.ProductCode, l.ProductName, l.SkuName, Catalog.ProductImages.UrlFor(l.ProductCode, 1), l.PriceFen, l.Quantity,
            l.PriceFen * l.Quantity, l.Available, l.OnSale && l.Available >= l.Quantity)).ToList();
        return new CartView(views, views.Sum(v => v.Quantity), views.Sum(v => v.LineTotalFen));
    }
}
