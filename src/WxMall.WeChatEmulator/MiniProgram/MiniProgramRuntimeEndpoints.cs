using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using WxMall.WeChatEmulator.Accounts;

namespace WxMall.WeChatEmulator.MiniProgram;

/// <summary>
/// What the phone's mini-program shell needs to run a package's scripts: the package files themselves (read-only,
/// scripts, JSON and WXML only) and <c>wx.request</c>, which the WeChat client performs outside the browser, so it is
/// not bound by CORS but by the mini-program's request domains.
/// </summary>
internal static class MiniProgramRuntimeEndpoints
{
    public const string HttpClientName = "wechat-emulator-miniprogram";
    private const int MaximumBodyBytes = 1 << 20;
    private static readonly string[] PackageExtensions = [".js", ".json", ".wxml"];

    public static void MapMiniProgramRuntime(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/emulator/miniprogram");
        group.MapGet("/package/{**path}", (string? path, EmulatorOptions options) =>
        {
            if (PackageFile(options.MiniProgram.PackagePath, path) is not { } file)
            {
                return Results.NotFound();
            }

            var type = Path.GetExtension(file) switch
            {
                ".js" => "application/javascript; charset=utf-8",
                ".json" => "application/json; charset=utf-8",
                _ => "text/plain; charset=utf-8",
            };
            return Results.File(file, type);
        });
        group.MapGet("/runtime", (EmulatorOptions options) => Results.Json(new
        {
            package = PackageFile(options.MiniProgram.PackagePath, "app.json") is not null,
            extConfig = new { storeUrl = options.MiniProgram.StartUrl.TrimEnd('/') },
        }));
        group.MapPost("/request", async (MiniProgramRequest request, EmulatorOptions options, IHttpClientFactory clients, CancellationToken cancellationToken) =>
        {
            if (!Uri.TryCreate(request.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            {
                return Results.Json(new { errMsg = "request:fail invalid url" });
            }

            if (!AllowedOrigins(options.MiniProgram).Contains(url.GetLeftPart(UriPartial.Authority), StringComparer.OrdinalIgnoreCase))
            {
                return Results.Json(new { errMsg = $"request:fail url not in domain list: {url.GetLeftPart(UriPartial.Authority)}" });
            }

            var method = (request.Method ?? "GET").ToUpperInvariant();
            if (method is not ("GET" or "POST" or "PUT" or "DELETE" or "PATCH"))
            {
                return Results.Json(new { errMsg = "request:fail invalid method" });
            }

            using var message = new HttpRequestMessage(new HttpMethod(method), url);
            if (request.Data is { } data && method != "GET")
            {
                message.Content = new StringContent(data.ToJsonString(), Encoding.UTF8, "application/json");
            }

            foreach (var (name, value) in request.Header ?? [])
            {
                if (!name.Equals("content-type", StringComparison.OrdinalIgnoreCase))
                {
                    message.Headers.TryAddWithoutValidation(name, value);
                }
            }

            HttpResponseMessage response;
            try
            {
                response = await clients.CreateClient(HttpClientName).SendAsync(message, cancellationToken);
            }
            catch (HttpRequestException exception)
            {
                return Results.Json(new { errMsg = "request:fail " + exception.Message });
            }

            using (response)
            {
                var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                var text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, MaximumBodyBytes));
                JsonNode? parsed = null;
                if (response.Content.Headers.ContentType?.MediaType is { } media && media.Contains("json", StringComparison.OrdinalIgnoreCase))
                {
                    try
                    {
                        parsed = JsonNode.Parse(text);
                    }
                    catch (JsonException)
                    {
                    }
                }

                return Results.Json(new
                {
                    errMsg = "request:ok",
                    statusCode = (int)response.StatusCode,
                    header = response.Headers.Concat(response.Content.Headers).ToDictionary(h => h.Key, h => string.Join(", ", h.Value)),
                    data = parsed ?? JsonValue.Create(text),
                });
            }
        });
    }

    private static IEnumerable<string> AllowedOrigins(MiniProgramSettings settings) =>
        settings.RequestDomains.Count > 0
            ? settings.RequestDomains.Select(d => d.TrimEnd('/'))
            : Uri.TryCreate(settings.StartUrl, UriKind.Absolute, out var start) ? [start.GetLeftPart(UriPartial.Authority)] : [];

    /// <summary>A file inside the package folder with an allowed extension; null for anything else (or no package).</summary>
    private static string? PackageFile(string? packagePath, string? path)
    {
        if (string.IsNullOrEmpty(packagePath) || string.IsNullOrEmpty(path) || !PackageExtensions.Contains(Path.GetExtension(path)))
        {
            return null;
        }

        var root = Path.GetFullPath(packagePath);
        var file = Path.GetFullPath(Path.Combine(root, path));
        return file.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal) && File.Exists(file) ? file : null;
    }
}

public sealed record MiniProgramRequest(string? Url, string? Method, Dictionary<string, string>? Header, JsonNode? Data);
