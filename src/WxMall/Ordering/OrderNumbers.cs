using System.Globalization;
using System.Security.Cryptography;
using WxMall.Storefront;

namespace WxMall.Ordering;

/// <summary>
/// Order numbers double as WeChat Pay <c>out_trade_no</c> (6–32 characters, letters and digits, unique per merchant),
/// with room for the <c>P2</c> / <c>R1</c> suffixes of later payment attempts and refunds: <c>WX</c> + the China-time
/// timestamp to the second + a 4-digit instance code + an 8-digit sequence, 28 characters in all.
/// <para>
/// The sequence makes numbers unique within a running store by construction: 8 random digits, as before, collided
/// about once in a 10-second burst at 1,800 orders a second (a birthday collision), and the unlucky checkout failed.
/// The sequence is scrambled by a per-process bijection, so consecutive orders do not reveal the store's volume; the
/// random instance code keeps two store instances (or a restart within the same second) apart.
/// </para>
/// </summary>
public static class OrderNumbers
{
    private const long SequenceSpace = 100_000_000;
    private static readonly int Instance = RandomNumberGenerator.GetInt32(0, 10_000);
    private static readonly long Offset = RandomNumberGenerator.GetInt32(0, (int)SequenceSpace);

    // Coprime with 10, so multiplying by it permutes the 8-digit space.
    private static readonly long Multiplier = PickMultiplier();
    private static long sequence = -1;

    public static string Next(DateTimeOffset now)
    {
        var position = Interlocked.Increment(ref sequence) % SequenceSpace;
        var scrambled = (position * Multiplier + Offset) % SequenceSpace;
        return "WX" + now.ToOffset(Money.ChinaOffset).ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture)
            + Instance.ToString("D4", CultureInfo.InvariantCulture) + scrambled.ToString("D8", CultureInfo.InvariantCulture);
    }

    public static bool IsValid(string? number) =>
        number is { Length: >= 6 and <= 32 } && number.All(char.IsAsciiLetterOrDigit);

    private static long PickMultiplier()
    {
        while (true)
        {
            var candidate = RandomNumberGenerator.GetInt32(1_000_001, (int)SequenceSpace);
            if (candidate % 2 != 0 && candidate % 5 != 0)
            {
                return candidate;
            }
        }
    }
}
