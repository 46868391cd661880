using System.Net;
using Microsoft.EntityFrameworkCore;
using WxMall.Admin;
using WxMall.Inventory;
using WxMall.Tests.Infrastructure;

namespace WxMall.Tests.Admin;

/// <summary>POST /api/admin/products/{code}/skus: a new variant of a listed product, its first stock received through the ledger.</summary>
public sealed class AddSkuTests(MallAppFactory app) : IClassFixture<MallAppFactory>
{
    [Fact]
    public async Task A_new_SKU_is_sold_at_its_price_in_fen_and_its_initial_stock_is_a_ledger_receipt()
    {
        using var admin = await app.StaffClientAsync();
        var (existing, _) = await app.SkuWithStockAsync(10, skip: 31);
        var product = await app.QueryAsync(db => db.Skus.Where(s => s.Code == existing).Select(s => s.Product.Code).FirstAsync());

        var response = await admin.PostAsJsonAsync($"/api/admin/products/{product}/skus", new { code = "test-add-sku-64g", name = "64G/2T", priceFen = 1_299_950, stock = 9, ramGb = 64, storageGb = 2048 });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var added = (await response.Content.ReadFromJsonAsync<AddedSkuView>(Shopper.Json))!;
        Assert.Equal(("test-add-sku-64g", 1_299_950L, 1_299_950L, 9), (added.Code, added.PriceFen, added.ListPriceFen, added.Available));
        Assert.Equal(new StockCounters(9, 0, 0), await app.StockAsync("test-add-sku-64g"));
        var receipt = await app.QueryAsync(db => db.StockMovements.Where(m => db.Skus.Any(s => s.Id == m.SkuId && s.Code == "test-add-sku-64g")).SingleAsync());
        Assert.Equal((StockMovementKind.Receive, 9, "admin"), (receipt.Kind, receipt.AvailableDelta, receipt.Actor));
        Assert.True(await app.QueryAsync(db => db.AuditLog.AnyAsync(a => a.Action == "sku.create" && a.Target == "sku:test-add-sku-64g")));

        // Its own memory and storage, the product's other specs (what the search facets read).
        var specs = await app.QueryAsync(db => db.Skus.Where(s => s.Code == "test-add-sku-64g").Select(s => s.Specs).SingleAsync());
        var existingSpecs = await app.QueryAsync(db => db.Skus.Where(s => s.Code == existing).Select(s => s.Specs).SingleAsync());
        Assert.Equal((64, 2048), (specs.RamGb, specs.StorageGb));
        Assert.Equal((existingSpecs.Cpu, existingSpecs.Gpu), (specs.Cpu, specs.Gpu));

        // A shopper can buy it at once: the order reserves its stock through the same counters.
        using var shopper = app.NewShopper();
        await shopper.RegisterAsync();
        var order = await shopper.PlacePickupOrderAsync("test-add-sku-64g");
        Assert.Equal(1_299_950, order.GoodsFen);
        Assert.Equal(new StockCounters(8, 1, 0), await app.StockAsync("test-add-sku-64g"));
        Assert.Equal(await app.StockAsync("test-add-sku-64g"), await app.LedgerSumAsync("test-add-sku-64g"));
    }

    [Fact]
    public async Task A_taken_code_a_bad_price_or_an_unknown_product_is_refused_and_nothing_is_written()
    {
        using var admin = await app.StaffClientAsync();
        var (existing, _) = await app.SkuWithStockAsync(10, skip: 32);
        var product = await app.QueryAsync(db => db.Skus.Where(s => s.Code == existing).Select(s => s.Product.Code).FirstAsync());
        var skusBefore = await app.QueryAsync(db => db.Skus.CountAsync());

        var taken = await admin.PostAsJsonAsync($"/api/admin/products/{product}/skus", new { code = existing, name = "重复", priceFen = 100, stock = 1 });
        var badPrice = await admin.PostAsJsonAsync($"/api/admin/products/{product}/skus", new { code = "test-add-sku-free", name = "免费", priceFen = 0, stock = 1 });
        var lowList = await admin.PostAsJsonAsync($"/api/admin/products/{product}/skus", new { code = "test-add-sku-list", name = "划线", priceFen = 500, listPriceFen = 400, stock = 1 });
        var badCode = await admin.PostAsJsonAsync($"/api/admin/products/{product}/skus", new { code = "Has Space", name = "编码", priceFen = 500, stock = 1 });
        var noProduct = await admin.PostAsJsonAsync("/api/admin/products/no-such-product/skus", new { code = "test-add-sku-orphan", name = "孤儿", priceFen = 500, stock = 1 });
        var badMemory = await admin.PostAsJsonAsync($"/api/admin/products/{product}/skus", new { code = "test-add-sku-ram", name = "内存", priceFen = 500, stock = 1, ramGb = 0, storageGb = -1 });

        Assert.Contains("已被使用", (await taken.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("code")[0].GetString(), StringComparison.Ordinal);
        Assert.True((await badPrice.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("priceFen", out _));
        Assert.True((await lowList.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("listPriceFen", out _));
        Assert.True((await badCode.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("code", out _));
        await noProduct.ProblemAsync(HttpStatusCode.NotFound);
        var memoryErrors = (await badMemory.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.True(memoryErrors.TryGetProperty("ramGb", out _) && memoryErrors.TryGetProperty("storageGb", out _), memoryErrors.ToString());
        Assert.Equal(skusBefore, await app.QueryAsync(db => db.Skus.CountAsync()));
    }

    [Fact]
    public async Task An_agent_cannot_add_SKUs()
    {
        using var admin = await app.StaffClientAsync();
        var created = await admin.PostAsJsonAsync("/api/admin/staff", new { userName = "agent-add-sku", password = "agent-password-1", displayName = "客服", role = "agent" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var agent = await app.StaffClientAsync("agent-add-sku", "agent-password-1");
        var (existing, _) = await app.SkuWithStockAsync(10, skip: 32);
        var product = await app.QueryAsync(db => db.Skus.Where(s => s.Code == existing).Select(s => s.Product.Code).FirstAsync());

        var refused = await agent.PostAsJsonAsync($"/api/admin/products/{product}/skus", new { code = "test-add-sku-agent", name = "客服加的", priceFen = 500, stock = 1 });

        await refused.ProblemAsync(HttpStatusCode.Forbidden);
    }
}
