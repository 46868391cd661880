namespace WxMall.CustomerService.Bot;

/// <summary>One product the bot suggests: the SKU that fits best, its live price, and why it fits (Chinese, for the reply).</summary>
public sealed record Recommendation(
    long ProductId, long SkuId, string Title, long PriceFen, string Reason, string ImageUrl, string ProductPath);
