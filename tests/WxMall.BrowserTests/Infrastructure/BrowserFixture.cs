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

    /// <summary>Chrome on a Windows desktop: no "Mobile" in it, so the pay page offers the Native QR code first.</summary>
    public const string DesktopChrome = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

    /// <summary>Safari on an iPhone: a phone browser that is not WeChat, so the pay page offers H5 pay first.</summary>
    public const string IPhoneSafari = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";

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
    /// <remarks>Without <paramref name="userAgent"/> it keeps headless Chromium's own, which names no phone.</remarks>
    public async Task<IPage> NewPhonePageAsync(string? userAgent = null)
    {
        Assert.SkipWhen(Browser is null, SkipReason ?? "no browser");
        var context = await Browser!.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = Phone, Locale = "zh-CN", TimezoneId = "Asia/Shanghai", HasTouch = true, IsMobile = true, DeviceScaleFactor = 2, UserAgent = userAgent,
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>A fresh profile with a desktop window: the emulator's page (side panel and phone) is wider than a phone.</summary>
    public async Task<IPage> NewDesktopPageAsync(string? userAgent = null)
    {
        Assert.SkipWhen(Browser is null, SkipReason ?? "no browser");
        var context = await Browser!.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 }, Locale = "zh-CN", TimezoneId = "Asia/Shanghai", UserAgent = userAgent,
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
