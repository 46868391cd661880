using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace WxMall.Catalog;

/// <summary>What a shopper's query asks for, once words have been recognised.</summary>
public sealed record ParsedQuery(
    string? CategoryCode,
    IReadOnlyList<string> BrandCodes,
    int? RamGb,
    int? StorageGb,
    int? VramGb,
    long? MinPriceFen,
    long? MaxPriceFen,
    IReadOnlyList<string> Terms)
{
    /// <summary>Words that describe the wanted thing without being required (笔记本 in 笔记本内存): they raise the rank of products that have them.</summary>
    public IReadOnlyList<string> Preferred { get; init; } = [];

    public bool IsEmpty => CategoryCode is null && BrandCodes.Count == 0 && RamGb is null && StorageGb is null
        && VramGb is null && MinPriceFen is null && MaxPriceFen is null && Terms.Count == 0;
}

/// <summary>
/// Understands short Chinese shopping queries such as <c>4060 游戏本</c>, <c>32G内存笔记本</c> or <c>i7 主机</c>
/// without a general-purpose segmenter: a small domain vocabulary (categories, brands, product words),
/// longest-match segmentation, and the Chinese head-final rule — in 笔记本内存 the last noun (内存) is what
/// the shopper wants, and the words before it describe it.
/// </summary>
public static partial class ChineseQuery
{
    private static readonly Dictionary<string, (string Category, bool AlsoTerm)> CategoryWords = new()
    {
        ["笔记本"] = ("laptop", false), ["笔记本电脑"] = ("laptop", false), ["笔电"] = ("laptop", false),
        ["本子"] = ("laptop", false), ["laptop"] = ("laptop", false), ["notebook"] = ("laptop", false),
        ["游戏本"] = ("laptop", true), ["轻薄本"] = ("laptop", true), ["商务本"] = ("laptop", true),
        ["创作本"] = ("laptop", true), ["全能本"] = ("laptop", true), ["macbook"] = ("laptop", true),
        ["台式机"] = ("desktop", false), ["台式"] = ("desktop", false), ["主机"] = ("desktop", false),
        ["台式电脑"] = ("desktop", false), ["电脑主机"] = ("desktop", false), ["整机"] = ("desktop", false),
        ["desktop"] = ("desktop", false), ["迷你主机"] = ("desktop", true), ["mini主机"] = ("desktop", true),
        ["显卡"] = ("gpu", false), ["独显"] = ("gpu", false), ["gpu"] = ("gpu", false),
        ["cpu"] = ("cpu", false), ["处理器"] = ("cpu", false),
        ["主板"] = ("motherboard", false),
        ["内存"] = ("memory", false), ["内存条"] = ("memory", false), ["运存"] = ("memory", false), ["ram"] = ("memory", false),
        ["硬盘"] = ("storage", false), ["固态"] = ("storage", false), ["固态硬盘"] = ("storage", false),
        ["ssd"] = ("storage", false), ["机械硬盘"] = ("storage", true), ["hdd"] = ("storage", false),
        ["显示器"] = ("monitor", false), ["屏幕"] = ("monitor", false), ["显示屏"] = ("monitor", false),
        ["电竞屏"] = ("monitor", false), ["monitor"] = ("monitor", false),
        ["外设"] = ("peripheral", false), ["键鼠"] = ("peripheral", false), ["键盘"] = ("peripheral", true),
        ["鼠标"] = ("peripheral", true), ["耳机"] = ("peripheral", true), ["耳麦"] = ("peripheral", true),
    };

    private static readonly HashSet<string> StopWords =
    [
        "的", "电脑", "推荐", "买", "款", "我要", "想要", "想买", "一台", "一个", "适合", "左右", "有没有", "有", "吗",
        "求", "什么", "哪个", "好", "好用", "最好", "便宜", "性价比", "新款", "款式", "和", "或", "带", "配",
        "元", "块", "以内", "以下", "以上", "预算", "价格", "之间", "到",
    ];

    private static readonly string[] DomainWords =
    [
        "游戏", "电竞", "办公", "设计", "学生", "轻薄", "高刷", "显存", "商务", "创作", "剪辑", "直播", "编程",
        "无线", "机械", "静音", "白色", "黑色", "银色", "曲面", "带鱼屏", "超高清", "全高清", "固态", "水冷", "风冷",
        "核显", "独显", "超频", "主机", "拯救者", "外星人", "天选", "暗影精灵", "幻", "小新", "无畏", "机械革命",
    ];

    /// <summary>NFKC (full-width → half-width), lower case, punctuation to spaces; keeps '.', '-' and '+' inside words.</summary>
    public static string Normalise(string text)
    {
        var normalised = text.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        var builder = new StringBuilder(normalised.Length + 2).Append(' ');
        foreach (var character in normalised)
        {
            builder.Append(char.IsLetterOrDigit(character) || character is '.' or '-' or '+' ? character : ' ');
        }

        return MultipleSpaces().Replace(builder.Append(' ').ToString(), " ");
    }

    public static ParsedQuery Parse(string? query, CatalogSnapshot catalog)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            return new ParsedQuery(null, [], null, null, null, null, null, []);
        }

        var text = Normalise(query);
        var (minPrice, maxPrice) = ReadPrice(ref text);
        var brandWords = BrandWords(catalog);
        var tokens = Tokenise(text, brandWords);

        var categoryWordsSeen = new List<string>();
        var brands = new List<string>();
        var terms = new List<string>();
        var capacities = new List<(int Gigabytes, bool Terabytes, int Position)>();
        for (var position = 0; position < tokens.Count; position++)
        {
            var token = tokens[position];
            if (StopWords.Contains(token))
            {
                continue;
            }

            if (CategoryWords.TryGetValue(token, out var category))
            {
                categoryWordsSeen.Add(token);
                if (category.AlsoTerm)
                {
                    terms.Add(token);
                }

                continue;
            }

            if (brandWords.TryGetValue(token, out var brand))
            {
                if (!brands.Contains(brand))
                {
                    brands.Add(brand);
                }

                continue;
            }

            var capacity = Capacity().Match(token);
            if (capacity.Success)
            {
                var number = int.Parse(capacity.Groups[1].Value, CultureInfo.InvariantCulture);
                capacities.Add((number, capacity.Groups[2].Value.StartsWith('t'), position));
                continue;
            }

            terms.Add(token);
        }

        // Head-final: the last category word is the thing wanted; earlier ones describe it (32G内存 笔记本).
        var head = categoryWordsSeen.Count > 0 ? CategoryWords[categoryWordsSeen[^1]].Category : null;
        var qualifiers = categoryWordsSeen.Take(categoryWordsSeen.Count - 1).Select(w => CategoryWords[w].Category).ToHashSet();
        int? ram = null, storage = null, vram = null;
        foreach (var (gigabytes, terabytes, position) in capacities)
        {
            var next = position + 1 < tokens.Count ? tokens[position + 1] : null;
            if (terabytes)
            {
                storage = gigabytes * 1024;
            }
            else if (next == "显存" || head == "gpu")
            {
                vram = gigabytes;
            }
            else if (head == "storage" || qualifiers.Contains("storage") || next is "硬盘" or "固态" or "ssd")
            {
                storage = gigabytes;
            }
            else if (head is "laptop" or "desktop" or "memory" || qualifiers.Contains("memory") || next is "内存" or "运存")
            {
                ram = gigabytes;
            }
            else
            {
                terms.Add(gigabytes + "g");
            }
        }

        terms.Remove("显存");
        var preferred = categoryWordsSeen.Take(categoryWordsSeen.Count - 1).Where(w => CategoryWords[w].Category != head).ToList();
        return new ParsedQuery(head, brands, ram, storage, vram, minPrice, maxPrice, terms.Distinct().ToList()) { Preferred = preferred };
    }

    /// <summary>Splits at spaces and at Latin/CJK boundaries, then segments CJK runs by longest known word.</summary>
    internal static List<string> Tokenise(string normalised, IReadOnlyDictionary<string, string> brandWords)
    {
        var tokens = new List<string>();
        foreach (var chunk in normalised.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (Match run in ScriptRuns().Matches(chunk))
            {
                if (IsCjk(run.Value[0]))
                {
                    Segment(run.Value, brandWords, tokens);
                }
                else
                {
                    tokens.Add(run.Value.Trim('-', '.', '+'));
                }
            }
        }

        tokens.RemoveAll(t => t.Length == 0);
        return tokens;
    }

    private static void Segment(string run, IReadOnlyDictionary<string, string> brandWords, List<string> tokens)
    {
        var unknown = new StringBuilder();
        var index = 0;
        while (index < run.Length)
        {
            var matched = LongestKnownWord(run, index, brandWords);
            if (matched > 0)
            {
                if (unknown.Length > 0)
                {
                    tokens.Add(unknown.ToString());
                    unknown.Clear();
                }

                tokens.Add(run.Substring(index, matched));
                index += matched;
            }
            else
            {
                unknown.Append(run[index]);
                index++;
            }
        }

        if (unknown.Length > 0)
        {
            tokens.Add(unknown.ToString());
        }
    }

    private static int LongestKnownWord(string run, int start, IReadOnlyDictionary<string, string> brandWords)
    {
        for (var length = Math.Min(6, run.Length - start); length >= 1; length--)
        {
            var candidate = run.Substring(start, length);
            if (CategoryWords.ContainsKey(candidate) || brandWords.ContainsKey(candidate)
                || StopWords.Contains(candidate) || DomainWords.Contains(candidate))
            {
                return length;
            }
        }

        return 0;
    }

    private static Dictionary<string, string> BrandWords(CatalogSnapshot catalog)
    {
        var words = new Dictionary<string, string>(StringComparer.Ordinal) { ["苹果"] = "apple" };
        foreach (var brand in catalog.Brands)
        {
            words[Normalise(brand.Name).Trim()] = brand.Code;
            words[brand.Code.ToLowerInvariant()] = brand.Code;
            if (brand.EnglishName is { Length: > 0 } english)
            {
                words[Normalise(english).Trim()] = brand.Code;
            }
        }

        words.Remove("");
        return words.Where(w => catalog.Brands.Any(b => b.Code == w.Value)).ToDictionary();
    }

    /// <summary>Reads and removes price phrases: 5000元以内, 预算8000, 3000-5000元, 1万以上.</summary>
    private static (long? Min, long? Max) ReadPrice(ref string text)
    {
        var range = PriceRange().Match(text);
        if (range.Success)
        {
            var low = Yuan(range.Groups["a"].Value, range.Groups["ua"].Value);
            var high = Yuan(range.Groups["b"].Value, range.Groups["ub"].Value);
            if (low >= 100_00 && high > low)
            {
                text = text.Remove(range.Index, range.Length).Insert(range.Index, " ");
                return (low, high);
            }
        }

        var bound = PriceBound().Match(text);
        if (!bound.Success)
        {
            return (null, null);
        }

        var amount = Yuan(bound.Groups["n"].Value, bound.Groups["u"].Value);
        text = text.Remove(bound.Index, bound.Length).Insert(bound.Index, " ");
        return bound.Groups["q"].Value == "以上" ? (amount, null) : (null, amount);
    }

    private static long Yuan(string number, string unit) =>
        (long)(decimal.Parse(number, CultureInfo.InvariantCulture) * (unit is "万" or "w" ? 10_000 : 1) * 100);

    private static bool IsCjk(char character) => character >= 0x2E80;

    [GeneratedRegex(@"\s+")]
    private static partial Regex MultipleSpaces();

    [GeneratedRegex(@"[\u2E80-\uFFFF]+|[^\u2E80-\uFFFF]+")]
    private static partial Regex ScriptRuns();

    [GeneratedRegex(@"^(\d{1,4})(g|gb|t|tb)$")]
    private static partial Regex Capacity();

    [GeneratedRegex(@"(?<![a-z0-9.])(?<a>\d+(?:\.\d+)?)\s*(?<ua>万|w)?\s*(?:元|块)?\s*(?:-|到|至)\s*(?<b>\d+(?:\.\d+)?)\s*(?<ub>万|w)?\s*(?:元|块)?(?![a-z0-9])")]
    private static partial Regex PriceRange();

    [GeneratedRegex(@"(?:预算\s*(?<n>\d+(?:\.\d+)?)\s*(?<u>万|w)?\s*(?:元|块)?|(?<![a-z0-9.])(?<n>\d+(?:\.\d+)?)\s*(?<u>万|w)?\s*(?:元|块)|(?<![a-z0-9.])(?<n>\d+(?:\.\d+)?)\s*(?<u>万|w)?\s*(?=以内|以下|以上))\s*(?<q>以内|以下|以上|内)?")]
    private static partial Regex PriceBound();
}
