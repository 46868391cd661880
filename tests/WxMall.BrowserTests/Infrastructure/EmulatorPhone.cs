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

    public static async Task<EmulatorPhone> OpenAsync(StoreFixture store, BrowserFixture browser, string userId)
    {
        var page = await browser.NewDesktopPageAsync();
        var phone = new EmulatorPhone(page);
        await phone.ReloadAsync(store, userId);
        return phone;
    }

    /// <summary>Opens (again) the phone page and picks the user; the menu is loaded when the page opens.</summary>
    public async Task ReloadAsync(StoreFixture store, string userId)
    {
        await Page.GotoAsync(store.Store.EmulatorUrl.ToString());
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
}
