namespace WxMall.CustomerService.Bot;

/// <summary>What a shopper's message to the official account is about.</summary>
public enum Intent
{
    OrderStatus,
    Shipping,
    ReturnRefund,
    Invoice,
    ProductRecommend,
    ProductSpec,
    PricePromotion,
    WarrantyRepair,
    PaymentIssue,
    StorePickup,
    HumanAgent,
    Greeting,
    Other,
}

/// <summary>The wire names of <see cref="Intent"/> (order_status, …), as used in the data files, the command line and reports.</summary>
public static class Intents
{
    private static readonly string[] WireNames =
    [
        "order_status", "shipping", "return_refund", "invoice", "product_recommend", "product_spec", "price_promotion",
        "warranty_repair", "payment_issue", "store_pickup", "human_agent", "greeting", "other",
    ];

    /// <summary>Every intent, in enum order (the order of the model's scores).</summary>
    public static IReadOnlyList<Intent> All { get; } = Enum.GetValues<Intent>();

    public static string WireName(Intent intent) => WireNames[(int)intent];

    public static bool TryParse(string wireName, out Intent intent)
    {
        var index = Array.IndexOf(WireNames, wireName?.Trim().ToLowerInvariant());
        intent = index >= 0 ? (Intent)index : Intent.Other;
        return index >= 0;
    }
}
