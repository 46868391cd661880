using System.Security.Cryptography;
using WxMall.Storefront;

namespace WxMall.Ordering;

/// <summary>
/// Order numbers double as WeChat Pay <c>out_trade_no</c> (6–32 characters, letters and digits, unique per merchant):
/// <c>WX</c> + the China-time timestamp to the second + 8 random digits, 24 characters in all.
/// </summary>
public static class OrderNumbers
{

    public static string Next(DateTimeOffset now) =>
        "WX" + now.ToOffset(Money.ChinaOffset).ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture)
        + RandomNumberGenerator.GetInt32(0, 100_000_000).ToString("D8", System.Globalization.CultureInfo.InvariantCulture);

    public static bool IsValid(string? number) =>
        number is { Length: >= 6 and <= 32 } && number.All(char.IsAsciiLetterOrDigit);
}
