using Microsoft.Playwright;

namespace WxMall.BrowserTests.Infrastructure;

/// <summary>
/// One headless Chromium per test class: Debian's <c>/usr/bin/chromium</c> driven by Playwright (no browser download).
/// Without that browser every test skips, saying so.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>The narrowest phone the pages are built for.</summary>
    public static readonly ViewportSize Phone = new() { Width = 375, Height = 812 };

    private IPlaywright? playwright;

    public IBrowser? Browser { get; private set; }

    public string? SkipReason { get; private set; }

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            SkipReason = $"Chromium is not installed at {ChromiumPath} (apt-get install chromium fonts-wqy-microhei; .ci/run does)";
            return;
        }

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>A fresh browser profile (own cookies) with a phone-sized window; skips the test when there is no browser.</summary>
    public async Task<IPage> NewPhonePageAsync()
    {
        Assert.SkipWhen(Browser is null, SkipReason ?? "no browser");
        var context = await Browser!.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = Phone, Locale = "zh-CN", TimezoneId = "Asia/Shanghai", HasTouch = true, IsMobile = true, DeviceScaleFactor = 2,
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>A fresh profile with a desktop window: the emulator's page (side panel and phone) is wider than a phone.</summary>
    public async Task<IPage> NewDesktopPageAsync()
    {
        Assert.SkipWhen(Browser is null, SkipReason ?? "no browser");
        var context = await Browser!.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 }, Locale = "zh-CN", TimezoneId = "Asia/Shanghai",
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        playwright?.Dispose();
    }
}
