using System.Globalization;
using System.Text.RegularExpressions;

namespace WxMall.CustomerService.Bot;

/// <summary>
/// Reads a budget out of a normalised message whose Chinese numerals are already digits:
/// 6000左右 (±15%), 5000-7000, 5-7k, 5k以内, 不超过8000, 10000出头, 预算6千, 1万5, 3000块.
/// </summary>
internal static partial class BudgetReader
{
    /// <summary>How far "about" reaches either side of the amount.</summary>
    public const decimal AroundBand = 0.15m;

    private const string Amount = @"(?<!\d|[a-z.])(?<n{0}>\d+(?:\.\d+)?)\s*(?<u{0}>k|千|w|万)?(?<t{0}>\d(?!\d))?\s*(?:元|块钱|块|rmb|¥)?";

    public static (long? MinFen, long? MaxFen, string Remaining) Read(string text)
    {
        foreach (var (pattern, kind) in Patterns)
        {
            var match = pattern.Match(text);
            if (!match.Success)
            {
                continue;
            }

            var first = Yuan(match, "1");
            var second = kind == Kind.Range ? Yuan(match, "2") : null;
            if (first is null || (kind == Kind.Range && second is null))
            {
                continue;
            }

            // 5-7k, 5到7千: the unit written once, after the second number, belongs to both.
            if (kind == Kind.Range && match.Groups["u1"].Length == 0 && match.Groups["u2"].Length > 0 && first < 100)
            {
                first *= Multiplier(match.Groups["u2"].Value);
            }

            // A bare "2k"/"4k" is a screen resolution, not money, unless a budget word frames it.
            if (kind == Kind.Bare && match.Groups["u1"].Value == "k")
            {
                continue;
            }

            (decimal? min, decimal? max) = kind switch
            {
                Kind.Range => (Math.Min(first.Value, second!.Value), Math.Max(first.Value, second.Value)),
                Kind.AtMost => ((decimal?)null, (decimal?)first.Value),
                Kind.AtLeast => (first.Value, null),
                Kind.JustOver => (first.Value, first.Value * 1.2m),
                _ => (first.Value * (1 - AroundBand), first.Value * (1 + AroundBand)),
            };
            if (min is < 100 || max is < 100 or > 1_000_000)
            {
                continue;
            }

            var rest = text.Remove(match.Index, match.Length).Insert(match.Index, " ");
            return (ToFen(min), ToFen(max), rest);
        }

        return (null, null, text);
    }

    private static decimal? Yuan(Match match, string index)
    {
        var number = match.Groups["n" + index];
        if (!number.Success || !decimal.TryParse(number.Value, NumberStyles.Number, CultureInfo.InvariantCulture, out var value))
        {
            return null;
        }

        var unit = match.Groups["u" + index].Value;
        var multiplier = Multiplier(unit);
        var tail = match.Groups["t" + index].Value;
        if (tail.Length > 0)
        {
            if (multiplier == 1)
            {
                return null;
            }

            // 1万5 = 15000, 6千5 = 6500.
            value += decimal.Parse(tail, CultureInfo.InvariantCulture) / 10;
        }

        return value * multiplier;
    }

    private static decimal Multiplier(string unit) => unit switch
    {
        "k" or "千" => 1000,
        "w" or "万" => 10_000,
        _ => 1,
    };

    private static long? ToFen(decimal? yuan) => yuan is { } value ? (long)Math.Round(value * 100, MidpointRounding.AwayFromZero) : null;

    private enum Kind
    {
        Range,
        AtMost,
        AtLeast,
        JustOver,
        Around,
        Bare,
    }

    /// <summary>The amount pattern with its groups numbered (n1, u1, t1), so one regex can hold two amounts.</summary>
    private static string A(int index) => Amount.Replace("{0}", index.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);

    private static readonly (Regex Pattern, Kind Kind)[] Patterns =
    [
        (new Regex(A(1) + @"\s*(?:-|~|～|到|至|—)\s*" + A(2), RegexOptions.CultureInvariant), Kind.Range),
        (new Regex(@"(?:不超过|不超|不到|不高于|低于|少于|最多|顶多|控制在|别超过|小于)\s*" + A(1), RegexOptions.CultureInvariant), Kind.AtMost),
        (new Regex(A(1) + @"\s*(?:以内|以下|之内|内|封顶|为上限)", RegexOptions.CultureInvariant), Kind.AtMost),
        (new Regex(@"(?:至少|不低于|最少|高于|起码)\s*" + A(1), RegexOptions.CultureInvariant), Kind.AtLeast),
        (new Regex(A(1) + @"\s*(?:以上|起步)", RegexOptions.CultureInvariant), Kind.AtLeast),
        (new Regex(A(1) + @"\s*出头", RegexOptions.CultureInvariant), Kind.JustOver),
        (new Regex(A(1) + @"\s*(?:左右|上下|附近|差不多|的样子)", RegexOptions.CultureInvariant), Kind.Around),
        (new Regex(@"(?:大概|大约|差不多|约)\s*" + A(1), RegexOptions.CultureInvariant), Kind.Around),
        (new Regex(@"预算\s*(?:是|有|在|大概|大约|为|:)?\s*" + A(1), RegexOptions.CultureInvariant), Kind.AtMost),
        (new Regex(A(1) + @"\s*(?:的)?预算", RegexOptions.CultureInvariant), Kind.AtMost),
        (new Regex(@"(?<![a-z])(?<n1>\d+(?:\.\d+)?)\s*(?<u1>千|w|万|k)(?<t1>\d(?!\d))?\s*(?:元|块钱|块)?|(?<![a-z\d.])(?<n1>\d+(?:\.\d+)?)\s*(?:元|块钱|块)|(?<![a-z\d.])(?<n1>[1-9]\d{3,4})(?![\d.]|\s*(?:g|t|hz|mah|w|p|x))", RegexOptions.CultureInvariant), Kind.Bare),
    ];
}
