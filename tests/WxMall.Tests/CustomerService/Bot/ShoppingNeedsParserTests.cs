using System.Text.Json;
using WxMall.Catalog;
using WxMall.CustomerService.Bot;

namespace WxMall.Tests.CustomerService.Bot;

public sealed class ShoppingNeedsParserTests
{
    [Theory]
    [InlineData("6000左右的游戏本推荐一下", 5100, 6900)]
    [InlineData("预算一万上下", 8500, 11500)]
    [InlineData("5000-7000的笔记本", 5000, 7000)]
    [InlineData("5000到7000元", 5000, 7000)]
    [InlineData("五千到七千的主机", 5000, 7000)]
    [InlineData("5-7k的本子", 5000, 7000)]
    [InlineData("一万出头的游戏本", 10000, 12000)]
    [InlineData("1万5左右配台主机", 12750, 17250)]
    [InlineData("三千块的显卡", 2550, 3450)]
    [InlineData("６０００左右", 5100, 6900)]
    public void A_budget_band_is_read(string text, long minYuan, long maxYuan)
    {
        var needs = ShoppingNeedsParser.Parse(text);

        Assert.Equal(minYuan * 100, needs.BudgetMinFen);
        Assert.Equal(maxYuan * 100, needs.BudgetMaxFen);
    }

    [Theory]
    [InlineData("5k以内的笔记本", 5000)]
    [InlineData("不超过八千的游戏本", 8000)]
    [InlineData("预算6千", 6000)]
    [InlineData("6千5以内", 6500)]
    [InlineData("8k预算配什么主机", 8000)]
    [InlineData("最多两万", 20000)]
    [InlineData("4000元以下", 4000)]
    [InlineData("预算1.2w", 12000)]
    public void A_budget_ceiling_is_read(string text, long maxYuan)
    {
        var needs = ShoppingNeedsParser.Parse(text);

        Assert.Null(needs.BudgetMinFen);
        Assert.Equal(maxYuan * 100, needs.BudgetMaxFen);
    }

    [Fact]
    public void A_budget_floor_is_read()
    {
        var needs = ShoppingNeedsParser.Parse("一万以上的设计本");

        Assert.Equal(1_000_000, needs.BudgetMinFen);
        Assert.Null(needs.BudgetMaxFen);
    }

    [Theory]
    [InlineData("4060游戏本")]
    [InlineData("rtx4060的本子")]
    [InlineData("RTX 4060")]
    [InlineData("想要4k屏的笔记本")]
    [InlineData("32g内存的笔记本")]
    [InlineData("i7-13700h 的主机")]
    [InlineData("拯救者y9000p怎么样")]
    [InlineData("16寸笔记本推荐一下")]
    public void Model_numbers_and_sizes_are_not_budgets(string text)
    {
        var needs = ShoppingNeedsParser.Parse(text);

        Assert.Null(needs.BudgetMinFen);
        Assert.Null(needs.BudgetMaxFen);
    }

    [Theory]
    [InlineData("打游戏用的", "游戏")]
    [InlineData("主要吃鸡", "游戏")]
    [InlineData("LOL能流畅就行", "游戏")]
    [InlineData("游戏本推荐", "游戏")]
    [InlineData("办公用", "办公")]
    [InlineData("上班用的本子", "办公")]
    [InlineData("做设计的", "设计")]
    [InlineData("剪辑视频用", "设计")]
    [InlineData("建模渲染", "设计")]
    [InlineData("学生党用", "学生")]
    [InlineData("上网课用", "学生")]
    [InlineData("学生，主要打游戏", "游戏")]
    [InlineData("主要办公偶尔玩游戏", "办公")]
    public void The_use_is_read(string text, string use)
    {
        Assert.Equal(use, ShoppingNeedsParser.Parse(text).Use);
    }

    [Theory]
    [InlineData("4060游戏本", "RTX 4060")]
    [InlineData("RTX4070的本子", "RTX 4070")]
    [InlineData("rtx 4070 ti super显卡", "RTX 4070 Ti Super")]
    [InlineData("3060显卡", "RTX 3060")]
    [InlineData("要5060", "RTX 5060")]
    [InlineData("rx7900xtx", "RX 7900 XTX")]
    [InlineData("ＲＴＸ４０６０", "RTX 4060")]
    public void The_GPU_is_read(string text, string gpu)
    {
        Assert.Equal(gpu, ShoppingNeedsParser.Parse(text).Gpu);
    }

    [Theory]
    [InlineData("14寸的轻薄本", 14)]
    [InlineData("15.6英寸", 15.6)]
    [InlineData("16吋笔记本", 16)]
    [InlineData("27寸2k显示器", 27)]
    public void The_screen_size_is_read(string text, double inches)
    {
        Assert.Equal((decimal)inches, ShoppingNeedsParser.Parse(text).ScreenInches);
    }

    [Theory]
    [InlineData("32G内存", 32)]
    [InlineData("32g的笔记本", 32)]
    [InlineData("内存16gb", 16)]
    [InlineData("64GB运存", 64)]
    public void The_memory_is_read(string text, int gigabytes)
    {
        Assert.Equal(gigabytes, ShoppingNeedsParser.Parse(text).MemoryGb);
    }

    [Theory]
    [InlineData("512g固态的笔记本")]
    [InlineData("8g显存的显卡")]
    public void Storage_and_graphics_memory_are_not_RAM(string text)
    {
        Assert.Null(ShoppingNeedsParser.Parse(text).MemoryGb);
    }

    [Theory]
    [InlineData("联想的游戏本", "lenovo")]
    [InlineData("拯救者y7000p", "lenovo")]
    [InlineData("华硕ROG", "asus")]
    [InlineData("ROG魔霸", "asus")]
    [InlineData("戴尔笔记本", "dell")]
    [InlineData("惠普暗影精灵", "hp")]
    [InlineData("小米笔记本", "xiaomi")]
    [InlineData("华为matebook", "huawei")]
    [InlineData("macbook air", "apple")]
    public void The_brand_is_read_as_a_catalog_code(string text, string brand)
    {
        Assert.Equal(brand, ShoppingNeedsParser.Parse(text).Brand);
    }

    [Theory]
    [InlineData("游戏本", "laptop")]
    [InlineData("笔记本", "laptop")]
    [InlineData("轻薄本", "laptop")]
    [InlineData("台式主机", "desktop")]
    [InlineData("配一台主机", "desktop")]
    [InlineData("推荐个显卡", "gpu")]
    [InlineData("4060显卡", "gpu")]
    [InlineData("4060显卡的游戏本", "laptop")]
    [InlineData("电竞显示器", "monitor")]
    [InlineData("机械键盘", "peripheral")]
    public void The_category_is_read(string text, string category)
    {
        Assert.Equal(category, ShoppingNeedsParser.Parse(text).Category);
    }

    [Fact]
    public void The_issue_request_is_read_whole()
    {
        var needs = ShoppingNeedsParser.Parse("6000左右的游戏本推荐一下");

        Assert.Equal(new ShoppingNeeds("laptop", 510_000, 690_000, "游戏", null, null, null, null, needs.Unparsed), needs);
        Assert.Empty(needs.Unparsed);
    }

    [Fact]
    public void Words_not_understood_are_kept()
    {
        var needs = ShoppingNeedsParser.Parse("白色的笔记本，要好看");

        Assert.Equal("laptop", needs.Category);
        Assert.Contains(needs.Unparsed, word => word.Contains("白色", StringComparison.Ordinal));
    }

    [Fact]
    public void Nothing_is_read_from_small_talk()
    {
        var needs = ShoppingNeedsParser.Parse("你好");

        Assert.Equal(ShoppingNeeds.None with { Unparsed = needs.Unparsed }, needs);
    }

    [Fact]
    public void Every_catalog_brand_is_known_by_its_Chinese_and_English_name()
    {
        using var seed = JsonDocument.Parse(File.ReadAllText(CatalogSeed.DefaultPath));
        foreach (var brand in seed.RootElement.GetProperty("brands").EnumerateArray())
        {
            var code = brand.GetProperty("code").GetString();
            Assert.Equal(code, ShoppingNeedsParser.Parse(brand.GetProperty("name").GetString() + "的产品").Brand);
            Assert.Equal(code, ShoppingNeedsParser.Parse(brand.GetProperty("englishName").GetString() + " 的产品").Brand);
        }
    }

    [Theory]
    [InlineData("八千", 8000)]
    [InlineData("一万五", 15000)]
    [InlineData("六千五", 6500)]
    [InlineData("两万", 20000)]
    [InlineData("一万五千", 15000)]
    [InlineData("三千五百", 3500)]
    [InlineData("十五", 15)]
    public void Chinese_numerals_have_their_value(string numeral, long value)
    {
        Assert.Equal(value, ChineseNumbers.Value(numeral));
    }
}
