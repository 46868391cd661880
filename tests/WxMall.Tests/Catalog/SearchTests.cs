using System.Net;
using WxMall.Catalog;
using WxMall.Tests.Infrastructure;

namespace WxMall.Tests.Catalog;

/// <summary>Chinese search over the seeded catalog, through the public API.</summary>
public sealed class SearchTests(MallAppFactory app) : IClassFixture<MallAppFactory>
{
    private readonly Shopper shopper = app.NewShopper();

    private async Task<SearchResponse> SearchAsync(string query, string extra = "") =>
        await shopper.GetAsync<SearchResponse>($"/api/catalog/search?q={Uri.EscapeDataString(query)}&pageSize=100{extra}");

    private async Task<IReadOnlyList<WxMall.Catalog.ProductView>> ProductsAsync(SearchResponse response)
    {
        var products = new List<WxMall.Catalog.ProductView>();
        foreach (var item in response.Items)
        {
            products.Add(await shopper.GetAsync<WxMall.Catalog.ProductView>($"/api/catalog/products/{item.Code}"));
        }

        return products;
    }

    [Fact]
    public async Task Gaming_laptops_with_an_RTX_4060_are_found_for_4060_游戏本()
    {
        var result = await SearchAsync("4060 游戏本");

        Assert.True(result.Total >= 5, $"only {result.Total} results");
        Assert.All(result.Items, item => Assert.Equal("laptop", item.Category));
        foreach (var product in await ProductsAsync(result))
        {
            Assert.Contains(product.Skus, sku => sku.Specs.Any(row => row.Name == "显卡" && row.Value.Contains("4060", StringComparison.Ordinal)));
        }
    }

    [Fact]
    public async Task Laptops_offering_32GB_of_memory_are_found_for_32G_内存_笔记本()
    {
        var result = await SearchAsync("32G 内存 笔记本");

        Assert.Equal("laptop", result.Understood.Category);
        Assert.Equal(32, result.Understood.RamGb);
        Assert.True(result.Total >= 5, $"only {result.Total} results");
        Assert.All(result.Items, item => Assert.Equal("laptop", item.Category));
        foreach (var product in await ProductsAsync(result))
        {
            var matched = result.Items.Single(i => i.Code == product.Code).MatchedSkus;
            Assert.All(product.Skus.Where(s => matched.Contains(s.Code)), sku => Assert.Contains(sku.Specs, row => row is { Name: "内存", Value: "32 GB" }));
        }
    }

    [Fact]
    public async Task Desktops_with_an_Intel_Core_i7_are_found_for_i7_主机()
    {
        var result = await SearchAsync("i7 主机");

        Assert.True(result.Total >= 3, $"only {result.Total} results");
        Assert.All(result.Items, item => Assert.Equal("desktop", item.Category));
        foreach (var product in await ProductsAsync(result))
        {
            Assert.Contains(product.Skus, sku => sku.Specs.Any(row => row.Name == "处理器" && row.Value.Contains("i7", StringComparison.Ordinal)));
        }
    }

    [Theory]
    [InlineData("4K 显示器", "monitor")]
    [InlineData("9800X3D", "cpu")]
    [InlineData("2T 固态", "storage")]
    [InlineData("ＲＴＸ４０７０", "gpu")]
    public async Task Other_everyday_queries_find_the_right_kind_of_product(string query, string expectedCategory)
    {
        var result = await SearchAsync(query);

        Assert.Contains(result.Items, item => item.Category == expectedCategory);
    }

    [Fact]
    public async Task The_last_noun_decides_what_is_wanted_so_笔记本内存_finds_memory_for_laptops_first()
    {
        var result = await SearchAsync("笔记本内存");

        Assert.All(result.Items, item => Assert.Equal("memory", item.Category));
        Assert.Contains("笔记本", result.Items[0].Name, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_price_phrase_becomes_a_price_filter()
    {
        var result = await SearchAsync("游戏本 8000元以内");

        Assert.Equal(800_000, result.Understood.MaxPriceFen);
        Assert.NotEmpty(result.Items);
        Assert.All(result.Items, item => Assert.True(item.PriceFen <= 800_000, $"{item.Name} costs {item.PriceFen}"));
    }

    [Fact]
    public async Task Facets_count_what_the_query_found_and_filters_narrow_it()
    {
        var all = await SearchAsync("游戏本");
        var lenovo = all.Facets.Brands.Single(b => b.Value == "lenovo");
        var narrowed = await SearchAsync("游戏本", "&brand=lenovo");

        Assert.Equal(lenovo.Count, narrowed.Total);
        Assert.All(narrowed.Items, item => Assert.Equal("联想", item.Brand));
        Assert.Contains(all.Facets.Gpus, g => g.Value == "RTX 4060");
        Assert.Contains(all.Facets.RamGb, r => r.Value == "16");
        Assert.NotEmpty(all.Facets.PriceRanges);
    }

    [Fact]
    public async Task In_a_category_each_facet_counts_what_choosing_it_shows()
    {
        var laptops = await SearchAsync("", "&category=laptop");

        Assert.NotEmpty(laptops.Facets.Brands);
        foreach (var brand in laptops.Facets.Brands)
        {
            Assert.Equal(brand.Count, (await SearchAsync("", $"&category=laptop&brand={brand.Value}")).Total);
        }

        Assert.Contains(laptops.Facets.Categories, c => c.Value != "laptop");
    }

    [Fact]
    public async Task Under_a_price_band_each_product_shows_the_price_of_a_SKU_inside_it()
    {
        var cheap = await SearchAsync("", "&category=laptop&maxPriceFen=599999");
        var band = await SearchAsync("", "&category=laptop&minPriceFen=600000&maxPriceFen=999999&sort=price_asc");

        Assert.NotEmpty(band.Items);
        Assert.All(band.Items, item => Assert.InRange(item.PriceFen, 600_000, 999_999));
        Assert.Equal(band.Items.Select(i => i.PriceFen).Order(), band.Items.Select(i => i.PriceFen));
        Assert.Contains(band.Items, item => cheap.Items.Any(c => c.Code == item.Code));
    }

    [Fact]
    public async Task A_spec_facet_filters_by_the_GPU_chip()
    {
        var result = await SearchAsync("笔记本", "&gpu=RTX%204070");

        Assert.NotEmpty(result.Items);
        foreach (var product in await ProductsAsync(result))
        {
            Assert.Contains(product.Skus, sku => sku.Specs.Any(row => row.Name == "显卡" && row.Value.Contains("RTX 4070", StringComparison.Ordinal)));
        }
    }

    [Theory]
    [InlineData("price_asc")]
    [InlineData("price_desc")]
    public async Task Results_sort_by_price(string sort)
    {
        var result = await SearchAsync("显卡", $"&sort={sort}");
        var prices = result.Items.Select(i => i.PriceFen).ToList();

        var expected = sort == "price_asc" ? prices.Order().ToList() : prices.OrderDescending().ToList();
        Assert.Equal(expected, prices);
    }

    [Fact]
    public async Task Browsing_a_category_without_a_query_pages_through_it()
    {
        var first = await shopper.GetAsync<SearchResponse>("/api/catalog/search?category=laptop&pageSize=10&page=1");
        var second = await shopper.GetAsync<SearchResponse>("/api/catalog/search?category=laptop&pageSize=10&page=2");

        Assert.True(first.Total > 20);
        Assert.Equal(10, first.Items.Count);
        Assert.Empty(first.Items.Select(i => i.Code).Intersect(second.Items.Select(i => i.Code)));
    }

    [Fact]
    public async Task Words_that_match_nothing_together_fall_back_to_the_best_partial_matches()
    {
        var result = await SearchAsync("拯救者 水果味");

        Assert.True(result.Relaxed);
        Assert.Contains(result.Items, item => item.Name.Contains("拯救者", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("sort=cheapest", "sort")]
    [InlineData("pageSize=500", "pageSize")]
    [InlineData("minPriceFen=-1", "minPriceFen")]
    public async Task Bad_search_parameters_are_rejected_naming_the_field(string query, string field)
    {
        var response = await shopper.Client.GetAsync($"/api/catalog/search?{query}");

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }
}
