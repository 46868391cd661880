using Microsoft.EntityFrameworkCore;
using WxMall.Data;

namespace WxMall.Catalog;

public enum SearchSort
{
    Relevance,
    PriceAscending,
    PriceDescending,
    Newest,
    Sales,
}

public sealed record SearchRequest(
    string? Query = null,
    string? Category = null,
    string? Brand = null,
    long? MinPriceFen = null,
    long? MaxPriceFen = null,
    int? RamGb = null,
    int? StorageGb = null,
    string? Gpu = null,
    double? ScreenInches = null,
    int? RefreshHz = null,
    bool InStockOnly = false,
    SearchSort Sort = SearchSort.Relevance,
    int Page = 1,
    int PageSize = 20);

public sealed record SearchResponse(
    string? Query,
    ParsedQueryView Understood,
    bool Relaxed,
    int Total,
    int Page,
    int PageSize,
    IReadOnlyList<ProductCard> Items,
    SearchFacets Facets);

/// <summary>How the query was understood, so the page can show "笔记本 · 内存 32GB" chips.</summary>
public sealed record ParsedQueryView(
    string? Category, IReadOnlyList<string> Brands, int? RamGb, int? StorageGb, int? VramGb,
    long? MinPriceFen, long? MaxPriceFen, IReadOnlyList<string> Terms);

public sealed record ProductCard(
    string Code, string Name, string Subtitle, string Category, string Brand, long PriceFen, long ListPriceFen,
    string ImageUrl, bool InStock, int Sold, IReadOnlyList<string> MatchedSkus);

public sealed record FacetValue(string Value, string Label, int Count);

public sealed record SearchFacets(
    IReadOnlyList<FacetValue> Categories, IReadOnlyList<FacetValue> Brands, IReadOnlyList<FacetValue> PriceRanges,
    IReadOnlyList<FacetValue> RamGb, IReadOnlyList<FacetValue> StorageGb, IReadOnlyList<FacetValue> Gpus,
    IReadOnlyList<FacetValue> ScreenInches, IReadOnlyList<FacetValue> RefreshHz);

/// <summary>Chinese product search over the in-memory catalog snapshot, with facets and sorting.</summary>
public sealed class SearchProducts(CatalogIndex index, MallDb db)
{
    private static readonly (long From, long? To, string Label)[] PriceBands =
    [
        (0, 100_000, "1000元以下"), (100_000, 300_000, "1000-3000元"), (300_000, 600_000, "3000-6000元"),
        (600_000, 1_000_000, "6000-10000元"), (1_000_000, 2_000_000, "1万-2万元"), (2_000_000, null, "2万元以上"),
    ];

    public async Task<SearchResponse> HandleAsync(SearchRequest request, CancellationToken cancellationToken)
    {
        var catalog = await index.GetAsync(cancellationToken);
        var parsed = ChineseQuery.Parse(request.Query, catalog);
        var (matches, relaxed) = Match(catalog, parsed);

        // Facets describe what the query found in the chosen category, before the shopper's own facet choices narrow it:
        // a chip's count is what choosing it shows. Only the category facet counts across categories.
        var inCategory = request.Category is { Length: > 0 } chosen ? matches.Where(m => m.Product.CategoryCode == chosen).ToList() : matches;
        var facets = Facets(matches, inCategory, catalog);

        // A product found is shown by the SKUs the facets chose, so its card's price (and price sort) is one of those:
        // under "6000-10000元" a laptop from ¥4,999 shows its ¥6,999 configuration.
        var filtered = matches.Where(m => AcceptsProduct(m, request))
            .Select(m => m with { Skus = m.Skus.Where(sku => AcceptsSku(sku, request)).ToList() })
            .Where(m => m.Skus.Count > 0).ToList();

        var productIds = filtered.Select(m => m.Product.Id).ToList();
        var stock = await StockByProductAsync(productIds, cancellationToken);
        if (request.InStockOnly)
        {
            filtered = filtered.Where(m => stock.GetValueOrDefault(m.Product.Id).Available > 0).ToList();
        }

        IEnumerable<ProductMatch> sorted = request.Sort switch
        {
            SearchSort.PriceAscending => filtered.OrderBy(m => m.PriceFen),
            SearchSort.PriceDescending => filtered.OrderByDescending(m => m.PriceFen),
            SearchSort.Newest => filtered.OrderByDescending(m => m.Product.CreatedAt).ThenByDescending(m => m.Product.Id),
            SearchSort.Sales => filtered.OrderByDescending(m => stock.GetValueOrDefault(m.Product.Id).Sold),
            _ => filtered.OrderByDescending(m => m.Score).ThenByDescending(m => m.Product.Featured)
                .ThenByDescending(m => stock.GetValueOrDefault(m.Product.Id).Sold).ThenBy(m => m.PriceFen),
        };
        var page = Math.Max(1, request.Page);
        var pageSize = Math.Clamp(request.PageSize, 1, 100);
        var items = sorted.Skip((page - 1) * pageSize).Take(pageSize)
            .Select(m => ToCard(m, stock.GetValueOrDefault(m.Product.Id)))
            .ToList();

        var understood = new ParsedQueryView(parsed.CategoryCode, parsed.BrandCodes, parsed.RamGb, parsed.StorageGb, parsed.VramGb,
            parsed.MinPriceFen, parsed.MaxPriceFen, parsed.Terms);
        return new SearchResponse(request.Query, understood, relaxed, filtered.Count, page, pageSize, items, facets);
    }

    internal static (List<ProductMatch> Matches, bool Relaxed) Match(CatalogSnapshot catalog, ParsedQuery query)
    {
        var strict = MatchAll(catalog, query, minimumTerms: query.Terms.Count);
        if (strict.Count > 0 || query.Terms.Count < 2)
        {
            return (strict, false);
        }

        // Nothing has every word: fall back to products having most of them, ranked by how many.
        return (MatchAll(catalog, query, minimumTerms: 1), true);
    }

    private static List<ProductMatch> MatchAll(CatalogSnapshot catalog, ParsedQuery query, int minimumTerms)
    {
        var matches = new List<ProductMatch>();
        foreach (var product in catalog.Products)
        {
            if (query.CategoryCode is { } category && product.CategoryCode != category)
            {
                continue;
            }

            if (query.BrandCodes.Count > 0 && !query.BrandCodes.Contains(product.BrandCode))
            {
                continue;
            }

            var best = 0.0;
            var skus = new List<IndexedSku>();
            foreach (var sku in product.Skus)
            {
                if (!SkuAccepts(sku, query))
                {
                    continue;
                }

                var found = query.Terms.Count(term => sku.SearchText.Contains(term, StringComparison.Ordinal));
                if (found < minimumTerms)
                {
                    continue;
                }

                var inName = query.Terms.Count(term => product.NameText.Contains(term, StringComparison.Ordinal));
                var preferred = query.Preferred.Count(word => sku.SearchText.Contains(word, StringComparison.Ordinal));
                best = Math.Max(best, found * 2 + inName + preferred * 2);
                skus.Add(sku);
            }

            if (skus.Count > 0)
            {
                matches.Add(new ProductMatch(product, skus, best));
            }
        }

        return matches;
    }

    private static bool SkuAccepts(IndexedSku sku, ParsedQuery query) =>
        (query.RamGb is null || sku.Specs.RamGb == query.RamGb)
        && (query.StorageGb is null || sku.Specs.StorageGb == query.StorageGb)
        && (query.VramGb is null || sku.Specs.VramGb == query.VramGb)
        && (query.MinPriceFen is null || sku.PriceFen >= query.MinPriceFen)
        && (query.MaxPriceFen is null || sku.PriceFen <= query.MaxPriceFen);

    private static bool AcceptsProduct(ProductMatch match, SearchRequest request)
    {
        if (request.Category is { Length: > 0 } category && match.Product.CategoryCode != category)
        {
            return false;
        }

        if (request.Brand is { Length: > 0 } brand && !brand.Split(',').Contains(match.Product.BrandCode))
        {
            return false;
        }

        return true;
    }

    private static bool AcceptsSku(IndexedSku sku, SearchRequest request) =>
        (request.MinPriceFen is null || sku.PriceFen >= request.MinPriceFen)
        && (request.MaxPriceFen is null || sku.PriceFen <= request.MaxPriceFen)
        && (request.RamGb is null || sku.Specs.RamGb == request.RamGb)
        && (request.StorageGb is null || sku.Specs.StorageGb == request.StorageGb)
        && (request.Gpu is null || string.Equals(sku.GpuChip, request.Gpu, StringComparison.OrdinalIgnoreCase))
        && (request.ScreenInches is null || sku.Specs.ScreenInches == request.ScreenInches)
        && (request.RefreshHz is null || sku.Specs.RefreshHz == request.RefreshHz);

    private static SearchFacets Facets(List<ProductMatch> allCategories, List<ProductMatch> matches, CatalogSnapshot catalog)
    {
        List<FacetValue> CountBy<T>(Func<ProductMatch, IEnumerable<T>> values, Func<T, string> label, List<ProductMatch>? among = null)
            where T : notnull =>
            (among ?? matches).SelectMany(m => values(m).Distinct().Select(v => v))
                .GroupBy(v => v)
                .Select(g => new FacetValue(Convert.ToString(g.Key, System.Globalization.CultureInfo.InvariantCulture)!, label(g.Key), g.Count()))
                .OrderByDescending(f => f.Count).ThenBy(f => f.Value, StringComparer.Ordinal)
                .ToList();

        var categoryNames = catalog.Categories.ToDictionary(c => c.Code, c => c.Name);
        var brandNames = catalog.Brands.ToDictionary(b => b.Code, b => b.Name);
        return new SearchFacets(
            CountBy<string>(m => [m.Product.CategoryCode], code => categoryNames.GetValueOrDefault(code, code), allCategories),
            CountBy<string>(m => [m.Product.BrandCode], code => brandNames.GetValueOrDefault(code, code)),
            PriceBands.Select(band => new FacetValue(
                    $"{band.From}-{band.To}", band.Label,
                    matches.Count(m => m.Skus.Any(s => s.PriceFen >= band.From && (band.To is null || s.PriceFen < band.To)))))
                .Where(f => f.Count > 0).ToList(),
            CountBy(m => m.Skus.Where(s => s.Specs.RamGb is not null).Select(s => s.Specs.RamGb!.Value), gb => $"{gb}GB"),
            CountBy(m => m.Skus.Where(s => s.Specs.StorageGb is not null).Select(s => s.Specs.StorageGb!.Value),
                gb => gb >= 1024 && gb % 1024 == 0 ? $"{gb / 1024}TB" : $"{gb}GB"),
            CountBy(m => m.Skus.Where(s => s.GpuChip is not null).Select(s => s.GpuChip!), chip => chip),
            CountBy(m => m.Skus.Where(s => s.Specs.ScreenInches is not null).Select(s => s.Specs.ScreenInches!.Value), inches => $"{inches}英寸"),
            CountBy(m => m.Skus.Where(s => s.Specs.RefreshHz is not null).Select(s => s.Specs.RefreshHz!.Value), hz => $"{hz}Hz"));
    }

    private async Task<Dictionary<int, (int Available, int Sold)>> StockByProductAsync(List<int> productIds, CancellationToken cancellationToken)
    {
        var rows = await db.Skus.AsNoTracking()
            .Where(s => productIds.Contains(s.ProductId))
            .Join(db.Stock, s => s.Id, st => st.SkuId, (s, st) => new { s.ProductId, st.Available, st.Sold })
            .ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.ProductId).ToDictionary(g => g.Key, g => (g.Sum(r => r.Available), g.Sum(r => r.Sold)));
    }

    private static ProductCard ToCard(ProductMatch match, (int Available, int Sold) stock)
    {
        var cheapest = match.Skus.MinBy(s => s.PriceFen)!;
        return new ProductCard(
            match.Product.Code, match.Product.Name, match.Product.Subtitle, match.Product.CategoryCode, match.Product.BrandName,
            cheapest.PriceFen, cheapest.ListPriceFen, ProductImages.UrlFor(match.Product.Code, 1),
            stock.Available > 0, stock.Sold, match.Skus.Select(s => s.Code).ToList());
    }

    internal sealed record ProductMatch(IndexedProduct Product, IReadOnlyList<IndexedSku> Skus, double Score)
    {
        public long PriceFen => Skus.Min(s => s.PriceFen);
    }
}
