using Microsoft.Playwright;

namespace WxMall.BrowserTests.Infrastructure;

/// <summary>Full-page screenshots of key pages, kept as test artifacts under the test results folder.</summary>
public static class Screenshots
{
    /// <summary><c>WXMALL_SCREENSHOTS</c> when set, else <c>TestResults/screenshots</c> beside the test assembly.</summary>
    public static string Folder { get; } = Environment.GetEnvironmentVariable("WXMALL_SCREENSHOTS") is { Length: > 0 } folder
        ? folder
        : Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    public static async Task SaveAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Folder, name + ".png"), FullPage = true });
    }
}
