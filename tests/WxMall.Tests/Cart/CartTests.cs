using System.Net;
using WxMall.Cart;
using WxMall.Tests.Infrastructure;

namespace WxMall.Tests.Cart;

public sealed class CartTests(MallAppFactory app) : IClassFixture<MallAppFactory>
{
    [Fact]
    public async Task An_anonymous_device_keeps_a_cart_with_live_prices()
    {
        using var browser = app.NewShopper();
        var (sku, price) = await app.SkuWithStockAsync(10);

        await browser.Client.PostAsJsonAsync("/api/cart/lines", new { sku, quantity = 1 });
        var cart = await (await browser.Client.PostAsJsonAsync("/api/cart/lines", new { sku, quantity = 2 })).Content.ReadFromJsonAsync<CartView>(Shopper.Json);

        var line = Assert.Single(cart!.Lines);
        Assert.Equal((3, price * 3, true), (line.Quantity, line.LineTotalFen, line.Purchasable));
        Assert.Equal(price * 3, cart.GoodsFen);
    }

    [Fact]
    public async Task Logging_in_merges_the_device_cart_into_the_members_cart()
    {
        using var phone = app.NewShopper();
        var (inBoth, _) = await app.SkuWithStockAsync(10, skip: 1);
        var (onlyAnonymous, _) = await app.SkuWithStockAsync(10, skip: 2);
        await phone.RegisterAsync();
        await phone.Client.PostAsJsonAsync("/api/cart/lines", new { sku = inBoth, quantity = 1 });
        await phone.Client.PostAsync("/api/members/logout", null);
        await phone.Client.PostAsJsonAsync("/api/cart/lines", new { sku = inBoth, quantity = 2 });
        await phone.Client.PostAsJsonAsync("/api/cart/lines", new { sku = onlyAnonymous, quantity = 1 });

        await phone.Client.PostAsJsonAsync("/api/members/login", new { phone = phone.Phone, password = "secret-pass-1" });
        var merged = await phone.GetAsync<CartView>("/api/cart");

        Assert.Equal(3, merged.Lines.Single(l => l.Sku == inBoth).Quantity);
        Assert.Equal(1, merged.Lines.Single(l => l.Sku == onlyAnonymous).Quantity);
    }

    [Fact]
    public async Task Checking_out_takes_the_ordered_skus_out_of_this_members_cart_only()
    {
        var (ordered, _) = await app.SkuWithStockAsync(10, skip: 5);
        var (kept, _) = await app.SkuWithStockAsync(10, skip: 6);
        using var buyer = app.NewShopper();
        using var other = app.NewShopper();
        await buyer.RegisterAsync();
        await other.RegisterAsync();
        foreach (var shopper in new[] { buyer, other })
        {
            await shopper.Client.PostAsJsonAsync("/api/cart/lines", new { sku = ordered, quantity = 1 });
            await shopper.Client.PostAsJsonAsync("/api/cart/lines", new { sku = kept, quantity = 1 });
        }

        await buyer.PlacePickupOrderAsync(ordered);
        var keepLines = await other.PlaceOrderAsync(new { lines = new[] { new { sku = ordered, quantity = 1 } }, delivery = "pickup", pickupStore = "bj-zgc", removeFromCart = false });

        Assert.Equal(HttpStatusCode.Created, keepLines.StatusCode);
        Assert.Equal([kept], (await buyer.GetAsync<CartView>("/api/cart")).Lines.Select(l => l.Sku));
        Assert.Equal(new[] { ordered, kept }.Order(), (await other.GetAsync<CartView>("/api/cart")).Lines.Select(l => l.Sku).Order());
    }

    [Fact]
    public async Task Quantities_change_lines_disappear_and_bad_input_is_refused()
    {
        using var browser = app.NewShopper();
        var (sku, _) = await app.SkuWithStockAsync(10, skip: 3);
        await browser.Client.PostAsJsonAsync("/api/cart/lines", new { sku, quantity = 1 });

        var updated = await (await browser.Client.PutAsJsonAsync($"/api/cart/lines/{sku}", new { quantity = 5 })).Content.ReadFromJsonAsync<CartView>(Shopper.Json);
        var tooMany = await browser.Client.PutAsJsonAsync($"/api/cart/lines/{sku}", new { quantity = 100 });
        var unknown = await browser.Client.PostAsJsonAsync("/api/cart/lines", new { sku = "no-such-sku", quantity = 1 });
        var removed = await (await browser.Client.DeleteAsync($"/api/cart/lines/{sku}")).Content.ReadFromJsonAsync<CartView>(Shopper.Json);

        Assert.Equal(5, updated!.Lines.Single().Quantity);
        await tooMany.ProblemAsync(HttpStatusCode.BadRequest);
        await unknown.ProblemAsync(HttpStatusCode.NotFound);
        Assert.Empty(removed!.Lines);
    }

    [Fact]
    public async Task A_line_asking_for_more_than_is_in_stock_is_marked_not_purchasable()
    {
        using var browser = app.NewShopper();
        var (sku, _) = await app.SkuWithStockAsync(10, skip: 4);
        await app.SetAvailableAsync(sku, 2);

        var cart = await (await browser.Client.PostAsJsonAsync("/api/cart/lines", new { sku, quantity = 3 })).Content.ReadFromJsonAsync<CartView>(Shopper.Json);

        Assert.False(cart!.Lines.Single().Purchasable);
        Assert.Equal(2, cart.Lines.Single().Available);
    }
}
