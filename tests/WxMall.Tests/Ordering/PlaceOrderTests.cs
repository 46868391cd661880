using System.Net;
using Microsoft.EntityFrameworkCore;
using WxMall.Cart;
using WxMall.Ordering;
using WxMall.Tests.Infrastructure;

namespace WxMall.Tests.Ordering;

public sealed class PlaceOrderTests(MallAppFactory app) : IClassFixture<MallAppFactory>
{
    [Fact]
    public async Task A_pickup_order_is_priced_on_the_server_reserves_stock_and_writes_the_ledger()
    {
        using var shopper = app.NewShopper();
        await shopper.RegisterAsync();
        var (sku, price) = await app.SkuWithStockAsync(10);
        var before = await app.StockAsync(sku);

        var response = await shopper.PlaceOrderAsync(new { lines = new[] { new { sku, quantity = 2, priceFen = 1 } }, delivery = "pickup", pickupStore = "bj-zgc" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var order = (await response.Content.ReadFromJsonAsync<OrderView>(Shopper.Json))!;
        Assert.Equal(price * 2, order.PayableFen);
        Assert.Equal("AwaitingPayment", order.Status);
        Assert.Equal(0, order.ShippingFen);
        Assert.Matches("^WX[0-9]{26}$", order.Number);
        Assert.Equal(order.PlacedAt.AddMinutes(30), order.PaymentDeadline);
        var store = await app.QueryAsync(db => db.PickupStores.FirstAsync(s => s.Code == "bj-zgc"));
        Assert.Equal($"{store.Name}（{store.Address}）", order.PickupStore);
        Assert.Equal(sku, Assert.Single(order.Lines).Sku);
        Assert.Equal(price, order.Lines[0].UnitPriceFen);
        Assert.Equal(before with { Available = before.Available - 2, Reserved = before.Reserved + 2 }, await app.StockAsync(sku));
        Assert.Equal(await app.StockAsync(sku), await app.LedgerSumAsync(sku));
    }

    [Fact]
    public async Task An_express_order_uses_the_members_address_and_shows_it_masked()
    {
        using var shopper = app.NewShopper();
        await shopper.RegisterAsync();
        var addressId = await shopper.AddAddressAsync();
        var (sku, _) = await app.SkuWithStockAsync(10, skip: 1);

        var response = await shopper.PlaceOrderAsync(new { lines = new[] { new { sku, quantity = 1 } }, delivery = "express", addressId });

        var order = (await response.Content.ReadFromJsonAsync<OrderView>(Shopper.Json))!;
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("138****1234", order.RecipientPhone);
        Assert.Equal("张**", order.RecipientName);
        Assert.DoesNotContain("27 号", order.Address, StringComparison.Ordinal);
        var stored = await app.QueryAsync(db => db.Orders.Where(o => o.Number == order.Number).Select(o => o.RecipientPhoneCipher + o.AddressDetailCipher + o.RecipientNameCipher).FirstAsync());
        Assert.DoesNotContain("13812341234", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("中关村", stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_idempotency_key_twice_creates_one_order()
    {
        using var shopper = app.NewShopper();
        await shopper.RegisterAsync();
        var (sku, _) = await app.SkuWithStockAsync(10, skip: 2);
        var before = await app.StockAsync(sku);
        var request = new { lines = new[] { new { sku, quantity = 1 } }, delivery = "pickup", pickupStore = "sz-hqb" };

        var first = await shopper.PlaceOrderAsync(request, "checkout-key-0001");
        var second = await shopper.PlaceOrderAsync(request, "checkout-key-0001");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal((await first.Content.ReadFromJsonAsync<OrderView>(Shopper.Json))!.Number, (await second.Content.ReadFromJsonAsync<OrderView>(Shopper.Json))!.Number);
        Assert.Equal(before.Reserved + 1, (await app.StockAsync(sku)).Reserved);
    }

    [Fact]
    public async Task A_checkout_double_submitted_at_the_same_moment_creates_one_order()
    {
        using var shopper = app.NewShopper();
        var member = await shopper.RegisterAsync();
        var (sku, _) = await app.SkuWithStockAsync(20, skip: 3);
        var before = await app.StockAsync(sku);
        var request = new { lines = new[] { new { sku, quantity = 1 } }, delivery = "pickup", pickupStore = "bj-zgc" };

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => shopper.PlaceOrderAsync(request, "double-tap-0002")));

        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, r.StatusCode.ToString()));
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.Equal(1, await app.QueryAsync(db => db.Orders.CountAsync(o => o.MemberId == member.Id)));
        Assert.Equal(before.Reserved + 1, (await app.StockAsync(sku)).Reserved);
        Assert.Equal(await app.StockAsync(sku), await app.LedgerSumAsync(sku));
    }

    [Fact]
    public async Task Not_enough_stock_is_a_409_saying_how_many_are_left_and_writes_nothing()
    {
        using var shopper = app.NewShopper();
        var member = await shopper.RegisterAsync();
        var (plenty, _) = await app.SkuWithStockAsync(10, skip: 4);
        var (scarce, _) = await app.SkuWithStockAsync(10, skip: 5);
        await app.SetAvailableAsync(scarce, 3);
        var plentyBefore = await app.StockAsync(plenty);
        var movementsBefore = await app.QueryAsync(db => db.StockMovements.CountAsync());

        // The second line cannot be served, so nothing of the first may be reserved either.
        var response = await shopper.PlaceOrderAsync(new
        {
            lines = new[] { new { sku = plenty, quantity = 1 }, new { sku = scarce, quantity = 5 } }, delivery = "pickup", pickupStore = "bj-zgc",
        });

        var problem = await response.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("仅剩 3 件", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(3, problem.GetProperty("available").GetInt32());
        Assert.Equal(plentyBefore, await app.StockAsync(plenty));
        Assert.Equal(new StockCounters(3, 0, (await app.StockAsync(scarce)).Sold), await app.StockAsync(scarce));
        Assert.Equal(movementsBefore, await app.QueryAsync(db => db.StockMovements.CountAsync()));
        Assert.Equal(0, await app.QueryAsync(db => db.Orders.CountAsync(o => o.MemberId == member.Id)));
    }

    [Fact]
    public async Task An_unknown_SKU_is_a_404_and_writes_nothing()
    {
        using var shopper = app.NewShopper();
        var member = await shopper.RegisterAsync();

        var response = await shopper.PlaceOrderAsync(new { lines = new[] { new { sku = "no-such-sku", quantity = 1 } }, delivery = "pickup", pickupStore = "bj-zgc" });

        var problem = await response.ProblemAsync(HttpStatusCode.NotFound);
        Assert.Contains("no-such-sku", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await app.QueryAsync(db => db.Orders.CountAsync(o => o.MemberId == member.Id)));
    }

    [Fact]
    public async Task A_SKU_taken_off_sale_or_an_unknown_pickup_store_is_a_404_and_writes_nothing()
    {
        using var shopper = app.NewShopper();
        var member = await shopper.RegisterAsync();
        var (sku, _) = await app.SkuWithStockAsync(5, skip: 30);
        var before = await app.StockAsync(sku);
        var productId = await app.QueryAsync(db => db.Skus.Where(s => s.Code == sku).Select(s => s.ProductId).FirstAsync());

        var unknownStore = await shopper.PlaceOrderAsync(new { lines = new[] { new { sku, quantity = 1 } }, delivery = "pickup", pickupStore = "no-such-store" });
        Assert.Contains("no-such-store", (await unknownStore.ProblemAsync(HttpStatusCode.NotFound)).GetProperty("detail").GetString(), StringComparison.Ordinal);

        await app.QueryAsync(db => db.Products.Where(p => p.Id == productId).ExecuteUpdateAsync(p => p.SetProperty(x => x.OnSale, false)));
        try
        {
            var offSale = await shopper.PlaceOrderAsync(new { lines = new[] { new { sku, quantity = 1 } }, delivery = "pickup", pickupStore = "bj-zgc" });
            Assert.Contains(sku, (await offSale.ProblemAsync(HttpStatusCode.NotFound)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            await app.QueryAsync(db => db.Products.Where(p => p.Id == productId).ExecuteUpdateAsync(p => p.SetProperty(x => x.OnSale, true)));
        }

        Assert.Equal(0, await app.QueryAsync(db => db.Orders.CountAsync(o => o.MemberId == member.Id)));
        Assert.Equal(before, await app.StockAsync(sku));
    }

    [Theory]
    [InlineData("""{"lines":[],"delivery":"pickup","pickupStore":"bj-zgc"}""", "lines")]
    [InlineData("""{"lines":[{"sku":"x","quantity":0}],"delivery":"pickup","pickupStore":"bj-zgc"}""", "lines[0].quantity")]
    [InlineData("""{"lines":[{"sku":"x","quantity":1}],"delivery":"drone"}""", "delivery")]
    [InlineData("""{"lines":[{"sku":"x","quantity":1}],"delivery":"express"}""", "addressId")]
    [InlineData("""{"lines":[{"sku":"x","quantity":1}],"delivery":"pickup","pickupStore":"bj-zgc","usePoints":-5}""", "usePoints")]
    public async Task Invalid_checkouts_are_400_problems_naming_the_field(string body, string field)
    {
        using var shopper = app.NewShopper();
        await shopper.RegisterAsync();

        var response = await shopper.Client.PostAsync("/api/orders", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), problem.ToString());
        Assert.False(string.IsNullOrWhiteSpace(messages[0].GetString()));
    }

    [Fact]
    public async Task Malformed_JSON_is_a_400_problem()
    {
        using var shopper = app.NewShopper();
        await shopper.RegisterAsync();

        var response = await shopper.Client.PostAsync("/api/orders", new StringContent("{\"lines\": [", System.Text.Encoding.UTF8, "application/json"));

        await response.ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Checking_out_needs_a_logged_in_member()
    {
        using var anonymous = app.NewShopper();

        var response = await anonymous.PlaceOrderAsync(new { lines = new[] { new { sku = "x", quantity = 1 } }, delivery = "pickup", pickupStore = "bj-zgc" });

        await response.ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Ordered_lines_leave_the_cart_and_other_lines_stay()
    {
        using var shopper = app.NewShopper();
        await shopper.RegisterAsync();
        var (ordered, _) = await app.SkuWithStockAsync(10, skip: 6);
        var (kept, _) = await app.SkuWithStockAsync(10, skip: 7);
        await shopper.Client.PostAsJsonAsync("/api/cart/lines", new { sku = ordered, quantity = 1 });
        await shopper.Client.PostAsJsonAsync("/api/cart/lines", new { sku = kept, quantity = 2 });

        await shopper.PlacePickupOrderAsync(ordered);

        var cart = await shopper.GetAsync<CartView>("/api/cart");
        Assert.Equal([kept], cart.Lines.Select(l => l.Sku));
    }

    [Fact]
    public async Task A_member_never_sees_or_cancels_another_members_order()
    {
        using var owner = app.NewShopper();
        using var other = app.NewShopper();
        await owner.RegisterAsync();
        await other.RegisterAsync();
        var (sku, _) = await app.SkuWithStockAsync(10, skip: 8);
        var order = await owner.PlacePickupOrderAsync(sku);

        (await (await other.Client.GetAsync($"/api/orders/{order.Number}")).ProblemAsync(HttpStatusCode.NotFound)).ToString();
        await (await other.Client.PostAsync($"/api/orders/{order.Number}/cancel", null)).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Empty(await other.GetAsync<List<OrderSummary>>("/api/orders"));
        Assert.Single(await owner.GetAsync<List<OrderSummary>>("/api/orders"));
        Assert.Equal(OrderStatus.AwaitingPayment, await app.OrderStatusAsync(order.Number));
    }

    [Fact]
    public async Task Cancelling_an_unpaid_order_releases_its_stock()
    {
        using var shopper = app.NewShopper();
        await shopper.RegisterAsync();
        var (sku, _) = await app.SkuWithStockAsync(10, skip: 9);
        var before = await app.StockAsync(sku);
        var order = await shopper.PlacePickupOrderAsync(sku, quantity: 3);

        var response = await shopper.Client.PostAsync($"/api/orders/{order.Number}/cancel", null);
        var again = await shopper.Client.PostAsync($"/api/orders/{order.Number}/cancel", null);

        Assert.Equal("Cancelled", (await response.Content.ReadFromJsonAsync<OrderView>(Shopper.Json))!.Status);
        await again.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(before, await app.StockAsync(sku));
        Assert.Equal(before, await app.LedgerSumAsync(sku));
    }
}
