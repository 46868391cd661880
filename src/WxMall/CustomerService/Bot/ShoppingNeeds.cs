namespace WxMall.CustomerService.Bot;

/// <summary>
/// What a shopper asking for a recommendation wants, as far as the message says.
/// <paramref name="Category"/> and <paramref name="Brand"/> are catalog codes (laptop, lenovo);
/// <paramref name="Use"/> is one of 游戏, 办公, 设计, 学生; <paramref name="Gpu"/> is a chip as the catalog writes it (RTX 4060).
/// </summary>
public sealed record ShoppingNeeds(
    string? Category,
    long? BudgetMinFen,
    long? BudgetMaxFen,
    string? Use,
    string? Gpu,
    decimal? ScreenInches,
    int? MemoryGb,
    string? Brand,
    IReadOnlyList<string> Unparsed)
{
    public static readonly ShoppingNeeds None = new(null, null, null, null, null, null, null, null, []);
}
