using System.Globalization;

namespace WxMall.WeChat.Crypto;

/// <summary>Outcome of checking the <c>timestamp</c> of a signed callback against the local clock.</summary>
public enum TimestampCheck
{
    /// <summary>The timestamp is inside the accepted window.</summary>
    WithinWindow,

    /// <summary>The timestamp is not a decimal number of Unix seconds.</summary>
    NotANumber,

    /// <summary>The timestamp is further from the local clock than the window allows (replay or clock skew).</summary>
    OutsideWindow,
}

/// <summary>Checks callback timestamps (Unix seconds) against a clock window, reading time from a <see cref="TimeProvider"/>.</summary>
public static class SignatureTimestamp
{
    /// <summary>The window used by WeChat Pay and adopted by WxMall for every inbound callback: five minutes each way.</summary>
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromMinutes(5);

    /// <summary>Checks that <paramref name="timestamp"/> is within <paramref name="window"/> of <paramref name="now"/>.</summary>
    public static TimestampCheck Check(string? timestamp, DateTimeOffset now, TimeSpan window)
    {
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return TimestampCheck.NotANumber;
        }

        var difference = Math.Abs(now.ToUnixTimeSeconds() - seconds);
        return difference <= (long)window.TotalSeconds ? TimestampCheck.WithinWindow : TimestampCheck.OutsideWindow;
    }
}
