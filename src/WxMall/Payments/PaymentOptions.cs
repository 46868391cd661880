namespace WxMall.Payments;

public sealed class PaymentOptions
{
    public const string Section = "Payments";

    /// <summary>A payment is not started when the order has less time than this left before it cancels itself.</summary>
    public TimeSpan MinimumTimeToPay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The pay-result page may ask WeChat about one attempt at most this often.</summary>
    public TimeSpan QueryInterval { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How long after a refund is accepted to ask about it if no notification came.</summary>
    public TimeSpan RefundCheckDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How many times to ask about a refund still processing before leaving it to reconciliation.</summary>
    public int RefundChecks { get; set; } = 12;

    /// <summary>China time of day the previous day's bill is reconciled (WeChat publishes it after 10:00).</summary>
    public TimeSpan ReconciliationTimeOfDay { get; set; } = TimeSpan.FromHours(10.5);

    /// <summary>
    /// Maps <c>POST /bench/pay/verify-only</c>, which verifies and decrypts a notification and does nothing else: the
    /// baseline bench/pay-notify-load.sh compares the real endpoint with. Off unless a benchmark turns it on.
    /// </summary>
    public bool BenchmarkBaseline { get; set; }

    /// <summary>Run the daily reconciliation job at all (off in tests that drive it by hand).</summary>
    public bool ReconcileDaily { get; set; } = true;
}
