namespace WxMall.Ordering;

public sealed class OrderOptions
{
    public const string Section = "Orders";

    /// <summary>An unpaid order cancels itself, releasing its stock, after this long.</summary>
    public TimeSpan PaymentTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Express shipping fee below the free-shipping threshold, in fen.</summary>
    public long ShippingFeeFen { get; set; } = 10_00;

    public long FreeShippingFromFen { get; set; } = 99_00;

    public int MaxLinesPerOrder { get; set; } = 20;

    public int MaxQuantityPerLine { get; set; } = 99;
}
