namespace WxMall.WeChat.Pay.Crypto;

/// <summary>The outcome of a signature check: valid, or refused with a typed reason.</summary>
public sealed record PayCheck
{
    private PayCheck(PayFailureReason? failure, string message, string? serial)
    {
        Failure = failure;
        Message = message;
        Serial = serial;
    }

    /// <summary>True when the signature verified.</summary>
    public bool IsValid => Failure is null;

    /// <summary>Why the check failed; null when it passed.</summary>
    public PayFailureReason? Failure { get; }

    /// <summary>A sentence for logs and the command line; never contains key material.</summary>
    public string Message { get; }

    /// <summary>The serial (platform certificate serial or public key id) that verified the signature.</summary>
    public string? Serial { get; }

    /// <summary>A passed check.</summary>
    public static PayCheck Valid(string serial) => new(null, "signature ok", serial);

    /// <summary>A refused check.</summary>
    public static PayCheck Refused(PayFailureReason reason, string message) => new(reason, message, null);
}
