using Microsoft.EntityFrameworkCore;
using WxMall.Catalog;
using WxMall.Data;

namespace WxMall.CustomerService.Bot;

/// <summary>
/// The best matching products on sale and in stock for what a shopper asked: hard filters first
/// (category, budget ceiling, brand, GPU, memory, screen — the last four relaxed if nothing is left), then a fit
/// score (closeness to the budget, spec heuristics for the use), one SKU per product.
/// </summary>
public sealed class ProductRecommender(CatalogIndex index, IServiceScopeFactory scopes)
{
    public async Task<IReadOnlyList<Recommendation>> RecommendAsync(ShoppingNeeds needs, int count, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(needs);
        if (count <= 0)
        {
            return [];
        }

        var catalog = await index.GetAsync(cancellationToken);
        var available = await AvailableStockAsync(cancellationToken);
        var categories = needs.Category is { } category ? [category] : DefaultCategories(needs);
        var candidates = catalog.Products
            .Where(p => categories.Contains(p.CategoryCode))
            .SelectMany(p => p.Skus.Select(s => (Product: p, Sku: s)))
            .Where(c => available.GetValueOrDefault(c.Sku.Id) > 0)
            .Where(c => WithinBudget(c.Sku.PriceFen, needs))
            .Where(c => needs.Use != "游戏" || !Systems.Contains(c.Product.CategoryCode) || c.Sku.GpuChip is not null)
            .ToList();

        // Wishes the shopper may give up before getting no answer at all; the most specific goes first.
        var wishes = new List<Func<(IndexedProduct Product, IndexedSku Sku), bool>>
        {
            c => needs.Brand is null || c.Product.BrandCode == needs.Brand,
            c => needs.Gpu is null || string.Equals(c.Sku.GpuChip, needs.Gpu, StringComparison.OrdinalIgnoreCase),
            c => needs.MemoryGb is null || c.Sku.Specs.RamGb >= needs.MemoryGb,
            c => needs.ScreenInches is null || (c.Sku.Specs.ScreenInches is { } inches && Math.Abs((decimal)inches - needs.ScreenInches.Value) <= 0.5m),
            c => needs.BudgetMinFen is null || c.Sku.PriceFen >= needs.BudgetMinFen,
        };
        var enough = Math.Min(count, candidates.Select(c => c.Product.Id).Distinct().Count());
        var chosen = candidates;
        for (var kept = wishes.Count; kept >= 0; kept--)
        {
            chosen = candidates.Where(c => wishes.Take(kept).All(wish => wish(c))).ToList();
            if (chosen.Select(c => c.Product.Id).Distinct().Count() >= enough)
            {
                break;
            }
        }

        return chosen
            .Select(c => (c.Product, c.Sku, Score: Fit.Score(c.Product, c.Sku, needs)))
            .GroupBy(c => c.Product.Id)
            .Select(g => g.OrderByDescending(c => c.Score).ThenBy(c => c.Sku.PriceFen).First())
            .OrderByDescending(c => c.Score).ThenByDescending(c => c.Product.Featured).ThenBy(c => c.Sku.PriceFen).ThenBy(c => c.Product.Id)
            .Take(count)
            .Select(c => new Recommendation(
                c.Product.Id, c.Sku.Id, c.Product.Name, c.Sku.PriceFen, Fit.Reason(c.Product, c.Sku, needs),
                ProductImages.UrlFor(c.Product.Code, 1), ProductPath(c.Product.Code)))
            .ToList();
    }

    /// <summary>The storefront page of a product.</summary>
    public static string ProductPath(string productCode) => $"/products/{productCode}";

    private static readonly string[] Systems = ["laptop", "desktop"];

    private static string[] DefaultCategories(ShoppingNeeds needs) =>
        needs.Gpu is not null && needs.Use is null && needs.ScreenInches is null && needs.MemoryGb is null ? ["gpu", "laptop", "desktop"] : Systems;

    private static bool WithinBudget(long priceFen, ShoppingNeeds needs) =>
        needs.BudgetMaxFen is not { } max || priceFen <= max;

    private async Task<Dictionary<int, int>> AvailableStockAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MallDb>();
        return await db.Stock.AsNoTracking().ToDictionaryAsync(s => s.SkuId, s => s.Available, cancellationToken);
    }
}
