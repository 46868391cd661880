using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WxMall.Members;
using WxMall.Tests.Infrastructure;

namespace WxMall.Tests.Identity;

/// <summary>A member only ever sees their own orders, addresses and points, whether the session is a cookie (H5) or a bearer token (mini-program).</summary>
public sealed class SessionIsolationTests(SandboxMallAppFactory app) : IClassFixture<SandboxMallAppFactory>
{
    [Fact]
    public async Task Cookie_and_bearer_members_get_404_for_each_others_orders_and_addresses()
    {
        var (sku, _) = await app.SkuWithStockAsync(10, skip: 3);
        using var h5 = app.NewWeChatBrowser();
        await h5.SignInAsync(await app.CreateWeChatUserAsync(), "userinfo");
        var cookieShopper = new Shopper(h5.Client);
        var cookieOrder = await cookieShopper.PlacePickupOrderAsync(sku);
        var cookieAddress = await cookieShopper.AddAddressAsync();
        using var bearer = await app.MiniProgramClientAsync(await app.CreateWeChatUserAsync());
        var bearerShopper = new Shopper(bearer);
        var bearerOrder = await bearerShopper.PlacePickupOrderAsync(sku);
        var bearerAddress = await bearerShopper.AddAddressAsync();
        var cookieMember = (await h5.MeAsync()).GetProperty("memberId").GetInt64();
        var bearerMember = (await bearer.GetFromJsonAsync<JsonElement>("/api/me")).GetProperty("memberId").GetInt64();
        Assert.NotEqual(cookieMember, bearerMember);
        Assert.Equal(bearerMember, await app.QueryAsync(db => db.Orders.Where(o => o.Number == bearerOrder.Number).Select(o => o.MemberId).SingleAsync()));

        foreach (var (client, foreignOrder, foreignAddress) in new[] { (h5.Client, bearerOrder.Number, bearerAddress), (bearer, cookieOrder.Number, cookieAddress) })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/orders/{foreignOrder}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync($"/api/orders/{foreignOrder}/cancel", content: null)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync($"/api/members/me/addresses/{foreignAddress}")).StatusCode);
            var orders = await client.GetFromJsonAsync<JsonElement>("/api/orders");
            Assert.DoesNotContain(foreignOrder, orders.GetRawText(), StringComparison.Ordinal);
            var addresses = await client.GetFromJsonAsync<List<AddressView>>("/api/members/me/addresses", Shopper.Json);
            Assert.DoesNotContain(addresses!, a => a.Id == foreignAddress);
        }

        // Both foreign orders and addresses are untouched.
        Assert.Equal(2, await app.QueryAsync(db => db.Addresses.CountAsync(a => a.Id == cookieAddress || a.Id == bearerAddress)));
        Assert.Equal(2, await app.QueryAsync(db => db.Orders.CountAsync(o => (o.Number == cookieOrder.Number || o.Number == bearerOrder.Number) && o.Status == WxMall.Ordering.OrderStatus.AwaitingPayment)));
    }

    [Fact]
    public async Task Points_are_read_for_the_session_member_only()
    {
        using var h5 = app.NewWeChatBrowser();
        await h5.SignInAsync(await app.CreateWeChatUserAsync(), "userinfo");
        using var bearer = await app.MiniProgramClientAsync(await app.CreateWeChatUserAsync());
        var bearerMember = (await bearer.GetFromJsonAsync<JsonElement>("/api/me")).GetProperty("memberId").GetInt64();
        await app.QueryAsync(async db =>
        {
            db.PointsEntries.Add(new PointsEntry { MemberId = bearerMember, Delta = 321, Reason = "测试赠送", At = DateTimeOffset.UnixEpoch });
            return await db.SaveChangesAsync();
        });

        var cookiePoints = await h5.Client.GetFromJsonAsync<List<PointsEntryView>>("/api/members/me/points", Shopper.Json);
        var bearerPoints = await bearer.GetFromJsonAsync<List<PointsEntryView>>("/api/members/me/points", Shopper.Json);

        Assert.Empty(cookiePoints!);
        Assert.Equal(321, Assert.Single(bearerPoints!).Delta);
    }

    [Fact]
    public async Task A_forged_or_missing_bearer_token_is_401_and_an_anonymous_visitor_cannot_order()
    {
        using var forged = app.CreateClient();
        forged.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "CfDJ8forged-token");
        using var visitor = app.NewWeChatBrowser();
        await visitor.SignInAsync(await app.CreateWeChatUserAsync(), "base");

        var forgedAnswer = await forged.GetAsync("/api/orders");
        var visitorAnswer = await visitor.Client.GetAsync("/api/members/me/addresses");

        await forgedAnswer.ProblemAsync(HttpStatusCode.Unauthorized);
        var problem = await visitorAnswer.ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("登录", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("guest", (await forged.GetFromJsonAsync<JsonElement>("/api/me")).GetProperty("kind").GetString());
    }
}
