namespace WxMall.WeChatEmulator.Hosting;

/// <summary>A rule that makes calls to a path fail or slow down, set through the control API.</summary>
public sealed record FaultRule
{
    /// <summary>Path prefix the rule applies to, e.g. <c>/cgi-bin/message/template/send</c> or <c>/v3/pay/transactions</c>.</summary>
    public required string PathPrefix { get; init; }

    /// <summary>api.weixin.qq.com paths: the errcode to answer (HTTP 200).</summary>
    public int? ErrorCode { get; init; }

    /// <summary>/v3 paths: the code (e.g. SYSTEM_ERROR) and HTTP status to answer, signed.</summary>
    public string? PayCode { get; init; }

    public int? HttpStatus { get; init; }

    public int LatencyMilliseconds { get; init; }

    /// <summary>How many calls to affect; null means until cleared.</summary>
    public int? Remaining { get; set; }
}

/// <summary>How payment and refund notifications misbehave, set through the control API.</summary>
public sealed record NotificationFaults
{
    public bool Drop { get; init; }

    public bool Duplicate { get; init; }

    /// <summary>Deliver each notification after this delay (on top of the schedule), so later events can overtake earlier ones.</summary>
    public int HoldMilliseconds { get; init; }

    public bool ForgeSignature { get; init; }

    /// <summary>Send a <c>WECHATPAY/SIGNTEST/</c> probe before each genuine notification.</summary>
    public bool SignTestProbe { get; init; }

    /// <summary>
    /// Hold the next N notifications (counted from when this is set) and then deliver them in reverse order, each one's
    /// first POST answered before the next starts. Setting faults again or clearing them releases any still held.
    /// </summary>
    public int Reorder { get; init; }
}

/// <summary>The active faults: path rules, notification behaviour and the clock skew of signatures.</summary>
public sealed class FaultBook
{
    private readonly Lock gate = new();
    private readonly List<FaultRule> rules = [];

    public NotificationFaults Notifications { get; set; } = new();

    /// <summary>Added to the <c>Wechatpay-Timestamp</c> of responses and notifications.</summary>
    public TimeSpan ClockSkew { get; set; }

    /// <summary>Sign Pay responses with a <c>WECHATPAY/SIGNTEST/</c> probe signature.</summary>
    public bool SignTestResponses { get; set; }

    /// <summary>Sign Pay responses with a wrong signature.</summary>
    public bool ForgeResponseSignatures { get; set; }

    public void Add(FaultRule rule)
    {
        lock (gate)
        {
            rules.Add(rule);
        }
    }

    public IReadOnlyList<FaultRule> Rules()
    {
        lock (gate)
        {
            return [.. rules];
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            rules.Clear();
        }

        Notifications = new NotificationFaults();
        ClockSkew = TimeSpan.Zero;
        SignTestResponses = false;
        ForgeResponseSignatures = false;
    }

    /// <summary>The first rule matching the path, counting one use.</summary>
    public FaultRule? Take(string path)
    {
        lock (gate)
        {
            var rule = rules.Find(item => path.StartsWith(item.PathPrefix, StringComparison.Ordinal));
            if (rule is null)
            {
                return null;
            }

            if (rule.Remaining is not null && --rule.Remaining <= 0)
            {
                rules.Remove(rule);
            }

            return rule;
        }
    }
}
