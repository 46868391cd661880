using System.Net;
using Microsoft.EntityFrameworkCore;
using WxMall.Admin;
using WxMall.Catalog;
using WxMall.Ordering;
using WxMall.Tests.Infrastructure;

namespace WxMall.Tests.Admin;

public sealed class AdminTests(MallAppFactory app) : IClassFixture<MallAppFactory>
{
    [Fact]
    public async Task Staff_sign_in_with_the_configured_first_admin_and_a_wrong_password_is_refused()
    {
        using var client = app.CreateClient();

        var wrong = await client.PostAsJsonAsync("/api/admin/login", new { userName = "admin", password = "guess" });
        var anonymous = await client.GetAsync("/api/admin/orders");
        using var admin = await app.StaffClientAsync();

        await wrong.ProblemAsync(HttpStatusCode.Unauthorized);
        await anonymous.ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("admin", (await admin.GetFromJsonAsync<StaffView>("/api/admin/me", Shopper.Json))!.Role);
    }

    [Fact]
    public async Task A_shopper_cookie_opens_no_admin_api()
    {
        using var shopper = app.NewShopper();
        await shopper.RegisterAsync();

        await (await shopper.Client.GetAsync("/api/admin/orders")).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Roles_limit_what_staff_may_change()
    {
        using var admin = await app.StaffClientAsync();
        var created = await admin.PostAsJsonAsync("/api/admin/staff", new { userName = "agent.li", password = "agent-password-1", displayName = "李客服", role = "agent" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var agent = await app.StaffClientAsync("agent.li", "agent-password-1");
        var (sku, _) = await app.SkuWithStockAsync(1, skip: 20);

        var priceChange = await agent.PutAsJsonAsync($"/api/admin/skus/{sku}/price", new { priceFen = 100 });
        var orders = await agent.GetAsync("/api/admin/orders");

        await priceChange.ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, orders.StatusCode);
    }

    [Fact]
    public async Task A_price_change_is_validated_applied_to_search_and_audit_logged()
    {
        using var admin = await app.StaffClientAsync();
        var (sku, _) = await app.SkuWithStockAsync(1, skip: 21);

        var invalid = await admin.PutAsJsonAsync($"/api/admin/skus/{sku}/price", new { priceFen = 0 });
        var valid = await admin.PutAsJsonAsync($"/api/admin/skus/{sku}/price", new { priceFen = 123_400 });

        await invalid.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.NoContent, valid.StatusCode);
        var product = await app.QueryAsync(db => db.Skus.Where(s => s.Code == sku).Select(s => s.Product.Code).FirstAsync());
        var view = await admin.GetFromJsonAsync<ProductView>($"/api/catalog/products/{product}", Shopper.Json);
        Assert.Equal(123_400, view!.Skus.Single(s => s.Code == sku).PriceFen);
        var audit = await admin.GetFromJsonAsync<List<AuditEntryView>>("/api/admin/audit?action=sku.price", Shopper.Json);
        Assert.Contains(audit!, a => a.Target == $"sku:{sku}" && a.Actor == "admin" && a.Detail.EndsWith("123400", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Receiving_and_adjusting_stock_goes_through_the_ledger_and_never_below_zero()
    {
        using var admin = await app.StaffClientAsync();
        var (sku, _) = await app.SkuWithStockAsync(1, skip: 22);
        var before = await app.StockAsync(sku);

        var received = await admin.PostAsJsonAsync($"/api/admin/skus/{sku}/stock", new { delta = 25, kind = "receive", reason = "供应商到货" });
        var tooMuch = await admin.PostAsJsonAsync($"/api/admin/skus/{sku}/stock", new { delta = -(before.Available + 26), kind = "adjust", reason = "盘点" });
        var noReason = await admin.PostAsJsonAsync($"/api/admin/skus/{sku}/stock", new { delta = 1, kind = "receive" });

        var view = (await received.Content.ReadFromJsonAsync<StockView>(Shopper.Json))!;
        Assert.Equal(before.Available + 25, view.Available);
        Assert.True(view.LedgerMatches);
        Assert.Equal("供应商到货", view.RecentMovements[0].Reason);
        await tooMuch.ProblemAsync(HttpStatusCode.Conflict);
        await noReason.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(await app.StockAsync(sku), await app.LedgerSumAsync(sku));
    }

    [Fact]
    public async Task A_new_product_is_searchable_at_once()
    {
        using var admin = await app.StaffClientAsync();

        var response = await admin.PostAsJsonAsync("/api/admin/products", new
        {
            code = "test-wxmall-nova-15", category = "laptop", brand = "lenovo", name = "联想 星河Nova 15 测试本", keywords = "轻薄本 办公",
            skus = new[] { new { code = "test-wxmall-nova-15-16-512", name = "16G/512G", priceFen = 399_900, stock = 7, specs = new { ramGb = 16, storageGb = 512 } } },
        });
        var search = await admin.GetFromJsonAsync<SearchResponse>($"/api/catalog/search?q={Uri.EscapeDataString("星河Nova")}", Shopper.Json);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("test-wxmall-nova-15", Assert.Single(search!.Items).Code);
        Assert.Equal(new StockCounters(7, 0, 0), await app.StockAsync("test-wxmall-nova-15-16-512"));
    }

    [Fact]
    public async Task A_new_product_s_SKUs_follow_the_same_rules_as_a_SKU_added_later()
    {
        using var admin = await app.StaffClientAsync();
        var productsBefore = await app.QueryAsync(db => db.Products.CountAsync());

        var response = await admin.PostAsJsonAsync("/api/admin/products", new
        {
            code = "test-wxmall-rules", category = "laptop", brand = "lenovo", name = "规则测试本",
            skus = new[] { new { code = "Upper Case", name = "16G/512G", priceFen = 399_900, listPriceFen = 299_900, stock = 7 } },
        });

        var errors = (await response.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.Contains("小写字母", errors.GetProperty("skus[0].code")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal("划线价不能低于售价", errors.GetProperty("skus[0].listPriceFen")[0].GetString());
        Assert.Equal(productsBefore, await app.QueryAsync(db => db.Products.CountAsync()));
    }

    [Fact]
    public async Task Staff_ship_a_paid_order_with_tracking_but_not_an_unpaid_one()
    {
        using var admin = await app.StaffClientAsync();
        using var shopper = app.NewShopper();
        await shopper.RegisterAsync();
        var (sku, _) = await app.SkuWithStockAsync(10, skip: 23);
        var unpaid = await shopper.PlacePickupOrderAsync(sku);
        var paid = await shopper.PlacePickupOrderAsync(sku);
        await app.PayAsync(paid.Number, paid.PayableFen);

        var refused = await admin.PostAsJsonAsync($"/api/admin/orders/{unpaid.Number}/ship", new { carrier = "顺丰速运", trackingNumber = "SF1234567890" });
        var badTracking = await admin.PostAsJsonAsync($"/api/admin/orders/{paid.Number}/ship", new { carrier = "顺丰速运", trackingNumber = "不是单号" });
        var shipped = await admin.PostAsJsonAsync($"/api/admin/orders/{paid.Number}/ship", new { carrier = "顺丰速运", trackingNumber = "SF1234567890" });

        await refused.ProblemAsync(HttpStatusCode.Conflict);
        await badTracking.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.OK, shipped.StatusCode);
        var seenByShopper = await shopper.GetAsync<OrderView>($"/api/orders/{paid.Number}");
        Assert.Equal(("Shipped", "SF1234567890"), (seenByShopper.Status, seenByShopper.TrackingNumber));
        Assert.True(await app.QueryAsync(db => db.AuditLog.AnyAsync(a => a.Action == "order.ship" && a.Target == $"order:{paid.Number}")));
    }
}
