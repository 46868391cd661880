using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WxMall.WeChatEmulator.Tests.Support;

namespace WxMall.WeChatEmulator.Tests.MiniProgram;

/// <summary>
/// What the phone's mini-program shell runs a package with: its files (scripts, JSON and WXML inside the package only)
/// and wx.request, which reaches only the mini-program's request domains, as WeChat's "request 合法域名" list does.
/// </summary>
public sealed class MiniProgramRuntimeTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>, IDisposable
{
    private readonly string package = CreatePackage();

    [Fact]
    public async Task The_package_serves_its_scripts_json_and_wxml_and_nothing_outside_or_beside_them()
    {
        UsePackage();
        using var runtime = JsonDocument.Parse(await fixture.Http.GetStringAsync("emulator/miniprogram/runtime"));
        Assert.True(runtime.RootElement.GetProperty("package").GetBoolean());
        Assert.Equal(fixture.Options.MiniProgram.StartUrl.TrimEnd('/'), runtime.RootElement.GetProperty("extConfig").GetProperty("storeUrl").GetString());

        using var app = await fixture.Http.GetAsync("emulator/miniprogram/package/app.json");
        Assert.Equal(HttpStatusCode.OK, app.StatusCode);
        Assert.Equal("application/json", app.Content.Headers.ContentType!.MediaType);
        Assert.Contains("pages/index/index", await app.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("web-view", await fixture.Http.GetStringAsync("emulator/miniprogram/package/pages/index/index.wxml"), StringComparison.Ordinal);

        foreach (var path in new[] { "notes.txt", "pages/index/missing.js", "..%2Fsecret.js", "%2E%2E/secret.js" })
        {
            using var refused = await fixture.Http.GetAsync("emulator/miniprogram/package/" + path);
            Assert.True(refused.StatusCode == HttpStatusCode.NotFound, $"{path}: {refused.StatusCode}");
        }
    }

    [Fact]
    public async Task Wx_request_reaches_the_request_domains_with_the_page_headers_and_nothing_else()
    {
        UsePackage();
        var store = fixture.Store.BaseAddress.AbsoluteUri.TrimEnd('/');
        fixture.Options.MiniProgram.RequestDomains = [store];

        using var answered = await fixture.Http.PostAsJsonAsync("emulator/miniprogram/request", new
        {
            url = store + "/wechat/message?signature=x",
            method = "POST",
            header = new Dictionary<string, string> { ["Authorization"] = "Bearer t0ken" },
            data = new { code = "abc" },
        });
        using var ok = JsonDocument.Parse(await answered.Content.ReadAsStringAsync());
        Assert.Equal("request:ok", ok.RootElement.GetProperty("errMsg").GetString());
        Assert.Equal(200, ok.RootElement.GetProperty("statusCode").GetInt32());
        var received = fixture.Store.MessagePushes.Last();
        Assert.Equal("Bearer t0ken", received.Headers["Authorization"]);
        Assert.Equal("""{"code":"abc"}""", received.BodyText);

        using var elsewhere = await fixture.Http.PostAsJsonAsync("emulator/miniprogram/request", new { url = "http://127.0.0.1:1/api", method = "GET" });
        using var refused = JsonDocument.Parse(await elsewhere.Content.ReadAsStringAsync());
        Assert.Equal("request:fail url not in domain list: http://127.0.0.1:1", refused.RootElement.GetProperty("errMsg").GetString());
    }

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(package)!, recursive: true);

    private void UsePackage() => fixture.Options.MiniProgram.PackagePath = package;

    private static string CreatePackage()
    {
        var root = Directory.CreateTempSubdirectory("wxmall-miniprogram-").FullName;
        var package = Path.Combine(root, "package");
        Directory.CreateDirectory(Path.Combine(package, "pages", "index"));
        File.WriteAllText(Path.Combine(package, "app.json"), """{"pages":["pages/index/index"]}""");
        File.WriteAllText(Path.Combine(package, "notes.txt"), "not a package file");
        File.WriteAllText(Path.Combine(package, "pages", "index", "index.wxml"), """<web-view src="{{url}}"></web-view>""");
        File.WriteAllText(Path.Combine(root, "secret.js"), "outside the package");
        return package;
    }
}
