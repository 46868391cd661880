using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WxMall.Data;
using WxMall.Infrastructure;

namespace WxMall.Catalog;

public sealed record CategoryView(string Code, string Name, int ProductCount);

public sealed record BrandView(string Code, string Name, string? EnglishName);

public sealed record PickupStoreView(string Code, string Name, string City, string Address, string Hours, string Phone);

public sealed record HomeView(IReadOnlyList<CategoryView> Categories, IReadOnlyList<ProductCard> Featured, IReadOnlyList<ProductCard> Hot);

public static class CatalogModule
{
    public static WebApplicationBuilder AddCatalog(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<CatalogIndex>();
        builder.Services.AddScoped<SearchProducts>();
        return builder;
    }

    public static IEndpointRouteBuilder MapCatalog(this IEndpointRouteBuilder app)
    {
        var catalog = app.MapGroup("/api/catalog").WithTags("Catalog");
        catalog.MapGet("/home", GetHome);
        catalog.MapGet("/categories", GetCategories);
        catalog.MapGet("/brands", GetBrands);
        catalog.MapGet("/stores", GetPickupStores);
        catalog.MapGet("/search", Search);
        catalog.MapGet("/products/{code}", GetProduct);
        app.MapGet("/images/products/{code}/{view:int}.svg", GetImage).WithTags("Catalog");
        return app;
    }

    private static async Task<Ok<HomeView>> GetHome(SearchProducts search, CatalogIndex index, CancellationToken cancellationToken)
    {
        var snapshot = await index.GetAsync(cancellationToken);
        var categories = snapshot.Categories
            .Select(c => new CategoryView(c.Code, c.Name, snapshot.Products.Count(p => p.CategoryCode == c.Code))).ToList();
        var all = await search.HandleAsync(new SearchRequest(PageSize: 100, Sort: SearchSort.Sales), cancellationToken);
        var featuredCodes = snapshot.Products.Where(p => p.Featured).Select(p => p.Code).ToHashSet();
        var featured = all.Items.Where(i => featuredCodes.Contains(i.Code)).Take(12).ToList();
        var hot = all.Items.Take(12).ToList();
        return TypedResults.Ok(new HomeView(categories, featured, hot));
    }

    private static async Task<Ok<List<CategoryView>>> GetCategories(CatalogIndex index, CancellationToken cancellationToken)
    {
        var snapshot = await index.GetAsync(cancellationToken);
        return TypedResults.Ok(snapshot.Categories
            .Select(c => new CategoryView(c.Code, c.Name, snapshot.Products.Count(p => p.CategoryCode == c.Code))).ToList());
    }

    private static async Task<Ok<List<BrandView>>> GetBrands(MallDb db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await db.Brands.AsNoTracking().OrderBy(b => b.Code)
            .Select(b => new BrandView(b.Code, b.Name, b.EnglishName)).ToListAsync(cancellationToken));

    private static async Task<Ok<List<PickupStoreView>>> GetPickupStores(MallDb db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await db.PickupStores.AsNoTracking().OrderBy(s => s.Id)
            .Select(s => new PickupStoreView(s.Code, s.Name, s.City, s.Address, s.Hours, s.Phone)).ToListAsync(cancellationToken));

    private static async Task<Results<Ok<SearchResponse>, ValidationProblem>> Search(
        SearchProducts search, CancellationToken cancellationToken,
        string? q = null, string? category = null, string? brand = null, long? minPriceFen = null, long? maxPriceFen = null,
        int? ramGb = null, int? storageGb = null, string? gpu = null, double? screenInches = null, int? refreshHz = null,
        bool inStock = false, string? sort = null, int page = 1, int pageSize = 20)
    {
        var validation = new Validation()
            .Require(q is null || q.Length <= 100, "q", "搜索词不能超过 100 个字符")
            .Require(page is >= 1 and <= 1000, "page", "page 必须在 1 到 1000 之间")
            .Require(pageSize is >= 1 and <= 100, "pageSize", "pageSize 必须在 1 到 100 之间")
            .Require(minPriceFen is null or >= 0, "minPriceFen", "最低价不能为负数（单位：分）")
            .Require(maxPriceFen is null || maxPriceFen >= (minPriceFen ?? 0), "maxPriceFen", "最高价不能低于最低价（单位：分）")
            .Require(sort is null || ParseSort(sort) is not null, "sort", "sort 只能是 relevance、price_asc、price_desc、newest 或 sales");
        if (!validation.IsValid)
        {
            return Problems.Invalid(validation);
        }

        var request = new SearchRequest(q, category, brand, minPriceFen, maxPriceFen, ramGb, storageGb, gpu, screenInches, refreshHz,
            inStock, ParseSort(sort) ?? SearchSort.Relevance, page, pageSize);
        return TypedResults.Ok(await search.HandleAsync(request, cancellationToken));
    }

    private static SearchSort? ParseSort(string? sort) => sort switch
    {
        null or "" or "relevance" => SearchSort.Relevance,
        "price_asc" => SearchSort.PriceAscending,
        "price_desc" => SearchSort.PriceDescending,
        "newest" => SearchSort.Newest,
        "sales" => SearchSort.Sales,
        _ => null,
    };

    private static async Task<Results<Ok<ProductView>, ProblemHttpResult>> GetProduct(string code, MallDb db, CancellationToken cancellationToken)
    {
        var product = await ProductDetails.LoadAsync(db, code, cancellationToken);
        return product is null ? Problems.NotFound($"商品 {code} 不存在或已下架") : TypedResults.Ok(product);
    }

    private static async Task<IResult> GetImage(string code, int view, CatalogIndex index, HttpContext http, CancellationToken cancellationToken)
    {
        var snapshot = await index.GetAsync(cancellationToken);
        var product = snapshot.Products.FirstOrDefault(p => p.Code == code);
        if (product is null || view is < 1 or > ProductImages.ViewsPerProduct)
        {
            return Problems.NotFound($"图片 {code}/{view} 不存在");
        }

        http.Response.Headers.CacheControl = "public, max-age=86400";
        return TypedResults.Text(ProductImages.Render(product.Code, product.Name, product.BrandName, product.CategoryCode, view), "image/svg+xml");
    }
}
