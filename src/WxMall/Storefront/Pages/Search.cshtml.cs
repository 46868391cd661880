using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WxMall.Catalog;

namespace WxMall.Storefront.Pages;

/// <summary>Category and search results with facets and sorting; every choice is a plain link (works without JavaScript).</summary>
public sealed class SearchModel(SearchProducts search, CatalogIndex index) : PageModel
{
    public const int PageSize = 20;

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Category { get; set; }
    [BindProperty(SupportsGet = true)] public string? Brand { get; set; }
    [BindProperty(SupportsGet = true)] public string? Price { get; set; }
    [BindProperty(SupportsGet = true)] public int? RamGb { get; set; }
    [BindProperty(SupportsGet = true)] public int? StorageGb { get; set; }
    [BindProperty(SupportsGet = true)] public string? Gpu { get; set; }
    [BindProperty(SupportsGet = true)] public bool InStock { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;

    public SearchResponse? Results { get; private set; }
    public IReadOnlyList<CategoryView> Categories { get; private set; } = [];
    public string Heading { get; private set; } = "全部商品";

    public static readonly IReadOnlyList<(string Value, string Label)> Sorts =
        [("", "综合"), ("sales", "销量"), ("price_asc", "价格从低到高"), ("price_desc", "价格从高到低"), ("newest", "新品")];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var snapshot = await index.GetAsync(cancellationToken);
        Categories = snapshot.Categories.Select(c => new CategoryView(c.Code, c.Name, 0)).ToList();
        if (Q is { Length: > 100 })
        {
            Q = Q[..100];
        }

        var (minPrice, maxPrice) = ParsePrice(Price);
        var sort = Sort switch
        {
            "sales" => SearchSort.Sales,
            "price_asc" => SearchSort.PriceAscending,
            "price_desc" => SearchSort.PriceDescending,
            "newest" => SearchSort.Newest,
            _ => SearchSort.Relevance,
        };
        PageNumber = Math.Clamp(PageNumber, 1, 1000);
        Results = await search.HandleAsync(
            new SearchRequest(Q, Category, Brand, minPrice, maxPrice, RamGb, StorageGb, Gpu, null, null, InStock, sort, PageNumber, PageSize),
            cancellationToken);
        var categoryName = snapshot.Categories.FirstOrDefault(c => c.Code == Category)?.Name;
        Heading = (Q, categoryName) switch
        {
            ({ Length: > 0 } q, _) => $"“{q}”的搜索结果",
            (_, { } name) => name,
            _ => "全部商品",
        };
    }

    /// <summary>The price facet's value is "from-to" in fen, as the search API reports it ("600000-1000000", "2000000-").</summary>
    private static (long? Min, long? Max) ParsePrice(string? price)
    {
        if (price?.Split('-') is not [var from, var to])
        {
            return (null, null);
        }

        long? min = long.TryParse(from, out var a) ? a : null;
        long? max = long.TryParse(to, out var b) ? b - 1 : null;
        return (min, max is not null && min is not null && max < min ? null : max);
    }

    /// <summary>This page's URL with one parameter changed (null removes it); changing a filter goes back to page 1.</summary>
    public string With(string name, string? value)
    {
        var query = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["q"] = Q, ["category"] = Category, ["brand"] = Brand, ["price"] = Price,
            ["ramGb"] = RamGb?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["storageGb"] = StorageGb?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["gpu"] = Gpu, ["inStock"] = InStock ? "true" : null, ["sort"] = Sort,
            ["page"] = PageNumber > 1 ? PageNumber.ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
        };
        if (!string.Equals(name, "page", StringComparison.OrdinalIgnoreCase))
        {
            query["page"] = null;
        }

        query[name] = value;
        var parts = query.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value!)}");
        return "/search?" + string.Join("&", parts);
    }
}
