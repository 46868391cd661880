using System.Diagnostics.CodeAnalysis;

namespace WxMall.WeChat.Http;

/// <summary>How a WeChat API call ended, short of a transport fault (which throws).</summary>
public enum WeChatResultStatus
{
    /// <summary>WeChat answered with no <c>errcode</c> or <c>errcode=0</c>.</summary>
    Succeeded,

    /// <summary>WeChat answered with a non-zero <c>errcode</c>; see <see cref="WeChatResult{T}.ErrorCode"/>.</summary>
    WeChatError,

    /// <summary>A client-side daily (or per-minute) quota stopped the call before it was sent; see <see cref="WeChatResult{T}.Quota"/>.</summary>
    QuotaExceeded,

    /// <summary>WeChat answered HTTP 200 with a body that is not the documented JSON.</summary>
    MalformedResponse,
}

/// <summary>
/// The outcome of a WeChat API call: the response, a WeChat error (<c>errcode</c>/<c>errmsg</c>) returned as data,
/// or the client-side quota that stopped it. Transport faults (DNS, TLS, timeouts, HTTP 5xx after retries) throw.
/// </summary>
/// <typeparam name="T">The response type.</typeparam>
public sealed class WeChatResult<T>
    where T : class
{
    internal WeChatResult(WeChatResultStatus status, T? value, int errorCode, string? errorMessage, WeChatQuota? quota)
    {
        Status = status;
        Value = value;
        ErrorCode = errorCode;
        ErrorMessage = errorMessage;
        Quota = quota;
    }

    /// <summary>How the call ended.</summary>
    public WeChatResultStatus Status { get; }

    /// <summary>True when <see cref="Value"/> holds the response.</summary>
    [MemberNotNullWhen(true, nameof(Value))]
    public bool Succeeded => Status == WeChatResultStatus.Succeeded && Value is not null;

    /// <summary>The response when <see cref="Succeeded"/>.</summary>
    public T? Value { get; }

    /// <summary>WeChat's <c>errcode</c> (0 on success). Match on this, never on the message.</summary>
    public int ErrorCode { get; }

    /// <summary>WeChat's <c>errmsg</c>, or an explanation written by this library.</summary>
    public string? ErrorMessage { get; }

    /// <summary>The quota that stopped the call when <see cref="Status"/> is <see cref="WeChatResultStatus.QuotaExceeded"/>.</summary>
    public WeChatQuota? Quota { get; }

    /// <summary>Converts a failure to another response type (the error travels unchanged).</summary>
    /// <exception cref="InvalidOperationException">The result is a success.</exception>
    public WeChatResult<TOther> ToFailure<TOther>()
        where TOther : class =>
        Succeeded
            ? throw new InvalidOperationException("A successful result has no failure to convert.")
            : new WeChatResult<TOther>(Status, null, ErrorCode, ErrorMessage, Quota);

    /// <inheritdoc />
    public override string ToString() => Status switch
    {
        WeChatResultStatus.Succeeded => "succeeded",
        WeChatResultStatus.QuotaExceeded => $"stopped by the client-side quota {Quota?.Name}",
        _ => $"{Status}: {ErrorCode} {ErrorMessage}",
    };
}

/// <summary>Factories for <see cref="WeChatResult{T}"/>.</summary>
public static class WeChatResult
{
    /// <summary>A success.</summary>
    public static WeChatResult<T> Success<T>(T value)
        where T : class => new(WeChatResultStatus.Succeeded, value ?? throw new ArgumentNullException(nameof(value)), 0, null, null);

    /// <summary>A WeChat error returned as data.</summary>
    public static WeChatResult<T> Error<T>(int errorCode, string? errorMessage)
        where T : class => new(WeChatResultStatus.WeChatError, null, errorCode, errorMessage, null);

    /// <summary>A call stopped by a client-side quota.</summary>
    public static WeChatResult<T> QuotaExceeded<T>(WeChatQuota quota)
        where T : class => new(WeChatResultStatus.QuotaExceeded, null, 45009, $"Client-side quota '{quota?.Name}' ({quota?.Limit} per {quota?.Window}) is used up; it resets at the start of the next window.", quota);

    /// <summary>A response that is not the documented JSON.</summary>
    public static WeChatResult<T> Malformed<T>(string detail)
        where T : class => new(WeChatResultStatus.MalformedResponse, null, 0, detail, null);
}
