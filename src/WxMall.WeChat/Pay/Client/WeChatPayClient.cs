using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using WxMall.WeChat.Pay.Crypto;

namespace WxMall.WeChat.Pay.Client;

/// <summary>
/// Typed WeChat Pay API v3 client (direct merchant). Every request is signed; every response's signature is
/// verified before its content is returned; WeChat Pay errors come back as <see cref="PayError"/>; only
/// transport faults throw. 5xx and <c>SYSTEM_ERROR</c> are retried with jittered back-off, business 4xx never.
/// </summary>
public sealed partial class WeChatPayClient
{
    private readonly HttpClient httpClient;
    private readonly WeChatPayOptions options;
    private readonly WeChatPayKeyStore keys;
    private readonly WeChatPaySignatureVerifier verifier;
    private readonly TimeProvider timeProvider;
    private readonly ILogger logger;
    private readonly Func<string> nonceFactory;
    private readonly Random jitter;

    /// <summary>Creates a client. <paramref name="nonceFactory"/> and <paramref name="jitter"/> exist for tests.</summary>
    public WeChatPayClient(
        HttpClient httpClient,
        WeChatPayOptions options,
        WeChatPayKeyStore keys,
        TimeProvider timeProvider,
        ILogger<WeChatPayClient>? logger = null,
        Func<string>? nonceFactory = null,
        Random? jitter = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(timeProvider);
        this.httpClient = httpClient;
        this.options = options;
        this.keys = keys;
        this.timeProvider = timeProvider;
        verifier = new WeChatPaySignatureVerifier(keys.VerifierKeys, timeProvider);
        this.logger = logger ?? NullLogger<WeChatPayClient>.Instance;
        this.nonceFactory = nonceFactory ?? PayNonce.Create;
        this.jitter = jitter ?? Random.Shared;
    }

    /// <summary>
    /// Signs the parameters for <c>getBrandWCPayRequest</c> / <c>wx.requestPayment</c> / <c>wx.chooseWXPay</c>
    /// from a prepay id (JSAPI and mini-program).
    /// </summary>
    public ClientPaymentParameters CreateClientPaymentParameters(string prepayId, string? appId = null) =>
        ClientPaymentSigner.Create(keys.MerchantKey, appId ?? options.DefaultAppId, prepayId, timeProvider.GetUtcNow(), nonceFactory());

    private static string Escape(string value) => Uri.EscapeDataString(value);

    private Task<PayResult<TResponse>> SendJsonAsync<TResponse>(
        HttpMethod method, string pathAndQuery, object? body, CancellationToken cancellationToken)
        where TResponse : class =>
        SendAsync(method, pathAndQuery, body, ReadJson<TResponse>, cancellationToken);

    private async Task<PayResult<TResponse>> SendAsync<TResponse>(
        HttpMethod method,
        string pathAndQuery,
        object? body,
        Func<byte[], TResponse?> read,
        CancellationToken cancellationToken,
        string? wechatpaySerial = null)
        where TResponse : class
    {
        var bodyBytes = body is null ? null : JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), PayJson.Options);
        var response = await SendWithRetriesAsync(method, BuildUri(pathAndQuery), bodyBytes, wechatpaySerial, signed: true, cancellationToken);
        return Interpret(response, read);
    }

    private PayResult<TResponse> Interpret<TResponse>(PayRawResponse response, Func<byte[], TResponse?> read)
        where TResponse : class
    {
        var check = response.Signature.IsComplete || response.IsSuccessStatus
            ? verifier.Verify(response.Signature, response.Body)
            : null;
        if (!response.IsSuccessStatus)
        {
            return PayResult.Failure<TResponse>(PayErrorReading.Read(response, check?.IsValid == true), response.RequestId);
        }

        if (!check!.IsValid)
        {
            return Untrusted<TResponse>(response, check);
        }

        try
        {
            var value = read(response.Body);
            return value is null
                ? Malformed<TResponse>(response, "The response body is empty or JSON null.")
                : PayResult.Success(value, response.HttpStatus, response.RequestId);
        }
        catch (JsonException exception)
        {
            return Malformed<TResponse>(response, "The response is not the documented JSON: " + exception.Message);
        }
    }

    private PayResult<TResponse> Untrusted<TResponse>(PayRawResponse response, PayCheck check)
        where TResponse : class
    {
        logger.LogWarning(
            "WeChat Pay response {RequestId} refused: {VerificationFailure} {VerificationMessage}",
            response.RequestId,
            check.Failure,
            check.Message);
        return PayResult.Failure<TResponse>(
            new PayError
            {
                Kind = PayErrorKind.UntrustedResponse,
                Code = check.Failure.ToString()!,
                Message = check.Message,
                HttpStatus = response.HttpStatus,
                VerificationFailure = check.Failure,
            },
            response.RequestId);
    }

    private static PayResult<TResponse> Malformed<TResponse>(PayRawResponse response, string message)
        where TResponse : class =>
        PayResult.Failure<TResponse>(
            new PayError { Kind = PayErrorKind.MalformedResponse, Code = "MALFORMED_RESPONSE", Message = message, HttpStatus = response.HttpStatus },
            response.RequestId);

    private static TResponse? ReadJson<TResponse>(byte[] body) => JsonSerializer.Deserialize<TResponse>(body, PayJson.Options);

    private Uri BuildUri(string pathAndQuery)
    {
        // Keep any path prefix of the base address (an emulator may be mounted under one); sign what is sent.
        var baseText = options.BaseAddress.GetLeftPart(UriPartial.Path).TrimEnd('/');
        return new Uri(baseText + pathAndQuery, UriKind.Absolute);
    }

    private async Task<PayRawResponse> SendWithRetriesAsync(
        HttpMethod method, Uri uri, byte[]? body, string? wechatpaySerial, bool signed, CancellationToken cancellationToken)
    {
        var maximumAttempts = Math.Max(1, options.MaximumAttempts);
        for (var attempt = 1; ; attempt++)
        {
            var response = await SendOnceAsync(method, uri, body, wechatpaySerial, signed, cancellationToken);
            if (attempt >= maximumAttempts || !IsRetryable(response))
            {
                return response;
            }

            var delay = RetryDelay(attempt);
            logger.LogWarning(
                "WeChat Pay {Method} {Path} answered {Status} (request {RequestId}); attempt {Attempt} of {MaximumAttempts}, retrying in {DelayMilliseconds} ms",
                method.Method,
                uri.AbsolutePath,
                response.HttpStatus,
                response.RequestId,
                attempt,
                maximumAttempts,
                (long)delay.TotalMilliseconds);
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, timeProvider, cancellationToken);
            }
        }
    }

    private static bool IsRetryable(PayRawResponse response)
    {
        if (response.HttpStatus >= 500)
        {
            return true;
        }

        if (response.IsSuccessStatus)
        {
            return false;
        }

        // SYSTEM_ERROR is documented under 500, but retry it whatever status carries it; never other 4xx codes.
        return PayErrorReading.Read(response, isSignatureVerified: false).Code == "SYSTEM_ERROR";
    }

    private TimeSpan RetryDelay(int attempt)
    {
        var exponential = options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1);
        return TimeSpan.FromMilliseconds(exponential * (0.5 + jitter.NextDouble()));
    }

    private async Task<PayRawResponse> SendOnceAsync(
        HttpMethod method, Uri uri, byte[]? body, string? wechatpaySerial, bool signed, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, uri);
        request.Headers.TryAddWithoutValidation("Accept", "application/json");
        request.Headers.TryAddWithoutValidation("User-Agent", options.UserAgent);
        if (signed)
        {
            // A fresh timestamp and nonce on every attempt: a retry is a new request to WeChat Pay.
            var timestamp = timeProvider.GetUtcNow().ToUnixTimeSeconds();
            var authorization = PayRequestSignature.CreateAuthorization(
                keys.MerchantKey, method.Method, uri.PathAndQuery, timestamp, nonceFactory(), body ?? []);
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        var declaredSerial = wechatpaySerial ?? options.EffectiveDeclaredSerial;
        if (declaredSerial is not null)
        {
            request.Headers.TryAddWithoutValidation(PaySignatureHeaders.SerialHeader, declaredSerial);
        }

        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        using var response = await httpClient.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        var responseBody = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return new PayRawResponse(
            (int)response.StatusCode,
            responseBody,
            PaySignatureHeaders.FromHttpHeaders(response.Headers),
            response.Headers.TryGetValues("Request-ID", out var requestIds) ? requestIds.FirstOrDefault() : null);
    }

    private static string FormatDate(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
