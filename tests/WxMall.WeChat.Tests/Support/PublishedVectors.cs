using System.Text.Json;

namespace WxMall.WeChat.Tests.Support;

/// <summary>
/// Reads the published vectors: the copy kept in this project (Vectors/, copied to the output), so a clone tests on
/// its own; a newer ../shared/vectors/wechat-test-vectors.json beside the repository, when there is one, wins.
/// </summary>
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

        var own = Path.Combine(AppContext.BaseDirectory, "Vectors", "wechat-test-vectors.json");
        if (File.Exists(own))
        {
            return JsonDocument.Parse(File.ReadAllBytes(own));
        }

        throw new FileNotFoundException($"The published vectors were not found: neither shared/vectors/wechat-test-vectors.json above the test output nor {own}.");
    }
}
