using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WxMall.Catalog;
using WxMall.Data;
using WxMall.Infrastructure;
using WxMall.Inventory;

namespace WxMall.Admin;

public sealed record UpdateProductRequest(string? Name, string? Subtitle, string? Description, string? Keywords, bool? OnSale, bool? Featured);

public sealed record CreateProductRequest(
    string? Code, string? Category, string? Brand, string? Name, string? Subtitle, string? Description, string? Keywords,
    List<CreateSkuRequest>? Skus);

public sealed record CreateSkuRequest(string? Code, string? Name, long PriceFen, long? ListPriceFen, int Stock, SkuSpecs? Specs);

public sealed record PriceRequest(long PriceFen, long? ListPriceFen);

public sealed record StockChangeRequest(int Delta, string? Kind, string? Reason);

/// <summary>Stock counters of a SKU with the sum of its ledger; <c>LedgerMatches</c> is false when they disagree.</summary>
public sealed record StockView(
    string Sku, int Available, int Reserved, int Sold, bool LedgerMatches, int MovementCount, IReadOnlyList<StockMovementView> RecentMovements);

public sealed record StockMovementView(string Kind, int AvailableDelta, int ReservedDelta, int SoldDelta, string? OrderNumber, string Reason, string Actor, DateTimeOffset At);

/// <summary>Products, prices and stock for operators. Every write is audit-logged in its own transaction.</summary>
public static class AdminCatalog
{
    public const long MaxPriceFen = 100_000_000_00;
    public const int MaxInitialStock = 1_000_000;

    /// <summary>
    /// The rules of a new SKU, the same whether it comes with a new product or is added to a listed one; errors are named
    /// <paramref name="field"/> + <c>code</c>, <c>name</c>, <c>priceFen</c>, <c>listPriceFen</c>, <c>stock</c>.
    /// </summary>
    public static Validation CheckNewSku(this Validation validation, string field, string? code, string? name, long priceFen, long? listPriceFen, int stock) =>
        validation
            .Require(code is { Length: >= 3 and <= 100 } && code.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'),
                field + "code", "规格编码需为 3 到 100 位小写字母、数字或短横线，例如 legion-y9000p-32g-1t")
            .Require(name is { Length: >= 1 and <= 160 }, field + "name", "请填写规格名称（不超过 160 个字），例如 32G/1T 碳晶灰")
            .Require(priceFen is > 0 and <= MaxPriceFen, field + "priceFen", "售价需大于 0（单位：分，例如 ¥5,999 = 599900）")
            .Require(listPriceFen is null || listPriceFen >= priceFen, field + "listPriceFen", "划线价不能低于售价")
            .Require(stock is >= 0 and <= MaxInitialStock, field + "stock", $"初始库存需为 0 到 {MaxInitialStock} 的整数");

    public static async Task<Results<Created<ProductView>, ValidationProblem, ProblemHttpResult>> CreateProduct(
        CreateProductRequest request, MallDb db, StockService stock, CatalogIndex index, ClaimsPrincipal user, TimeProvider clock, CancellationToken cancellationToken)
    {
        var validation = new Validation()
            .Require(request.Code is { Length: >= 3 and <= 80 } && request.Code.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'),
                "code", "商品编码需为 3 到 80 位小写字母、数字或短横线")
            .Require(request.Name is { Length: >= 2 and <= 120 }, "name", "商品名称需为 2 到 120 个字")
            .Require(request.Skus is { Count: >= 1 and <= 50 }, "skus", "请至少添加一个规格（最多 50 个）");
        for (var i = 0; request.Skus is not null && i < request.Skus.Count; i++)
        {
            var sku = request.Skus[i];
            validation.CheckNewSku($"skus[{i}].", sku.Code, sku.Name, sku.PriceFen, sku.ListPriceFen, sku.Stock);
        }

        if (!validation.IsValid)
        {
            return Problems.Invalid(validation);
        }

        var category = await db.Categories.FirstOrDefaultAsync(c => c.Code == request.Category, cancellationToken);
        var brand = await db.Brands.FirstOrDefaultAsync(b => b.Code == request.Brand, cancellationToken);
        validation.Require(category is not null, "category", $"分类 {request.Category} 不存在").Require(brand is not null, "brand", $"品牌 {request.Brand} 不存在");
        var skuCodes = request.Skus!.Select(s => s.Code!).ToList();
        validation
            .Require(!await db.Products.AnyAsync(p => p.Code == request.Code, cancellationToken), "code", $"商品编码 {request.Code} 已存在")
            .Require(skuCodes.Distinct().Count() == skuCodes.Count && !await db.Skus.AnyAsync(s => skuCodes.Contains(s.Code), cancellationToken),
                "skus", "规格编码重复或已存在");
        if (!validation.IsValid)
        {
            return Problems.Invalid(validation);
        }

        var now = clock.GetUtcNow();
        var product = new Product
        {
            Code = request.Code!, Category = category!, Brand = brand!, Name = request.Name!, Subtitle = request.Subtitle ?? "",
            Description = request.Description ?? "", Keywords = request.Keywords ?? "", CreatedAt = now,
            Skus = request.Skus!.Select(s => new Sku
            {
                Code = s.Code!, Name = s.Name!, PriceFen = s.PriceFen, ListPriceFen = s.ListPriceFen ?? s.PriceFen,
                Specs = s.Specs ?? new SkuSpecs(),
            }).ToList(),
        };
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Products.Add(product);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var (sku, seed) in product.Skus.Zip(request.Skus!))
        {
            await stock.OpenAsync(sku.Id, seed.Stock, "新品入库", user.Identity!.Name!, cancellationToken);
        }

        AuditTrail.Record(db, user, clock, "product.create", $"product:{product.Code}", $"skus={product.Skus.Count}");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        index.Invalidate();
        return TypedResults.Created($"/api/catalog/products/{product.Code}", (await ProductDetails.LoadAsync(db, product.Code, cancellationToken))!);
    }

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> UpdateProduct(
        string code, UpdateProductRequest request, MallDb db, CatalogIndex index, ClaimsPrincipal user, TimeProvider clock, CancellationToken cancellationToken)
    {
        var validation = new Validation()
            .Require(request.Name is null || request.Name.Length is >= 2 and <= 120, "name", "商品名称需为 2 到 120 个字")
            .Require(request.Subtitle is null || request.Subtitle.Length <= 200, "subtitle", "副标题不能超过 200 个字");
        if (!validation.IsValid)
        {
            return Problems.Invalid(validation);
        }

        var product = await db.Products.FirstOrDefaultAsync(p => p.Code == code, cancellationToken);
        if (product is null)
        {
            return Problems.NotFound($"商品 {code} 不存在");
        }

        product.Name = request.Name ?? product.Name;
        product.Subtitle = request.Subtitle ?? product.Subtitle;
        product.Description = request.Description ?? product.Description;
        product.Keywords = request.Keywords ?? product.Keywords;
        product.OnSale = request.OnSale ?? product.OnSale;
        product.Featured = request.Featured ?? product.Featured;
        AuditTrail.Record(db, user, clock, "product.update", $"product:{code}",
            string.Join("; ", new[] { request.Name is null ? null : "name", request.OnSale is null ? null : $"onSale={request.OnSale}", request.Featured is null ? null : $"featured={request.Featured}" }.OfType<string>()));
        await db.SaveChangesAsync(cancellationToken);
        index.Invalidate();
        return TypedResults.NoContent();
    }

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> SetPrice(
        string code, PriceRequest request, MallDb db, CatalogIndex index, ClaimsPrincipal user, TimeProvider clock, CancellationToken cancellationToken)
    {
        var validation = new Validation()
            .Require(request.PriceFen is > 0 and <= MaxPriceFen, "priceFen", "价格需大于 0（单位：分，例如 ¥5,999 = 599900）")
            .Require(request.ListPriceFen is null || request.ListPriceFen >= request.PriceFen, "listPriceFen", "划线价不能低于售价");
        if (!validation.IsValid)
        {
            return Problems.Invalid(validation);
        }

        var sku = await db.Skus.FirstOrDefaultAsync(s => s.Code == code, cancellationToken);
        if (sku is null)
        {
            return Problems.NotFound($"商品规格 {code} 不存在");
        }

        AuditTrail.Record(db, user, clock, "sku.price", $"sku:{code}", $"{sku.PriceFen} → {request.PriceFen}");
        sku.PriceFen = request.PriceFen;
        sku.ListPriceFen = request.ListPriceFen ?? Math.Max(sku.ListPriceFen, request.PriceFen);
        await db.SaveChangesAsync(cancellationToken);
        index.Invalidate();
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<StockView>, ValidationProblem, ProblemHttpResult>> ChangeStock(
        string code, StockChangeRequest request, MallDb db, StockService stock, ClaimsPrincipal user, TimeProvider clock, CancellationToken cancellationToken)
    {
        var kind = request.Kind switch { "receive" or null => StockMovementKind.Receive, "adjust" => StockMovementKind.Adjust, _ => (StockMovementKind?)null };
        var validation = new Validation()
            .Require(kind is not null, "kind", "kind 只能是 receive（入库）或 adjust（盘点调整）")
            .Require(request.Delta != 0 && Math.Abs(request.Delta) <= 1_000_000, "delta", "数量变化不能为 0，且绝对值不超过 1000000")
            .Require(kind != StockMovementKind.Receive || request.Delta > 0, "delta", "入库数量必须为正数")
            .Require(request.Reason is { Length: >= 2 and <= 200 }, "reason", "请填写原因（2 到 200 个字）");
        if (!validation.IsValid)
        {
            return Problems.Invalid(validation);
        }

        var skuId = await db.Skus.Where(s => s.Code == code).Select(s => (int?)s.Id).FirstOrDefaultAsync(cancellationToken);
        if (skuId is null)
        {
            return Problems.NotFound($"商品规格 {code} 不存在");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await stock.TryAdjustAvailableAsync(skuId.Value, request.Delta, kind!.Value, request.Reason!, user.Identity!.Name!, cancellationToken))
        {
            await transaction.RollbackAsync(cancellationToken);
            var available = await db.Stock.Where(s => s.SkuId == skuId).Select(s => s.Available).FirstAsync(cancellationToken);
            return Problems.Conflict($"可用库存只有 {available} 件，不能减少 {-request.Delta} 件");
        }

        AuditTrail.Record(db, user, clock, "sku.stock", $"sku:{code}", $"{kind} {request.Delta:+#;-#}: {request.Reason}");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok((await StockOf(db, code, cancellationToken))!);
    }

    public static async Task<Results<Ok<StockView>, ProblemHttpResult>> GetStock(string code, MallDb db, CancellationToken cancellationToken) =>
        await StockOf(db, code, cancellationToken) is { } view ? TypedResults.Ok(view) : Problems.NotFound($"商品规格 {code} 不存在");

    private static async Task<StockView?> StockOf(MallDb db, string code, CancellationToken cancellationToken)
    {
        var sku = await db.Skus.AsNoTracking().Where(s => s.Code == code)
            .Join(db.Stock, s => s.Id, st => st.SkuId, (s, st) => new { s.Id, st.Available, st.Reserved, st.Sold })
            .FirstOrDefaultAsync(cancellationToken);
        if (sku is null)
        {
            return null;
        }

        var movements = await db.StockMovements.AsNoTracking().Where(m => m.SkuId == sku.Id).OrderByDescending(m => m.Id).Take(50)
            .Select(m => new StockMovementView(m.Kind.ToString(), m.AvailableDelta, m.ReservedDelta, m.SoldDelta, m.OrderNumber, m.Reason, m.Actor, m.At))
            .ToListAsync(cancellationToken);
        var ledger = await db.StockMovements.AsNoTracking().Where(m => m.SkuId == sku.Id)
            .GroupBy(m => m.SkuId)
            .Select(g => new { Available = g.Sum(m => m.AvailableDelta), Reserved = g.Sum(m => m.ReservedDelta), Sold = g.Sum(m => m.SoldDelta), Count = g.Count() })
            .FirstAsync(cancellationToken);
        var matches = ledger.Available == sku.Available && ledger.Reserved == sku.Reserved && ledger.Sold == sku.Sold;
        return new StockView(code, sku.Available, sku.Reserved, sku.Sold, matches, ledger.Count, movements);
    }
}
