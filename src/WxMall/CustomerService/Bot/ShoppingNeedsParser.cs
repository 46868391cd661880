using System.Globalization;
using System.Text.RegularExpressions;

namespace WxMall.CustomerService.Bot;

/// <summary>
/// Reads what a shopper wants from a recommendation request such as "6000左右的游戏本推荐一下":
/// model numbers and sizes first (so 4060 is a GPU, not a price), then the budget, then words for
/// category, use and brand. Whatever is left is returned as <see cref="ShoppingNeeds.Unparsed"/>.
/// </summary>
public static partial class ShoppingNeedsParser
{
    private static readonly int[] UsualMemorySizes = [8, 12, 16, 24, 32, 48, 64, 96, 128];

    public static ShoppingNeeds Parse(string text)
    {
        var message = " " + ChineseNumbers.ToDigits(BotText.NormaliseKeepingDigits(text)) + " ";
        var working = message;

        var gpu = ReadGpu(ref working);
        working = CpuModel().Replace(working, " ");
        var screen = ReadScreen(ref working);
        var memory = ReadMemory(ref working);
        working = Resolution().Replace(working, " ");
        var (minFen, maxFen, remaining) = BudgetReader.Read(working);
        working = remaining;

        var (category, impliedUse) = ShoppingVocabulary.ReadCategory(ref working);
        var use = ShoppingVocabulary.ReadUse(ref working) ?? impliedUse;
        var brand = ShoppingVocabulary.ReadBrand(message, ref working);
        if (category is null && gpu is not null && ShoppingVocabulary.MentionsGraphicsCard(text))
        {
            category = "gpu";
        }

        return new ShoppingNeeds(category, minFen, maxFen, use, gpu, screen, memory, brand, Leftovers(working));
    }

    private static string? ReadGpu(ref string text)
    {
        var match = GpuModel().Match(text);
        while (match.Success)
        {
            var prefix = match.Groups["prefix"].Value;
            var number = match.Groups["number"].Value;
            var suffix = match.Groups["suffix"].Value;
            var nvidia = number.Length == 4 && number[1] == '0' && number[3] == '0' && number[0] is >= '1' and <= '5' && number[2] >= '5';
            var amd = number.Length == 4 && number[0] is '6' or '7' or '9' && number[2..] == "00";
            if (prefix.Length > 0 || (nvidia && !IsMoney(text, match)) || (amd && suffix.Length > 0))
            {
                text = text.Remove(match.Index, match.Length).Insert(match.Index, " ");
                var family = prefix switch
                {
                    "gtx" => "GTX",
                    "rx" => "RX",
                    "rtx" => "RTX",
                    _ when amd => "RX",
                    _ when number[0] == '1' => "GTX",
                    _ => "RTX",
                };
                return $"{family} {number}{SuffixName(suffix)}";
            }

            match = match.NextMatch();
        }

        return null;
    }

    /// <summary>"5060块" or "3060元" is a price; the GPU reading leaves it to the budget.</summary>
    private static bool IsMoney(string text, Match match)
    {
        var after = text[(match.Index + match.Length)..].TrimStart();
        return after.StartsWith('元') || after.StartsWith('块') || after.StartsWith("左右", StringComparison.Ordinal)
            || after.StartsWith("以内", StringComparison.Ordinal) || after.StartsWith("预算", StringComparison.Ordinal);
    }

    private static string SuffixName(string suffix) => Regex.Replace(suffix.Trim(), @"\s+", " ") switch
    {
        "" => "",
        "ti super" or "tisuper" => " Ti Super",
        "ti" => " Ti",
        "super" => " Super",
        "xtx" => " XTX",
        "xt" => " XT",
        "gre" => " GRE",
        var other => " " + other.ToUpperInvariant(),
    };

    private static decimal? ReadScreen(ref string text)
    {
        var match = ScreenSize().Match(text);
        if (!match.Success || !decimal.TryParse(match.Groups["size"].Value, NumberStyles.Number, CultureInfo.InvariantCulture, out var inches)
            || inches is < 10 or > 65)
        {
            return null;
        }

        text = text.Remove(match.Index, match.Length).Insert(match.Index, " ");
        return inches;
    }

    private static int? ReadMemory(ref string text)
    {
        foreach (Match match in MemorySize().Matches(text))
        {
            var size = int.Parse(match.Groups["size"].Value, CultureInfo.InvariantCulture);
            var named = match.Groups["before"].Success || match.Groups["after"].Success;
            if (match.Groups["storage"].Success || (!named && !UsualMemorySizes.Contains(size)) || size is < 4 or > 256)
            {
                continue;
            }

            text = text.Remove(match.Index, match.Length).Insert(match.Index, " ");
            return size;
        }

        return null;
    }

    private static List<string> Leftovers(string text)
    {
        var rest = ShoppingVocabulary.RemoveFiller(text);
        return Separators().Split(rest).Select(part => part.Trim()).Where(part => part.Length > 0).Distinct().ToList();
    }

    [GeneratedRegex(@"(?<![a-z\d])(?<prefix>rtx|gtx|rx)?\s*-?\s*(?<number>\d{4})(?<suffix>\s*(?:ti\s*super|ti|super|xtx|xt|gre))?(?![\d.])", RegexOptions.CultureInvariant)]
    private static partial Regex GpuModel();

    [GeneratedRegex(@"(?<![a-z])(?:(?:i[3579]|r[3579]|ultra\s*[579]|u[579])\s*-?\s*(?:\d{3,5}[a-z]{0,3})?|\d{4,5}(?:hx|hs|h|u|kf|k|f|x3d|x|g)(?![a-z]))", RegexOptions.CultureInvariant)]
    private static partial Regex CpuModel();

    [GeneratedRegex(@"(?<![\d.])(?<size>\d{2}(?:\.\d)?)\s*(?:英寸|寸|吋|inch|in(?![a-z])|"")", RegexOptions.CultureInvariant)]
    private static partial Regex ScreenSize();

    [GeneratedRegex(@"(?<before>内存|运存|ram)?\s*(?<![\d.])(?<size>\d{1,3})\s*(?:g|gb)(?![a-z\d])\s*(?:(?<storage>显存|固态|硬盘|ssd|存储|机械)|(?<after>内存|运存|ram|的内存))?", RegexOptions.CultureInvariant)]
    private static partial Regex MemorySize();

    [GeneratedRegex(@"(?<![a-z\d.])(?:1080p|1440p|2160p|[1-8](?:\.5)?k)(?=\s*(?:屏|显示器|分辨率|高画质|画质|高清|的屏|的显示器|oled|ips))", RegexOptions.CultureInvariant)]
    private static partial Regex Resolution();

    [GeneratedRegex(@"[\s,，。.!！?？、;；:：~～()（）\[\]【】""“”'‘’/\\|+*#-]+")]
    private static partial Regex Separators();
}
