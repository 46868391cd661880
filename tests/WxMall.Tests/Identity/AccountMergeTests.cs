using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WxMall.Members;
using WxMall.Ordering;
using WxMall.Tests.Infrastructure;

namespace WxMall.Tests.Identity;

/// <summary>Linking a store account to WeChat, and merging two members, on SQLite and PostgreSQL.</summary>
public sealed class AccountMergeTests(SandboxMallAppFactory app) : IClassFixture<SandboxMallAppFactory>
{
    [Fact]
    public Task Merging_moves_orders_points_addresses_cart_and_identities_in_one_go_on_SQLite() => MergeScenarioAsync(app);

    [Fact]
    public async Task Merging_moves_orders_points_addresses_cart_and_identities_in_one_go_on_PostgreSQL()
    {
        await using var postgres = await PostgresSandboxMallAppFactory.CreateAsync();
        await MergeScenarioAsync(postgres);
    }

    [Fact]
    public async Task A_WeChat_visitor_links_a_store_account_without_any_merge()
    {
        using var shopper = app.NewShopper();
        var account = await shopper.RegisterAsync();
        var user = await app.CreateWeChatUserAsync();
        using var browser = app.NewWeChatBrowser();
        await browser.SignInAsync(user, "base");
        var membersBefore = await app.QueryAsync(db => db.Members.CountAsync());

        var linked = await browser.Client.PostAsJsonAsync("/api/wechat/link", new { phone = shopper.Phone, password = "secret-pass-1" });

        Assert.Equal(HttpStatusCode.OK, linked.StatusCode);
        var result = await linked.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(JsonValueKind.Null, result.GetProperty("merged").ValueKind);
        Assert.Equal(account.Id, (await browser.MeAsync()).GetProperty("memberId").GetInt64());
        Assert.Equal(account.Id, await app.QueryAsync(db => db.WeChatIdentities.Where(i => i.OpenId == user.OfficialAccountOpenId).Select(i => i.MemberId).SingleAsync()));
        Assert.Equal(membersBefore, await app.QueryAsync(db => db.Members.CountAsync()));

        // One-tap login later lands in the same store account.
        using var later = app.NewWeChatBrowser();
        await later.SignInAsync(user, "userinfo");
        Assert.Equal(account.Id, (await later.MeAsync()).GetProperty("memberId").GetInt64());
    }

    [Fact]
    public async Task Linking_needs_the_right_password_and_a_WeChat_session()
    {
        using var shopper = app.NewShopper();
        await shopper.RegisterAsync();
        using var browser = app.NewWeChatBrowser();
        await browser.SignInAsync(await app.CreateWeChatUserAsync(), "base");

        var wrongPassword = await browser.Client.PostAsJsonAsync("/api/wechat/link", new { phone = shopper.Phone, password = "wrong-password" });
        var noWeChat = await shopper.Client.PostAsJsonAsync("/api/wechat/link", new { phone = shopper.Phone, password = "secret-pass-1" });

        await wrongPassword.ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("微信", (await noWeChat.ProblemAsync(HttpStatusCode.Unauthorized)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("wechat-visitor", (await browser.MeAsync()).GetProperty("kind").GetString());
    }

    [Fact]
    public async Task A_store_account_already_bound_to_another_WeChat_user_is_refused()
    {
        using var shopper = app.NewShopper();
        var account = await shopper.RegisterAsync();
        using var first = app.NewWeChatBrowser();
        await first.SignInAsync(await app.CreateWeChatUserAsync(), "base");
        Assert.Equal(HttpStatusCode.OK, (await first.Client.PostAsJsonAsync("/api/wechat/link", new { phone = shopper.Phone, password = "secret-pass-1" })).StatusCode);
        var other = await app.CreateWeChatUserAsync();
        using var second = app.NewWeChatBrowser();
        await second.SignInAsync(other, "base");

        var refused = await second.Client.PostAsJsonAsync("/api/wechat/link", new { phone = shopper.Phone, password = "secret-pass-1" });

        Assert.Contains("另一个微信", (await refused.ProblemAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Null(await app.QueryAsync(db => db.WeChatIdentities.Where(i => i.OpenId == other.OfficialAccountOpenId).Select(i => i.MemberId).SingleAsync()));
        Assert.Equal(1, await app.QueryAsync(db => db.WeChatIdentities.CountAsync(i => i.MemberId == account.Id)));
    }

    [Fact]
    public async Task A_member_with_an_unpaid_order_is_not_merged_and_nothing_moves()
    {
        var (sku, _) = await app.SkuWithStockAsync(10, skip: 6);
        using var wx = app.NewWeChatBrowser();
        await wx.SignInAsync(await app.CreateWeChatUserAsync(), "userinfo");
        var fromId = (await wx.MeAsync()).GetProperty("memberId").GetInt64();
        var unpaid = await new Shopper(wx.Client).PlacePickupOrderAsync(sku);
        using var store = app.NewShopper();
        await store.RegisterAsync();

        var refused = await wx.Client.PostAsJsonAsync("/api/wechat/link/merge", new { phone = store.Phone, password = "secret-pass-1" });

        Assert.Contains("待付款", (await refused.ProblemAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(fromId, await app.QueryAsync(db => db.Orders.Where(o => o.Number == unpaid.Number).Select(o => o.MemberId).SingleAsync()));
        Assert.Null(await app.QueryAsync(db => db.Members.Where(m => m.Id == fromId).Select(m => m.MergedIntoMemberId).SingleAsync()));
        Assert.Equal(fromId, (await wx.MeAsync()).GetProperty("memberId").GetInt64());
    }

    private static async Task MergeScenarioAsync(SandboxMallAppFactory app)
    {
        var (sku, _) = await app.SkuWithStockAsync(20, skip: 5);

        // Member A: created by WeChat one-tap login; a paid order (points earned), an address, a cart line, a mini-program session.
        var user = await app.CreateWeChatUserAsync();
        using var wx = app.NewWeChatBrowser();
        await wx.SignInAsync(user, "userinfo");
        var fromId = (await wx.MeAsync()).GetProperty("memberId").GetInt64();
        var wxShopper = new Shopper(wx.Client);
        var placed = await wxShopper.PlaceOrderAsync(new { lines = new[] { new { sku, quantity = 1 } }, delivery = "pickup", pickupStore = "bj-zgc" }, "same-key");
        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
        var paidOrder = (await placed.Content.ReadFromJsonAsync<OrderView>(Shopper.Json))!;
        Assert.Equal(PaymentOutcome.Recorded, (await app.PayAsync(paidOrder.Number, paidOrder.PayableFen, "4200000000" + fromId)).Outcome);
        await Eventually.TrueAsync(
            () => app.QueryAsync(db => db.PointsEntries.AnyAsync(p => p.MemberId == fromId && p.Reason == PointsReasons.EarnedOnPayment)), "points earned");
        var fromAddress = await wxShopper.AddAddressAsync();
        Assert.Equal(HttpStatusCode.OK, (await wx.Client.PostAsJsonAsync("/api/cart/lines", new { sku, quantity = 2 })).StatusCode);
        using var oldMiniProgram = await app.MiniProgramClientAsync(user);
        var from = await app.QueryAsync(db => db.Members.AsNoTracking().SingleAsync(m => m.Id == fromId));
        Assert.True(from.PointsBalance > 0);

        // Member B: the store account (phone + password) with its own order under the same idempotency key, an address and a cart line.
        using var store = app.NewShopper();
        var intoId = (await store.RegisterAsync()).Id;
        Assert.Equal(HttpStatusCode.Created, (await store.PlaceOrderAsync(new { lines = new[] { new { sku, quantity = 1 } }, delivery = "pickup", pickupStore = "bj-zgc" }, "same-key")).StatusCode);
        await store.AddAddressAsync();
        Assert.Equal(HttpStatusCode.OK, (await store.Client.PostAsJsonAsync("/api/cart/lines", new { sku, quantity = 1 })).StatusCode);
        var into = await app.QueryAsync(db => db.Members.AsNoTracking().SingleAsync(m => m.Id == intoId));
        var credentials = new { phone = store.Phone, password = "secret-pass-1" };

        // Linking explains the conflict and changes nothing.
        var conflict = await (await wx.Client.PostAsJsonAsync("/api/wechat/link", credentials)).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("wechat-member-conflict", conflict.GetProperty("code").GetString());
        Assert.Equal(1, conflict.GetProperty("orders").GetInt32());
        Assert.Equal("/api/wechat/link/merge", conflict.GetProperty("merge").GetString());
        Assert.Contains("合并", conflict.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(fromId, await app.QueryAsync(db => db.Orders.Where(o => o.Number == paidOrder.Number).Select(o => o.MemberId).SingleAsync()));
        await (await wx.Client.PostAsJsonAsync("/api/wechat/link/merge", new { phone = store.Phone, password = "not-the-password" })).ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Null(await app.QueryAsync(db => db.Members.Where(m => m.Id == fromId).Select(m => m.MergedIntoMemberId).SingleAsync()));

        var merge = await wx.Client.PostAsJsonAsync("/api/wechat/link/merge", credentials);

        Assert.True(merge.StatusCode == HttpStatusCode.OK, await merge.Content.ReadAsStringAsync());
        var summary = (await merge.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("merged");
        Assert.Equal(fromId, summary.GetProperty("fromMemberId").GetInt64());
        Assert.Equal(intoId, summary.GetProperty("intoMemberId").GetInt64());
        Assert.Equal(1, summary.GetProperty("orders").GetInt32());
        Assert.Equal(2, summary.GetProperty("weChatIdentities").GetInt32());
        await app.QueryAsync(async db =>
        {
            var emptied = await db.Members.AsNoTracking().SingleAsync(m => m.Id == fromId);
            var kept = await db.Members.AsNoTracking().SingleAsync(m => m.Id == intoId);
            Assert.Equal(intoId, emptied.MergedIntoMemberId);
            Assert.NotNull(emptied.MergedAt);
            Assert.Equal(0, emptied.PointsBalance);
            Assert.Equal(into.PointsBalance + from.PointsBalance, kept.PointsBalance);
            Assert.Equal(into.TotalPaidFen + from.TotalPaidFen, kept.TotalPaidFen);
            Assert.Equal(kept.PointsBalance, await db.PointsEntries.Where(p => p.MemberId == intoId).SumAsync(p => p.Delta));
            Assert.False(await db.Orders.AnyAsync(o => o.MemberId == fromId));
            Assert.False(await db.PointsEntries.AnyAsync(p => p.MemberId == fromId));
            Assert.False(await db.Addresses.AnyAsync(a => a.MemberId == fromId));
            Assert.False(await db.WeChatIdentities.AnyAsync(i => i.MemberId == fromId));
            Assert.Equal(2, await db.Orders.CountAsync(o => o.MemberId == intoId));
            Assert.Equal(2, await db.Addresses.CountAsync(a => a.MemberId == intoId));
            Assert.Equal(1, await db.Addresses.CountAsync(a => a.MemberId == intoId && a.IsDefault));
            Assert.Equal(intoId, await db.Addresses.Where(a => a.Id == fromAddress).Select(a => a.MemberId).SingleAsync());
            Assert.Equal(2, await db.WeChatIdentities.CountAsync(i => i.MemberId == intoId && i.UnionId == user.UnionId));
            Assert.False(await db.Carts.AnyAsync(c => c.OwnerKey == "m:" + fromId));
            Assert.Equal(3, await db.CartLines.Where(l => db.Carts.Any(c => c.Id == l.CartId && c.OwnerKey == "m:" + intoId)).SumAsync(l => l.Quantity));
            Assert.True(await db.AuditLog.AnyAsync(a => a.Action == "members.merge" && a.Target == "member:" + fromId));
            return 0;
        });

        // The WeChat session is now the store account; the emptied member's other sessions stop working.
        var me = await wx.MeAsync();
        Assert.Equal(intoId, me.GetProperty("memberId").GetInt64());
        Assert.Equal(2, me.GetProperty("linkedApps").GetArrayLength());
        var stale = await oldMiniProgram.GetAsync("/api/orders");
        Assert.Contains("合并", (await stale.ProblemAsync(HttpStatusCode.Unauthorized)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        using var freshMiniProgram = await app.MiniProgramClientAsync(user);
        Assert.Equal(intoId, (await freshMiniProgram.GetFromJsonAsync<JsonElement>("/api/me")).GetProperty("memberId").GetInt64());
    }
}
