using System.Globalization;
using WxMall.Catalog;

namespace WxMall.CustomerService.Bot;

/// <summary>How well one SKU fits a shopper's needs (higher is better), and the Chinese sentence that says why.</summary>
internal static class Fit
{
    private const double LightLaptopKg = 1.6;

    public static double Score(IndexedProduct product, IndexedSku sku, ShoppingNeeds needs)
    {
        var specs = sku.Specs;
        var score = 0.0;

        // Budget: closeness to the middle of the band, or to just under a ceiling (people spend most of a budget).
        if (Target(needs) is { } target)
        {
            score += 3 * Math.Max(0, 1 - Math.Abs(sku.PriceFen - target) / (double)target);
        }

        score += needs.Use switch
        {
            "游戏" => 2 * GpuTier(sku.GpuChip) + (specs.RefreshHz >= 144 ? 0.5 : 0) + (HasKeyword(product, "游戏本", "电竞") ? 0.5 : 0),
            "设计" => (specs.RamGb >= 32 ? 1.0 : specs.RamGb >= 16 ? 0.5 : 0) + GpuTier(sku.GpuChip)
                + (HasKeyword(product, "设计", "创作本", "剪辑") ? 1.0 : 0) + (IsHighResolution(specs.Resolution) ? 0.5 : 0),
            "办公" => Lightness(specs.WeightKg) + (HasKeyword(product, "办公", "商务本") ? 1.0 : 0),
            "学生" => Lightness(specs.WeightKg) + (HasKeyword(product, "学生") ? 1.0 : 0) + (HasKeyword(product, "性价比") ? 0.5 : 0),
            _ => 0,
        };
        if (needs.Gpu is not null && string.Equals(sku.GpuChip, needs.Gpu, StringComparison.OrdinalIgnoreCase))
        {
            score += 1;
        }

        if (needs.MemoryGb is { } memory && specs.RamGb == memory)
        {
            score += 0.5;
        }

        return score + (product.Featured ? 0.1 : 0);
    }

    /// <summary>"RTX 4060 显卡，165Hz 高刷屏，适合 1080p 高画质游戏，¥6,499".</summary>
    public static string Reason(IndexedProduct product, IndexedSku sku, ShoppingNeeds needs)
    {
        var specs = sku.Specs;
        var parts = new List<string>();
        switch (needs.Use)
        {
            case "游戏" when sku.GpuChip is { } chip:
                parts.Add($"{chip} 显卡");
                if (specs.RefreshHz >= 144)
                {
                    parts.Add($"{specs.RefreshHz}Hz 高刷屏");
                }

                parts.Add($"适合{GamingLevel(chip)}游戏");
                break;
            case "设计":
                parts.Add(specs.RamGb is { } ram ? $"{ram}GB 内存" : ShortCpu(specs.Cpu) ?? product.Subtitle);
                if (sku.GpuChip is { } designChip)
                {
                    parts.Add($"{designChip} 显卡");
                }

                parts.Add("剪辑、建模、渲染更流畅");
                break;
            case "办公" or "学生" when specs.WeightKg is { } weight:
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"{weight:0.##}kg"));
                if (specs.ScreenInches is { } inches)
                {
                    parts.Add(string.Create(CultureInfo.InvariantCulture, $"{inches:0.#} 英寸屏"));
                }

                parts.Add(needs.Use == "学生" ? "轻便好带，上课、网课都合适" : "轻便好带，办公出差都合适");
                break;
            default:
                parts.Add(Summary(product, sku));
                break;
        }

        if (needs.BudgetMaxFen is { } max && sku.PriceFen <= max && needs.BudgetMinFen is null)
        {
            parts.Add("在预算之内");
        }

        parts.Add(Price(sku.PriceFen));
        return string.Join("，", parts);
    }

    /// <summary>¥6,499 or ¥6,499.50.</summary>
    public static string Price(long fen) =>
        fen % 100 == 0
            ? "¥" + (fen / 100).ToString("#,0", CultureInfo.InvariantCulture)
            : "¥" + (fen / 100m).ToString("#,0.00", CultureInfo.InvariantCulture);

    private static long? Target(ShoppingNeeds needs) => (needs.BudgetMinFen, needs.BudgetMaxFen) switch
    {
        ({ } min, { } max) => (min + max) / 2,
        (null, { } max) => max * 9 / 10,
        ({ } min, null) => min,
        _ => null,
    };

    private static double GpuTier(string? chip)
    {
        if (chip is null)
        {
            return 0;
        }

        var digits = new string(chip.Where(char.IsAsciiDigit).ToArray());
        if (digits.Length < 4)
        {
            return 0.3;
        }

        // The last two digits of NVIDIA and AMD model numbers rank the chip within its generation.
        var tier = int.Parse(digits[^2..], CultureInfo.InvariantCulture);
        var level = tier >= 80 ? 1.0 : tier >= 70 ? 0.9 : tier >= 60 ? 0.8 : tier >= 50 ? 0.6 : 0.4;
        return chip.StartsWith("RX", StringComparison.Ordinal) ? Math.Min(1.0, int.Parse(digits[1..2], CultureInfo.InvariantCulture) / 10.0 + 0.4) : level;
    }

    private static string GamingLevel(string chip) => GpuTier(chip) switch
    {
        >= 0.9 => " 2K 高画质",
        >= 0.8 => " 1080p 高画质",
        >= 0.6 => " 1080p 中高画质",
        _ => "网游和轻度",
    };

    private static double Lightness(double? weightKg) => weightKg switch
    {
        null => 0,
        <= 1.3 => 2,
        <= LightLaptopKg => 1.5,
        <= 1.9 => 0.8,
        _ => 0,
    };

    private static bool HasKeyword(IndexedProduct product, params string[] words) =>
        words.Any(word => product.Keywords.Contains(word, StringComparison.OrdinalIgnoreCase));

    private static bool IsHighResolution(string? resolution) =>
        resolution is not null && int.TryParse(resolution.Split('x', '×')[0], CultureInfo.InvariantCulture, out var width) && width >= 2560;

    private static string? ShortCpu(string? cpu) => cpu?.Replace("Intel Core ", "", StringComparison.Ordinal).Replace("AMD Ryzen ", "锐龙 ", StringComparison.Ordinal);

    private static string Summary(IndexedProduct product, IndexedSku sku)
    {
        var first = product.Subtitle.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(3);
        var text = string.Join(" ", first);
        return text.Length > 0 ? text : sku.Name;
    }
}
