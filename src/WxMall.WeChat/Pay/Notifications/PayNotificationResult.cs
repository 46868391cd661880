using WxMall.WeChat.Pay.Crypto;

namespace WxMall.WeChat.Pay.Notifications;

/// <summary>The outcome of parsing a notification: the typed value, or a typed reason. Never an exception.</summary>
/// <typeparam name="TNotification">The notification record.</typeparam>
public sealed class PayNotificationResult<TNotification>
    where TNotification : class
{
    internal PayNotificationResult(TNotification? value, PayFailureReason? failure, string message)
    {
        Value = value;
        Failure = failure;
        Message = message;
    }

    /// <summary>True when verified, decrypted and read.</summary>
    public bool IsSuccess => Failure is null;

    /// <summary>The notification; null on failure.</summary>
    public TNotification? Value { get; }

    /// <summary>Why it was refused; answer WeChat Pay with a 4xx/5xx so it retries (or gives up on a probe).</summary>
    public PayFailureReason? Failure { get; }

    /// <summary>A sentence for logs; never contains key material or the decrypted content.</summary>
    public string Message { get; }
}

/// <summary>Builds <see cref="PayNotificationResult{TNotification}"/> values.</summary>
public static class PayNotificationResult
{
    /// <summary>A parsed notification.</summary>
    public static PayNotificationResult<TNotification> Success<TNotification>(TNotification value)
        where TNotification : class
    {
        ArgumentNullException.ThrowIfNull(value);
        return new PayNotificationResult<TNotification>(value, null, "ok");
    }

    /// <summary>A refused notification.</summary>
    public static PayNotificationResult<TNotification> Refused<TNotification>(PayFailureReason reason, string message)
        where TNotification : class =>
        new(null, reason, message);
}
