using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace WxMall.BrowserTests.Infrastructure;

/// <summary>The emulator's phone page (its root) with one simulated WeChat user chosen, as a shopper would hold it.</summary>
public sealed class EmulatorPhone
{
    private EmulatorPhone(IPage page) => Page = page;

    public IPage Page { get; }

    /// <summary>The chat with the official account.</summary>
    public ILocator Chat => Page.Locator("#chat");

    /// <summary>The bottom menu bar of the official account.</summary>
    public ILocator Menu => Page.Locator("#menu");

    /// <summary>The in-WeChat browser: view links and the H5 store open in this frame.</summary>
    public IFrameLocator Web => Page.FrameLocator("#frame");

    public static Task<EmulatorPhone> OpenAsync(StoreFixture store, BrowserFixture browser, string userId) => OpenAsync(store.Store, browser, userId);

    /// <summary>The phone of the emulator beside a store of the test's own (one configured differently from the shared one).</summary>
    public static async Task<EmulatorPhone> OpenAsync(WxMall.Tests.Infrastructure.WeChatSandboxFactory sandbox, BrowserFixture browser, string userId)
    {
        var page = await browser.NewDesktopPageAsync();
        var phone = new EmulatorPhone(page);
        await phone.ReloadAsync(sandbox, userId);
        return phone;
    }

    /// <summary>Opens (again) the phone page and picks the user; the menu is loaded when the page opens.</summary>
    public Task ReloadAsync(StoreFixture store, string userId) => ReloadAsync(store.Store, userId);

    private async Task ReloadAsync(WxMall.Tests.Infrastructure.WeChatSandboxFactory sandbox, string userId)
    {
        await Page.GotoAsync(sandbox.EmulatorUrl.ToString());
        await Expect(Page.Locator($"#users option[value='{userId}']")).ToHaveCountAsync(1);
        await Page.Locator("#users").SelectOptionAsync(userId);
        await Expect(Page.Locator("#who")).Not.ToBeEmptyAsync();
    }

    public async Task SendAsync(string text)
    {
        await Page.Locator("#text").FillAsync(text);
        await Page.Locator("#send").ClickAsync();
        await Expect(Chat.Locator(".row.user", new() { HasText = text }).Last).ToBeVisibleAsync();
    }

    /// <summary>扫一扫: pastes a code (a Native code_url) into the scan box and scans it.</summary>
    public async Task ScanAsync(string code)
    {
        await Page.Locator("#code").FillAsync(code);
        await Page.Locator("#scan").ClickAsync();
    }

    /// <summary>Scans a code the phone refuses: returns what its alert says, accepting it.</summary>
    public Task<string> ScanRefusedAsync(string code) => ReadAlertAsync(() => ScanAsync(code));

    /// <summary>Confirms the open payment sheet: returns what the phone says afterwards (its alert), accepting it.</summary>
    public async Task<string> ConfirmPaymentAsync()
    {
        await Expect(Page.Locator("#sheet")).ToBeVisibleAsync();
        return await ReadAlertAsync(() => Page.Locator("#confirm").ClickAsync());
    }

    private async Task<string> ReadAlertAsync(Func<Task> action)
    {
        var said = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Accept(object? sender, IDialog dialog)
        {
            said.TrySetResult(dialog.Message);
            _ = dialog.AcceptAsync();
        }

        Page.Dialog += Accept;
        try
        {
            await action();
            return await said.Task.WaitAsync(TimeSpan.FromSeconds(15));
        }
        finally
        {
            Page.Dialog -= Accept;
        }
    }
}
