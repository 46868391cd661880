using WxMall.Catalog;

namespace WxMall.Tests.Catalog;

public sealed class ChineseQueryTests
{
    private static readonly CatalogSnapshot Catalog = new(
        [],
        [new Category { Code = "laptop", Name = "笔记本" }, new Category { Code = "memory", Name = "内存" }],
        [new Brand { Code = "lenovo", Name = "联想", EnglishName = "Lenovo" }, new Brand { Code = "asus", Name = "华硕", EnglishName = "ASUS" }]);

    [Fact]
    public void Latin_and_Chinese_runs_are_split_without_spaces()
    {
        var query = ChineseQuery.Parse("4060游戏本", Catalog);

        Assert.Equal("laptop", query.CategoryCode);
        Assert.Equal(["4060", "游戏本"], query.Terms);
    }

    [Theory]
    [InlineData("32G内存笔记本", "laptop", 32)]
    [InlineData("笔记本 32g", "laptop", 32)]
    [InlineData("32GB 内存条", "memory", 32)]
    public void A_capacity_next_to_memory_words_is_a_RAM_size(string text, string category, int ram)
    {
        var query = ChineseQuery.Parse(text, Catalog);

        Assert.Equal(category, query.CategoryCode);
        Assert.Equal(ram, query.RamGb);
    }

    [Fact]
    public void Terabytes_are_storage()
    {
        Assert.Equal(2048, ChineseQuery.Parse("2T 固态", Catalog).StorageGb);
    }

    [Fact]
    public void Brand_names_in_Chinese_or_English_become_brand_filters()
    {
        Assert.Equal(["lenovo"], ChineseQuery.Parse("联想游戏本", Catalog).BrandCodes);
        Assert.Equal(["asus", "lenovo"], ChineseQuery.Parse("ASUS lenovo", Catalog).BrandCodes);
    }

    [Theory]
    [InlineData("预算8000 游戏本", null, 800_000L)]
    [InlineData("5000元以内", null, 500_000L)]
    [InlineData("1万以上 笔记本", 1_000_000L, null)]
    [InlineData("3000-5000元 显示器", 300_000L, 500_000L)]
    public void Price_phrases_become_bounds(string text, long? min, long? max)
    {
        var query = ChineseQuery.Parse(text, Catalog);

        Assert.Equal(min, query.MinPriceFen);
        Assert.Equal(max, query.MaxPriceFen);
    }

    [Fact]
    public void Model_numbers_with_dashes_are_not_mistaken_for_price_ranges()
    {
        var query = ChineseQuery.Parse("i7-14700K", Catalog);

        Assert.Null(query.MinPriceFen);
        Assert.Equal(["i7-14700k"], query.Terms);
    }

    [Fact]
    public void Full_width_characters_are_normalised()
    {
        Assert.Equal(["rtx4060"], ChineseQuery.Parse("ＲＴＸ４０６０", Catalog).Terms);
    }
}
