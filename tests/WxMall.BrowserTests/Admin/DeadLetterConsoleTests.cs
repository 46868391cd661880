using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using WxMall.BrowserTests.Infrastructure;
using WxMall.Inventory;
using WxMall.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace WxMall.BrowserTests.Admin;

/// <summary>Manual compensation in the console: a message that failed every retry is listed, and replaying it after the fix finishes the work.</summary>
public sealed class DeadLetterConsoleTests(StoreFixture store, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Operator_finds_the_failed_stock_commit_of_an_order_replays_it_after_the_fix_and_it_leaves_the_list()
    {
        var (sku, _) = await store.Store.SkuWithStockAsync(minimumStock: 20, skip: 15);
        using var shopper = store.NewShopper();
        await shopper.RegisterAsync();
        var order = await shopper.PlacePickupOrderAsync(sku, quantity: 2);

        // Break the data the stock commit relies on (the reservation vanishes), so every retry of it fails.
        await store.Store.QueryAsync(db => db.Stock.Where(s => db.Skus.Any(k => k.Id == s.SkuId && k.Code == sku))
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Reserved, x => x.Reserved - 2)));
        await store.Store.PayAsync(order.Number, order.PayableFen);

        var page = await browser.NewPhonePageAsync();
        await page.SignInToConsoleAsync(store, await store.NewStaffAsync("operator"), ConsoleSteps.StaffPassword);
        var row = page.Locator("#letters tbody tr", new() { HasText = order.Number });
        await Eventually.TrueAsync(async () =>
        {
            await page.GotoAsync(store.Url("/admin/dead-letters"));
            return await row.CountAsync() == 1;
        }, "the failing stock commit to be listed as a dead letter");
        await Expect(row).ToContainTextAsync("InvalidOperationException");
        await Expect(row.Locator(".letter-body")).ToContainTextAsync(order.Number);
        await AccessibilityCheck.AssertPassesAsync(page);
        await Screenshots.SaveAsync(page, "19-admin-dead-letter");

        // The operator repairs the reservation and replays that one letter.
        await store.Store.QueryAsync(db => db.Stock.Where(s => db.Skus.Any(k => k.Id == s.SkuId && k.Code == sku))
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Reserved, x => x.Reserved + 2)));
        await row.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^重放") }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("已重新投递 1 条消息");

        await Eventually.TrueAsync(
            () => store.Store.QueryAsync(db => db.StockMovements.AnyAsync(m => m.OrderNumber == order.Number && m.Kind == StockMovementKind.Commit)),
            "the replayed stock commit");
        Assert.Equal(await store.Store.StockAsync(sku), await store.Store.LedgerSumAsync(sku));
        await Eventually.TrueAsync(async () =>
        {
            await page.ReloadAsync();
            return await row.CountAsync() == 0;
        }, "the replayed letter to leave the list");
        Assert.True(await store.Store.QueryAsync(db => db.AuditLog.AnyAsync(a => a.Action == "dead-letter.replay" && a.Actor.StartsWith("operator"))));
    }
}
