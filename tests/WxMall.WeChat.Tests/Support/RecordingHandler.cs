using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace WxMall.WeChat.Tests.Support;

/// <summary>A request as it left the client: everything a byte-exact assertion needs.</summary>
internal sealed record RecordedRequest(string Method, string Uri, string Path, string? ContentType, string? UserAgent, string Body);

/// <summary>A canned answer.</summary>
internal sealed record CannedResponse(HttpStatusCode Status, byte[] Body, string ContentType)
{
    public static CannedResponse Json(string json, HttpStatusCode status = HttpStatusCode.OK) => new(status, Encoding.UTF8.GetBytes(json), "application/json");
}

/// <summary>
/// Records every request and answers from per-path queues (the last answer of a queue repeats). Unknown paths get
/// <c>{"errcode":0,"errmsg":"ok"}</c>; stable_token answers ACCESS_TOKEN unless told otherwise.
/// </summary>
internal sealed class RecordingHandler : HttpMessageHandler
{
    private readonly ConcurrentQueue<RecordedRequest> requests = new();
    private readonly ConcurrentDictionary<string, Func<RecordedRequest, CancellationToken, Task<CannedResponse>>> routes = new(StringComparer.Ordinal);

    public RecordingHandler()
    {
        On("/cgi-bin/stable_token", """{"access_token":"ACCESS_TOKEN","expires_in":7200}""");
    }

    public IReadOnlyList<RecordedRequest> Requests => requests.ToArray();

    public IReadOnlyList<RecordedRequest> RequestsTo(string path) => requests.Where(request => request.Path == path).ToArray();

    public RecordedRequest Single(string path) => Assert.Single(RequestsTo(path));

    public RecordingHandler On(string path, params string[] jsonAnswers) => On(path, jsonAnswers.Select(json => CannedResponse.Json(json)).ToArray());

    public RecordingHandler On(string path, params CannedResponse[] answers)
    {
        var queue = new ConcurrentQueue<CannedResponse>(answers);
        var last = answers[^1];
        routes[path] = (_, _) => Task.FromResult(queue.TryDequeue(out var next) ? next : last);
        return this;
    }

    public RecordingHandler On(string path, Func<RecordedRequest, CancellationToken, Task<CannedResponse>> answer)
    {
        routes[path] = answer;
        return this;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
        var recorded = new RecordedRequest(
            request.Method.Method,
            request.RequestUri!.OriginalString,
            request.RequestUri.AbsolutePath,
            request.Content?.Headers.ContentType?.ToString(),
            request.Headers.UserAgent.ToString(),
            body);
        requests.Enqueue(recorded);
        var answer = routes.TryGetValue(recorded.Path, out var route)
            ? await route(recorded, cancellationToken)
            : CannedResponse.Json("""{"errcode":0,"errmsg":"ok"}""");
        var content = new ByteArrayContent(answer.Body);
        content.Headers.TryAddWithoutValidation("Content-Type", answer.ContentType);
        return new HttpResponseMessage(answer.Status) { Content = content, RequestMessage = request };
    }
}
