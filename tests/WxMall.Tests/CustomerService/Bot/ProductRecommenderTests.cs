using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WxMall.Catalog;
using WxMall.CustomerService.Bot;
using WxMall.Tests.Infrastructure;

namespace WxMall.Tests.CustomerService.Bot;

/// <summary>Recommendations from the real seeded catalog and its live stock.</summary>
public sealed class ProductRecommenderTests(MallAppFactory app, ITestOutputHelper output) : IClassFixture<MallAppFactory>
{
    private async Task<IReadOnlyList<Recommendation>> RecommendAsync(string message, int count = 3)
    {
        var recommender = app.Services.GetRequiredService<ProductRecommender>();
        return await recommender.RecommendAsync(ShoppingNeedsParser.Parse(message), count, TestContext.Current.CancellationToken);
    }

    private async Task<IndexedProduct> ProductAsync(long productId)
    {
        var catalog = await app.Services.GetRequiredService<CatalogIndex>().GetAsync(TestContext.Current.CancellationToken);
        return catalog.Products.Single(p => p.Id == productId);
    }

    [Fact]
    public async Task Three_real_gaming_laptops_near_6000_yuan_for_the_issue_request()
    {
        var recommendations = await RecommendAsync("6000左右的游戏本推荐一下");

        foreach (var recommendation in recommendations)
        {
            output.WriteLine($"{recommendation.Title}\t{recommendation.PriceFen}\t{recommendation.Reason}");
        }

        Assert.Equal(3, recommendations.Count);
        Assert.Equal(3, recommendations.Select(r => r.ProductId).Distinct().Count());
        foreach (var recommendation in recommendations)
        {
            var product = await ProductAsync(recommendation.ProductId);
            var sku = product.Skus.Single(s => s.Id == recommendation.SkuId);
            Assert.Equal("laptop", product.CategoryCode);
            Assert.NotNull(sku.GpuChip);
            Assert.Equal(sku.PriceFen, recommendation.PriceFen);
            Assert.InRange(recommendation.PriceFen, 510_000, 690_000);
            Assert.Equal(product.Name, recommendation.Title);
            Assert.Contains(sku.GpuChip, recommendation.Reason, StringComparison.Ordinal);
            Assert.EndsWith(Fit.Price(sku.PriceFen), recommendation.Reason, StringComparison.Ordinal);
            Assert.Equal($"/images/products/{product.Code}/1.svg", recommendation.ImageUrl);
            Assert.Equal($"/products/{product.Code}", recommendation.ProductPath);
        }
    }

    [Theory]
    [InlineData("5000以内的笔记本", 500_000)]
    [InlineData("不超过八千的游戏本", 800_000)]
    [InlineData("预算3000的显卡", 300_000)]
    [InlineData("4000块以内学生用", 400_000)]
    public async Task A_budget_ceiling_is_never_exceeded(string message, long maxFen)
    {
        var recommendations = await RecommendAsync(message);

        Assert.NotEmpty(recommendations);
        Assert.All(recommendations, r => Assert.True(r.PriceFen <= maxFen, $"{r.Title} costs {r.PriceFen} fen, over {maxFen}"));
    }

    [Fact]
    public async Task A_budget_nothing_fits_gives_no_recommendation_rather_than_a_dearer_one()
    {
        Assert.Empty(await RecommendAsync("500块以内的游戏本"));
    }

    [Fact]
    public async Task Gaming_recommendations_have_a_discrete_GPU_and_say_so()
    {
        var recommendations = await RecommendAsync("一万左右打游戏的笔记本");

        Assert.Equal(3, recommendations.Count);
        foreach (var recommendation in recommendations)
        {
            var sku = (await ProductAsync(recommendation.ProductId)).Skus.Single(s => s.Id == recommendation.SkuId);
            Assert.NotNull(sku.GpuChip);
            Assert.Contains("游戏", recommendation.Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Student_and_office_recommendations_are_light()
    {
        var recommendations = await RecommendAsync("学生用的笔记本，6000以内");

        Assert.Equal(3, recommendations.Count);
        foreach (var recommendation in recommendations)
        {
            var sku = (await ProductAsync(recommendation.ProductId)).Skus.Single(s => s.Id == recommendation.SkuId);
            Assert.True(sku.Specs.WeightKg <= 1.9, $"{recommendation.Title} weighs {sku.Specs.WeightKg} kg");
        }
    }

    [Fact]
    public async Task A_requested_GPU_and_brand_are_honoured()
    {
        var recommendations = await RecommendAsync("联想4060游戏本");

        Assert.NotEmpty(recommendations);
        foreach (var recommendation in recommendations)
        {
            var product = await ProductAsync(recommendation.ProductId);
            Assert.Equal("lenovo", product.BrandCode);
            Assert.Equal("RTX 4060", product.Skus.Single(s => s.Id == recommendation.SkuId).GpuChip);
        }
    }

    [Fact]
    public async Task Design_recommendations_have_plenty_of_memory()
    {
        var recommendations = await RecommendAsync("做视频剪辑用的笔记本，预算一万五");

        Assert.Equal(3, recommendations.Count);
        foreach (var recommendation in recommendations)
        {
            var sku = (await ProductAsync(recommendation.ProductId)).Skus.Single(s => s.Id == recommendation.SkuId);
            Assert.True(sku.Specs.RamGb >= 16, $"{recommendation.Title} has {sku.Specs.RamGb} GB");
            Assert.True(recommendation.PriceFen <= 1_500_000);
        }
    }
}

/// <summary>Sold-out SKUs are never recommended (own store, because it changes stock).</summary>
public sealed class ProductRecommenderStockTests(MallAppFactory app) : IClassFixture<MallAppFactory>
{
    [Fact]
    public async Task Sold_out_products_are_not_recommended()
    {
        var recommender = app.Services.GetRequiredService<ProductRecommender>();
        var needs = ShoppingNeedsParser.Parse("6000左右的游戏本推荐一下");
        var before = await recommender.RecommendAsync(needs, 3, TestContext.Current.CancellationToken);
        var soldOut = before[0];
        var skuCodes = await app.QueryAsync(db => db.Skus.Where(s => s.ProductId == soldOut.ProductId).Select(s => s.Code).ToListAsync());
        foreach (var code in skuCodes)
        {
            await app.SetAvailableAsync(code, 0);
        }

        var after = await recommender.RecommendAsync(needs, 3, TestContext.Current.CancellationToken);

        Assert.DoesNotContain(after, r => r.ProductId == soldOut.ProductId);
        Assert.Equal(before.Skip(1).Select(r => r.ProductId), after.Take(2).Select(r => r.ProductId));
    }

    [Fact]
    public async Task A_sold_out_SKU_gives_way_to_another_SKU_of_the_same_product()
    {
        var recommender = app.Services.GetRequiredService<ProductRecommender>();
        var needs = ShoppingNeedsParser.Parse("一万左右的4060游戏本");
        var before = await recommender.RecommendAsync(needs, 5, TestContext.Current.CancellationToken);
        var skuCode = await app.QueryAsync(db => db.Skus.Where(s => s.Id == before[0].SkuId).Select(s => s.Code).FirstAsync());

        await app.SetAvailableAsync(skuCode, 0);
        var after = await recommender.RecommendAsync(needs, 5, TestContext.Current.CancellationToken);

        Assert.DoesNotContain(after, r => r.SkuId == before[0].SkuId);
    }
}
