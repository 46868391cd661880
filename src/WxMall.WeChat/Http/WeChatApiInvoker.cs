using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace WxMall.WeChat.Http;

/// <summary>
/// Sends WeChat API calls for one app: builds the URL, adds the access token, enforces quotas, retries what is
/// safe to retry, refreshes a stale token once, and turns <c>errcode</c> into data.
/// </summary>
internal sealed class WeChatApiInvoker
{
    internal const string HttpClientName = "WxMall.WeChat";

    private static readonly MediaTypeHeaderValue JsonContentType = MediaTypeHeaderValue.Parse("application/json; charset=utf-8");

    private readonly Func<HttpClient> httpClientFactory;
    private readonly string baseUrl;
    private readonly string appId;
    private readonly WeChatHttpOptions httpOptions;
    private readonly WeChatQuotaOptions quotaOptions;
    private readonly WeChatQuotaLimiter quotaLimiter;
    private readonly ILogger logger;
    private readonly ResiliencePipeline<WeChatRawResponse> pipeline;

    public WeChatApiInvoker(Func<HttpClient> httpClientFactory, string baseUrl, string appId, WeChatHttpOptions httpOptions,
        WeChatQuotaOptions quotaOptions, WeChatQuotaLimiter quotaLimiter, TimeProvider timeProvider, ILogger logger)
    {
        this.httpClientFactory = httpClientFactory;
        this.baseUrl = baseUrl.TrimEnd('/');
        this.appId = appId;
        this.httpOptions = httpOptions;
        this.quotaOptions = quotaOptions;
        this.quotaLimiter = quotaLimiter;
        this.logger = logger;
        pipeline = BuildPipeline(httpOptions, timeProvider);
    }

    internal IAccessTokenSource? AccessTokens { get; set; }

    public static bool IsStaleAccessToken(int errorCode) => errorCode is 40001 or 40014 or 42001;

    public async Task<WeChatResult<T>> SendAsync<T>(WeChatApiCall call, CancellationToken cancellationToken)
        where T : WeChatResponse
    {
        var raw = await SendWithTokenAsync(call, cancellationToken);
        return raw.Result is not null ? raw.Result.ToFailure<T>() : Deserialize<T>(call, raw.Response!);
    }

    /// <summary>For endpoints that answer with bytes on success and JSON on failure (getwxacodeunlimit).</summary>
    public async Task<WeChatResult<WeChatBinaryResponse>> SendForBytesAsync(WeChatApiCall call, CancellationToken cancellationToken)
    {
        var raw = await SendWithTokenAsync(call, cancellationToken);
        if (raw.Result is not null)
        {
            return raw.Result.ToFailure<WeChatBinaryResponse>();
        }

        var response = raw.Response!;
        if (response.IsJson)
        {
            var status = Deserialize<WeChatStatusResponse>(call, response);
            return status.Succeeded
                ? WeChatResult.Malformed<WeChatBinaryResponse>("WeChat answered JSON without an error where an image was expected.")
                : status.ToFailure<WeChatBinaryResponse>();
        }

        return WeChatResult.Success(new WeChatBinaryResponse(response.Body, response.ContentType));
    }

    private async Task<(WeChatRawResponse? Response, WeChatResult<WeChatStatusResponse>? Result)> SendWithTokenAsync(WeChatApiCall call, CancellationToken cancellationToken)
    {
        if (call.Quota is { } quota && quotaOptions.Enabled && !quotaLimiter.TryAcquire(appId, quota, quotaOptions.LimitOf(quota)))
        {
            logger.LogWarning("WeChat call {Path} for {AppId} stopped by the client-side quota {Quota}", call.Path, appId, quota.Name);
            return (null, WeChatResult.QuotaExceeded<WeChatStatusResponse>(quota));
        }

        if (!call.RequiresAccessToken)
        {
            return (await SendRawAsync(call, accessToken: null, cancellationToken), null);
        }

        var tokens = AccessTokens ?? throw new InvalidOperationException("This client has no access-token source.");
        var token = await tokens.GetAccessTokenAsync(cancellationToken);
        if (!token.Succeeded)
        {
            return (null, token.ToFailure<WeChatStatusResponse>());
        }

        var response = await SendRawAsync(call, token.Value.Value, cancellationToken);
        if (response.ErrorCode is { } code && IsStaleAccessToken(code))
        {
            logger.LogInformation("WeChat refused the access token of {AppId} with {ErrorCode}; refreshing once", appId, code);
            await tokens.InvalidateAccessTokenAsync(token.Value.Value, cancellationToken);
            token = await tokens.GetAccessTokenAsync(cancellationToken);
            if (!token.Succeeded)
            {
                return (null, token.ToFailure<WeChatStatusResponse>());
            }

            response = await SendRawAsync(call, token.Value.Value, cancellationToken);
        }

        if (response.ErrorCode == 45009 && call.Quota is { } exhausted)
        {
            quotaLimiter.MarkExhausted(appId, exhausted);
        }

        return (response, null);
    }

    private async Task<WeChatRawResponse> SendRawAsync(WeChatApiCall call, string? accessToken, CancellationToken cancellationToken)
    {
        var uri = BuildUri(call, accessToken);
        var body = call.Body is null ? null : JsonSerializer.SerializeToUtf8Bytes(call.Body, call.Body.GetType(), WeChatJson.Options);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            context.Properties.Set(IdempotentKey, call.Idempotent);
            var outcome = await pipeline.ExecuteOutcomeAsync(
                static async (resilienceContext, state) =>
                {
                    try
                    {
                        return Outcome.FromResult(await state.Invoker.SendOnceAsync(state.Method, state.Uri, state.Body, resilienceContext.CancellationToken));
                    }
                    catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException)
                    {
                        return Outcome.FromException<WeChatRawResponse>(exception);
                    }
                },
                context,
                (Invoker: this, call.Method, Uri: uri, Body: body));

            if (outcome.Exception is TimeoutRejectedException timeout)
            {
                throw new TimeoutException($"WeChat did not answer {call.Method} {call.Path} within {httpOptions.AttemptTimeout}.", timeout);
            }

            outcome.ThrowIfException();
            var response = outcome.Result!;
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new HttpRequestException($"WeChat answered {call.Method} {call.Path} with HTTP {(int)response.StatusCode}.", null, response.StatusCode);
            }

            return response;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private async Task<WeChatRawResponse> SendOnceAsync(HttpMethod method, Uri uri, byte[]? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, uri);
        request.Headers.TryAddWithoutValidation("User-Agent", httpOptions.UserAgent);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = JsonContentType;
        }

        using var response = await httpClientFactory().SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return new WeChatRawResponse(response.StatusCode, bytes, response.Content.Headers.ContentType?.MediaType, PeekErrorCode(bytes));
    }

    private Uri BuildUri(WeChatApiCall call, string? accessToken)
    {
        var builder = new StringBuilder(baseUrl.Length + call.Path.Length + 64);
        builder.Append(baseUrl).Append(call.Path);
        var separator = '?';
        if (accessToken is not null)
        {
            builder.Append(separator).Append("access_token=").Append(Uri.EscapeDataString(accessToken));
            separator = '&';
        }

        foreach (var (name, value) in call.Query)
        {
            if (value is null)
            {
                continue;
            }

            builder.Append(separator).Append(name).Append('=').Append(Uri.EscapeDataString(value));
            separator = '&';
        }

        return new Uri(builder.ToString(), UriKind.Absolute);
    }

    private WeChatResult<T> Deserialize<T>(WeChatApiCall call, WeChatRawResponse response)
        where T : WeChatResponse
    {
        T? value;
        try
        {
            value = JsonSerializer.Deserialize<T>(response.Body, WeChatJson.Options);
        }
        catch (JsonException exception)
        {
            logger.LogWarning("WeChat answered {Path} with a body that is not the documented JSON: {Reason}", call.Path, exception.Message);
            return WeChatResult.Malformed<T>($"The response of {call.Path} is not the documented JSON: {exception.Message}");
        }

        if (value is null)
        {
            return WeChatResult.Malformed<T>($"The response of {call.Path} is empty.");
        }

        return value.ErrorCode == 0 ? WeChatResult.Success(value) : WeChatResult.Error<T>(value.ErrorCode, value.ErrorMessage);
    }

    private static int? PeekErrorCode(byte[] body)
    {
        var span = body.AsSpan().TrimStart(" \t\r\n"u8);
        if (!span.StartsWith("{"u8))
        {
            return null;
        }

        try
        {
            var reader = new Utf8JsonReader(span);
            while (reader.Read())
            {
                if (reader.CurrentDepth == 1 && reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("errcode"u8))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var code))
                    {
                        return code;
                    }

                    return reader.TokenType == JsonTokenType.String && int.TryParse(reader.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out code) ? code : null;
                }

                if (reader.CurrentDepth == 1 && reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    reader.Skip();
                }
            }
        }
        catch (JsonException)
        {
            return null;
        }

        return 0;
    }

    private static readonly ResiliencePropertyKey<bool> IdempotentKey = new("WxMall.WeChat.Idempotent");

    private static ResiliencePipeline<WeChatRawResponse> BuildPipeline(WeChatHttpOptions options, TimeProvider timeProvider)
    {
        var builder = new ResiliencePipelineBuilder<WeChatRawResponse> { TimeProvider = timeProvider };
        if (options.MaximumRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<WeChatRawResponse>
            {
                MaxRetryAttempts = options.MaximumRetryAttempts,
                Delay = options.RetryBaseDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = arguments => ValueTask.FromResult(arguments.Outcome switch
                {
                    { Result: { } response } => response.ShouldRetry,
                    { Exception: TimeoutRejectedException or HttpRequestException } =>
                        arguments.Context.Properties.GetValue(IdempotentKey, false) && !arguments.Context.CancellationToken.IsCancellationRequested,
                    _ => false,
                }),
            });
        }

        builder.AddTimeout(options.AttemptTimeout);
        return builder.Build();
    }
}

/// <summary>Bytes answered by an endpoint that returns a file (for example a mini-program code image).</summary>
/// <param name="Content">The bytes.</param>
/// <param name="ContentType">The media type WeChat declared, if any.</param>
public sealed record WeChatBinaryResponse(byte[] Content, string? ContentType);
