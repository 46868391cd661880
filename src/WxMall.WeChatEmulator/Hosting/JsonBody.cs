using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace WxMall.WeChatEmulator.Hosting;

/// <summary>Reads a request body as WeChat does: empty → 44002, not JSON or not an object → 47001.</summary>
internal sealed class JsonBody : IDisposable
{
    private const int MaximumBytes = 1024 * 1024;

    private JsonBody(byte[] raw, JsonDocument? document)
    {
        Raw = raw;
        Document = document;
    }

    public byte[] Raw { get; }

    public JsonDocument? Document { get; }

    public JsonElement Root => Document!.RootElement;

    public static async Task<(JsonBody Body, IResult? Error)> ReadAsync(HttpRequest request)
    {
        var raw = await ReadBytesAsync(request);
        if (raw.Length == 0)
        {
            return (new JsonBody(raw, null), WeChatReply.EmptyBody());
        }

        try
        {
            var document = JsonDocument.Parse(raw);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                document.Dispose();
                return (new JsonBody(raw, null), WeChatReply.BadJson());
            }

            return (new JsonBody(raw, document), null);
        }
        catch (JsonException)
        {
            return (new JsonBody(raw, null), WeChatReply.BadJson());
        }
    }

    public static async Task<byte[]> ReadBytesAsync(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk)) > 0)
        {
            if (buffer.Length + read > MaximumBytes)
            {
                break;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    public string? String(string name) =>
        Root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>True when the property is present with a type other than the expected one (null included).</summary>
    public bool IsWrongType(string name, JsonValueKind expected) =>
        Root.TryGetProperty(name, out var value) && value.ValueKind != expected
        && !(expected == JsonValueKind.True && value.ValueKind == JsonValueKind.False);

    public void Dispose() => Document?.Dispose();
}
