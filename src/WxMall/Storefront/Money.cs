using System.Globalization;

namespace WxMall.Storefront;

/// <summary>How amounts (integer fen) are written on pages.</summary>
public static class Money
{
    /// <summary>599900 → ¥5,999.00.</summary>
    public static string Yuan(long fen) =>
        (fen < 0 ? "-¥" : "¥") + (Math.Abs(fen) / 100m).ToString("#,0.00", CultureInfo.InvariantCulture);

    /// <summary>Fen as yuan in chat text, without the symbol or empty cents: 599900 → 5,999, 599950 → 5,999.50.</summary>
    public static string Plain(long fen) => fen % 100 == 0
        ? (fen / 100).ToString("#,0", CultureInfo.InvariantCulture)
        : (fen / 100m).ToString("#,0.00", CultureInfo.InvariantCulture);

    /// <summary>China Standard Time, the shoppers' and the merchant's clock.</summary>
    public static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    /// <summary>The calendar day at <paramref name="at"/> in China: what "today" and daily figures mean to the merchant.</summary>
    public static DateOnly ChinaDay(DateTimeOffset at) => DateOnly.FromDateTime(at.ToOffset(ChinaOffset).DateTime);

    public static string Time(DateTimeOffset at) =>
        at.ToOffset(ChinaOffset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
