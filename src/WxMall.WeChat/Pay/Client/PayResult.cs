namespace WxMall.WeChat.Pay.Client;

/// <summary>The outcome of a Pay v3 call: a verified response, or a <see cref="PayError"/>. Transport faults throw.</summary>
/// <typeparam name="TResponse">The endpoint's response record.</typeparam>
public sealed class PayResult<TResponse>
    where TResponse : class
{
    internal PayResult(TResponse? value, PayError? error, int httpStatus, string? requestId)
    {
        Value = value;
        Error = error;
        HttpStatus = httpStatus;
        RequestId = requestId;
    }

    /// <summary>True when the response was verified and read.</summary>
    public bool IsSuccess => Error is null;

    /// <summary>The response; null on failure.</summary>
    public TResponse? Value { get; }

    /// <summary>The failure; null on success.</summary>
    public PayError? Error { get; }

    /// <summary>HTTP status of the last response.</summary>
    public int HttpStatus { get; }

    /// <summary>WeChat Pay's <c>Request-ID</c> header: quote it when asking WeChat Pay support.</summary>
    public string? RequestId { get; }
}

/// <summary>Builds <see cref="PayResult{TResponse}"/> values.</summary>
public static class PayResult
{
    /// <summary>A success.</summary>
    public static PayResult<TResponse> Success<TResponse>(TResponse value, int httpStatus, string? requestId)
        where TResponse : class
    {
        ArgumentNullException.ThrowIfNull(value);
        return new PayResult<TResponse>(value, null, httpStatus, requestId);
    }

    /// <summary>A failure.</summary>
    public static PayResult<TResponse> Failure<TResponse>(PayError error, string? requestId)
        where TResponse : class
    {
        ArgumentNullException.ThrowIfNull(error);
        return new PayResult<TResponse>(null, error, error.HttpStatus, requestId);
    }
}
