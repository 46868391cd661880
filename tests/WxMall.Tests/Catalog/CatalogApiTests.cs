using System.Net;
using WxMall.Catalog;
using WxMall.Tests.Infrastructure;

namespace WxMall.Tests.Catalog;

public sealed class CatalogApiTests(MallAppFactory app) : IClassFixture<MallAppFactory>
{
    private readonly Shopper shopper = app.NewShopper();

    [Fact]
    public async Task The_seeded_catalog_has_every_category_and_at_least_200_SKUs()
    {
        var categories = await shopper.GetAsync<List<CategoryView>>("/api/catalog/categories");
        var skuCount = await app.QueryAsync(db => Task.FromResult(db.Skus.Count()));

        Assert.Equal(["笔记本", "台式机/主机", "显卡", "CPU", "主板", "内存", "硬盘/SSD", "显示器", "键鼠外设"], categories.Select(c => c.Name));
        Assert.All(categories, c => Assert.True(c.ProductCount > 0, c.Name));
        Assert.True(skuCount >= 200, $"{skuCount} SKUs");
    }

    [Fact]
    public async Task The_home_page_lists_featured_and_hot_products()
    {
        var home = await shopper.GetAsync<HomeView>("/api/catalog/home");

        Assert.NotEmpty(home.Featured);
        Assert.NotEmpty(home.Hot);
        Assert.Equal(9, home.Categories.Count);
    }

    [Fact]
    public async Task A_product_page_has_images_a_Chinese_spec_table_and_SKU_stock_states()
    {
        var laptop = (await shopper.GetAsync<SearchResponse>("/api/catalog/search?q=" + Uri.EscapeDataString("拯救者 Y9000P"))).Items[0];
        var product = await shopper.GetAsync<ProductView>($"/api/catalog/products/{laptop.Code}");

        Assert.Equal(3, product.Images.Count);
        Assert.True(product.Skus.Count >= 2);
        Assert.All(product.Skus, sku =>
        {
            Assert.Contains(sku.Specs, row => row.Name == "处理器");
            Assert.Contains(sku.StockState, new[] { "有货", "缺货" }.Concat(Enumerable.Range(1, 4).Select(n => $"仅剩 {n} 件")));
        });
    }

    [Fact]
    public async Task Product_images_are_generated_SVG_with_no_external_references()
    {
        var code = (await shopper.GetAsync<HomeView>("/api/catalog/home")).Hot[0].Code;
        var response = await shopper.Client.GetAsync($"/images/products/{code}/1.svg");
        var svg = await response.Content.ReadAsStringAsync();

        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("<svg", svg.TrimStart(), StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"http", svg, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_product_is_a_404_problem()
    {
        var response = await shopper.Client.GetAsync("/api/catalog/products/no-such-laptop");

        var problem = await response.ProblemAsync(HttpStatusCode.NotFound);
        Assert.Contains("no-such-laptop", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pickup_stores_are_listed()
    {
        var stores = await shopper.GetAsync<List<PickupStoreView>>("/api/catalog/stores");

        Assert.True(stores.Count >= 3);
        Assert.All(stores, s => Assert.False(string.IsNullOrWhiteSpace(s.Address)));
    }
}
