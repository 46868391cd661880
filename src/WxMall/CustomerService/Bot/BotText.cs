using System.Text;
using System.Text.RegularExpressions;

namespace WxMall.CustomerService.Bot;

/// <summary>Puts shopper text into one form before the model or the parsers see it.</summary>
public static partial class BotText
{
    /// <summary>
    /// NFKC (full-width letters, digits and punctuation → half-width), lower case, runs of whitespace → one space.
    /// Long digit runs (order numbers, phones) become <c>#</c>: their exact digits never help the classifier, and
    /// unseen ones would otherwise add noise n-grams.
    /// </summary>
    public static string Normalise(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }

        var normalised = text.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        normalised = LongDigitRun().Replace(normalised, "#");
        return Whitespace().Replace(normalised, " ").Trim();
    }

    /// <summary>Like <see cref="Normalise"/> but keeps every digit, for the parsers that read amounts and models.</summary>
    public static string NormaliseKeepingDigits(string? text) =>
        string.IsNullOrWhiteSpace(text)
            ? ""
            : Whitespace().Replace(text.Normalize(NormalizationForm.FormKC).ToLowerInvariant(), " ").Trim();

    [GeneratedRegex(@"\d{7,}")]
    private static partial Regex LongDigitRun();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
