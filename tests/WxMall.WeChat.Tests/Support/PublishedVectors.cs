using System.Text.Json;

namespace WxMall.WeChat.Tests.Support;

/// <summary>Reads ../shared/vectors/wechat-test-vectors.json, found by walking up from the test binaries.</summary>
internal static class PublishedVectors
{
    private static readonly Lazy<JsonDocument> Document = new(Load);

    public static JsonElement Get(string name) => Document.Value.RootElement.GetProperty(name);

    public static string Text(string vector, string field) => Get(vector).GetProperty(field).GetString()!;

    private static JsonDocument Load()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared", "vectors", "wechat-test-vectors.json");
            if (File.Exists(candidate))
            {
                return JsonDocument.Parse(File.ReadAllBytes(candidate));
            }
        }

        throw new FileNotFoundException("shared/vectors/wechat-test-vectors.json was not found above the test output folder; the repository expects shared/ beside it.");
    }
}
