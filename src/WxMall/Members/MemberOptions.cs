namespace WxMall.Members;

public sealed class PointsOptions
{
    public const string Section = "Members:Points";

    /// <summary>Points earned per yuan paid.</summary>
    public int EarnedPerYuan { get; set; } = 1;

    /// <summary>Value of one point at checkout, in fen (1 → 100 points = ¥1).</summary>
    public int FenPerPoint { get; set; } = 1;

    /// <summary>At most this share of the goods amount can be paid with points.</summary>
    public int MaxRedeemPercent { get; set; } = 20;

    public long EarnedFor(long paidFen) => paidFen / 100 * EarnedPerYuan;
}
