using System.Globalization;
using System.Text.RegularExpressions;

namespace WxMall.CustomerService.Bot;

/// <summary>Rewrites Chinese money numerals as digits: 八千 → 8000, 一万五 → 15000, 两万 → 20000, 六千五 → 6500.</summary>
internal static partial class ChineseNumbers
{
    private static readonly Dictionary<char, int> Digits = new()
    {
        ['零'] = 0, ['〇'] = 0, ['一'] = 1, ['二'] = 2, ['两'] = 2, ['三'] = 3, ['四'] = 4,
        ['五'] = 5, ['六'] = 6, ['七'] = 7, ['八'] = 8, ['九'] = 9,
    };

    private static readonly Dictionary<char, int> Units = new() { ['十'] = 10, ['百'] = 100, ['千'] = 1000, ['万'] = 10_000 };

    /// <summary>Only runs holding a magnitude (十百千万) are rewritten, and only to plausible prices, so 一下 and 千万 stay words.</summary>
    public static string ToDigits(string text) => Numeral().Replace(text, match =>
        Value(match.Value) is { } value && value is >= 100 and <= 1_000_000
            ? value.ToString(CultureInfo.InvariantCulture)
            : match.Value);

    /// <summary>The value of a numeral such as 一万五千 or 三千五, or null when it is not one.</summary>
    internal static long? Value(string numeral)
    {
        long total = 0, section = 0, digit = 0;
        var lastUnit = 0;
        var pendingDigit = false;
        foreach (var character in numeral)
        {
            if (Digits.TryGetValue(character, out var d))
            {
                digit = d;
                pendingDigit = true;
            }
            else if (Units.TryGetValue(character, out var unit))
            {
                if (unit == 10_000)
                {
                    total = (total + section + (pendingDigit ? digit : 0)) * unit;
                    section = 0;
                }
                else
                {
                    section += (pendingDigit ? digit : 1) * unit;
                }

                lastUnit = unit;
                digit = 0;
                pendingDigit = false;
            }
            else
            {
                return null;
            }
        }

        if (lastUnit == 0)
        {
            return null;
        }

        // A trailing digit right after a unit is the next unit down, as people say prices: 一万五 = 15000, 六千五 = 6500.
        var trailing = pendingDigit ? digit * (lastUnit >= 1000 ? lastUnit / 10 : 1) : 0;
        if (pendingDigit && lastUnit == 10)
        {
            trailing = digit;
        }

        return total + section + trailing;
    }

    [GeneratedRegex(@"(?<![\d.])[零〇一二两三四五六七八九十百千万]*[十百千万][零〇一二两三四五六七八九十百千万]*")]
    private static partial Regex Numeral();
}
