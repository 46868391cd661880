namespace WxMall.WeChat.Http;

/// <summary>One HTTP call to a WeChat API, described before the access token is added.</summary>
internal sealed record WeChatApiCall(HttpMethod Method, string Path)
{
    public IReadOnlyList<KeyValuePair<string, string?>> Query { get; init; } = [];

    public object? Body { get; init; }

    public WeChatQuota? Quota { get; init; }

    public bool RequiresAccessToken { get; init; } = true;

    /// <summary>Reads and token fetches may be retried after a timeout or connection failure; sends may not.</summary>
    public bool Idempotent { get; init; }

    public static KeyValuePair<string, string?> Parameter(string name, string? value) => new(name, value);

    public static WeChatApiCall Get(string path, params KeyValuePair<string, string?>[] query) =>
        new(HttpMethod.Get, path) { Query = query, Idempotent = true };

    public static WeChatApiCall Post(string path, object body) =>
        new(HttpMethod.Post, path) { Body = body };
}

/// <summary>The raw answer of one attempt, kept small so the resilience pipeline can decide on retries.</summary>
internal sealed record WeChatRawResponse(System.Net.HttpStatusCode StatusCode, byte[] Body, string? ContentType, int? ErrorCode)
{
    public bool IsJson => Body.AsSpan().TrimStart(" \t\r\n"u8).StartsWith("{"u8);

    public bool ShouldRetry => (int)StatusCode >= 500 || ErrorCode == -1;
}
