using System.Text.Json;
using WxMall.WeChat.Pay.Crypto;

namespace WxMall.WeChat.Pay.Client;

/// <summary>A Pay v3 failure returned as data.</summary>
public sealed record PayError
{
    /// <summary>Where it went wrong.</summary>
    public required PayErrorKind Kind { get; init; }

    /// <summary>
    /// WeChat Pay's <c>code</c> (<c>ORDER_NOT_EXIST</c>, <c>SYSTEM_ERROR</c>, …) for <see cref="PayErrorKind.WeChatPay"/>;
    /// otherwise the name of the local failure.
    /// </summary>
    public required string Code { get; init; }

    /// <summary>WeChat Pay's <c>message</c>, or a local explanation.</summary>
    public required string Message { get; init; }

    /// <summary>HTTP status of the response (0 when no response was read).</summary>
    public int HttpStatus { get; init; }

    /// <summary>WeChat Pay's <c>detail</c> object, when present.</summary>
    public JsonElement? Detail { get; init; }

    /// <summary>The signature failure, for <see cref="PayErrorKind.UntrustedResponse"/>.</summary>
    public PayFailureReason? VerificationFailure { get; init; }

    /// <summary>
    /// True when the error response itself carried a signature that verified. WeChat Pay does not always sign
    /// error responses, so an error may be returned unverified; never act on it as if it were a success.
    /// </summary>
    public bool IsSignatureVerified { get; init; }

    /// <summary>True for codes worth retrying later with the same parameters.</summary>
    public bool IsTransient => HttpStatus >= 500 || Code is "SYSTEM_ERROR" or "BANK_ERROR" or "FREQUENCY_LIMITED";
}
