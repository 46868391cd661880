using System.Net;
using System.Text;

namespace WxMall.WeChat.Tests.Pay.Support;

/// <summary>Records every request exactly as the client built it and answers from a script.</summary>
internal sealed class PayRecordingHandler(Func<PayRecordedRequest, HttpResponseMessage> respond) : HttpMessageHandler
{
    public List<PayRecordedRequest> Requests { get; } = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        // NonValidated gives the header values as they go on the wire, without re-parsing (User-Agent keeps its spaces).
        var headers = request.Headers.NonValidated
            .Concat(request.Content?.Headers.NonValidated ?? default)
            .ToDictionary(header => header.Key, header => header.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var recorded = new PayRecordedRequest(request.Method.Method, request.RequestUri!, headers, body);
        Requests.Add(recorded);
        return respond(recorded);
    }
}

internal sealed record PayRecordedRequest(string Method, Uri Uri, IReadOnlyDictionary<string, string> Headers, byte[]? Body)
{
    public string BodyText => Body is null ? string.Empty : Encoding.UTF8.GetString(Body);
}

internal static class PayResponses
{
    public static HttpResponseMessage Signed(TestPlatform platform, long timestamp, HttpStatusCode status, string body, string nonce = "RESPONSENONCE")
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var response = new HttpResponseMessage(status) { Content = new ByteArrayContent(bytes) };
        var headers = platform.SignHeaders(timestamp, nonce, bytes);
        response.Headers.Add("Request-ID", "08F0CCB9B80610E8F2E5D1D4061C");
        response.Headers.Add("Wechatpay-Timestamp", headers.Timestamp!);
        response.Headers.Add("Wechatpay-Nonce", headers.Nonce!);
        response.Headers.Add("Wechatpay-Signature", headers.Signature!);
        response.Headers.Add("Wechatpay-Serial", headers.Serial!);
        return response;
    }

    public static HttpResponseMessage Unsigned(HttpStatusCode status, byte[] body) =>
        new(status) { Content = new ByteArrayContent(body) };
}
