using System.Net;
using System.Text.Json;
using System.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WxMall.Compliance;
using WxMall.Tests.Infrastructure;

namespace WxMall.Tests.Identity;

/// <summary>Web OAuth (silent and one tap) and the mini-program login against the emulator, on SQLite.</summary>
public sealed class WeChatLoginTests(SandboxMallAppFactory app) : IClassFixture<SandboxMallAppFactory>
{
    private const string OfficialAccountAppId = "wx5e1a7c0f2b9d4e68";
    private const string MiniProgramAppId = "wx7c3f9a1e5d2b8064";

    [Fact]
    public async Task Silent_OAuth_signs_the_browser_in_as_an_anonymous_visitor_whose_openid_is_known()
    {
        var user = await app.CreateWeChatUserAsync();
        using var browser = app.NewWeChatBrowser();
        var membersBefore = await app.QueryAsync(db => db.Members.CountAsync());

        var authorize = await browser.StartAsync("base", "/cart?from=menu");
        var query = HttpUtility.ParseQueryString(authorize.Query);
        Assert.Equal(app.EmulatorBaseAddress.Authority, authorize.Authority);
        Assert.Equal(OfficialAccountAppId, query["appid"]);
        Assert.Equal("snsapi_base", query["scope"]);
        Assert.Equal("#wechat_redirect", authorize.Fragment);
        Assert.Matches("^[A-Za-z0-9]{32}$", query["state"]);

        var done = await browser.Client.GetAsync(await browser.AuthorizeAsync(authorize, user));

        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal("/cart?from=menu", done.Headers.Location!.ToString());
        var me = await browser.MeAsync();
        Assert.Equal("wechat-visitor", me.GetProperty("kind").GetString());
        Assert.Equal(OfficialAccountAppId, me.GetProperty("weChatAppId").GetString());
        var identity = await app.QueryAsync(db => db.WeChatIdentities.SingleAsync(i => i.OpenId == user.OfficialAccountOpenId));
        Assert.Equal(OfficialAccountAppId, identity.AppId);
        Assert.Null(identity.MemberId);
        Assert.Null(identity.UnionId); // snsapi_base gives no unionid
        Assert.Equal(membersBefore, await app.QueryAsync(db => db.Members.CountAsync()));

        // Browsing stays anonymous: orders need a member.
        var orders = await browser.Client.GetAsync("/api/orders");
        Assert.Equal(HttpStatusCode.Unauthorized, orders.StatusCode);
    }

    [Fact]
    public async Task One_tap_login_creates_one_member_for_the_unionid_and_keeps_the_device_cart()
    {
        var user = await app.CreateWeChatUserAsync("李雷");
        using var browser = app.NewWeChatBrowser();
        var (sku, _) = await app.SkuWithStockAsync(5);
        Assert.Equal(HttpStatusCode.OK, (await browser.Client.PostAsJsonAsync("/api/cart/lines", new { sku, quantity = 2 })).StatusCode);

        var done = await browser.SignInAsync(user, "userinfo", "/checkout");

        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        var me = await browser.MeAsync();
        Assert.Equal("member", me.GetProperty("kind").GetString());
        Assert.Equal("李雷", me.GetProperty("nickname").GetString());
        var memberId = me.GetProperty("memberId").GetInt64();
        var identity = await app.QueryAsync(db => db.WeChatIdentities.SingleAsync(i => i.OpenId == user.OfficialAccountOpenId));
        Assert.Equal(memberId, identity.MemberId);
        Assert.Equal(user.UnionId, identity.UnionId);
        Assert.Equal("李雷", identity.Nickname);
        var cart = await browser.Client.GetFromJsonAsync<JsonElement>("/api/cart");
        Assert.Equal(2, cart.GetProperty("itemCount").GetInt32());
        Assert.Equal(1, await app.QueryAsync(db => db.CartLines.CountAsync(l => db.Carts.Any(c => c.Id == l.CartId && c.OwnerKey == "m:" + memberId))));

        // Logging in again in another browser finds the same member.
        using var second = app.NewWeChatBrowser();
        await second.SignInAsync(user, "userinfo");
        Assert.Equal(memberId, (await second.MeAsync()).GetProperty("memberId").GetInt64());
        Assert.Equal(1, await app.QueryAsync(db => db.WeChatIdentities.CountAsync(i => i.UnionId == user.UnionId)));
    }

    [Fact]
    public async Task Silent_OAuth_after_login_and_the_mini_program_all_reach_the_same_member()
    {
        var user = await app.CreateWeChatUserAsync("韩梅梅");
        using var browser = app.NewWeChatBrowser();
        await browser.SignInAsync(user, "userinfo");
        var memberId = (await browser.MeAsync()).GetProperty("memberId").GetInt64();

        using var miniProgram = await app.MiniProgramClientAsync(user);
        var me = await miniProgram.GetFromJsonAsync<JsonElement>("/api/me");
        using var laterVisit = app.NewWeChatBrowser();
        await laterVisit.SignInAsync(user, "base");

        Assert.Equal(memberId, me.GetProperty("memberId").GetInt64());
        Assert.Equal(MiniProgramAppId, me.GetProperty("weChatAppId").GetString());
        var kinds = me.GetProperty("linkedApps").EnumerateArray().Select(a => a.GetProperty("kind").GetString()).Order().ToList();
        Assert.Equal(["mini-program", "official-account"], kinds);
        Assert.Equal(memberId, (await laterVisit.MeAsync()).GetProperty("memberId").GetInt64());
        var identities = await app.QueryAsync(db => db.WeChatIdentities.Where(i => i.UnionId == user.UnionId).OrderBy(i => i.AppId).ToListAsync());
        Assert.Equal([(OfficialAccountAppId, user.OfficialAccountOpenId), (MiniProgramAppId, user.MiniProgramOpenId)], identities.Select(i => (i.AppId, i.OpenId)).ToList());
        Assert.All(identities, i => Assert.Equal(memberId, i.MemberId));
    }

    [Fact]
    public async Task The_mini_program_first_then_H5_one_tap_login_also_find_one_member()
    {
        var user = await app.CreateWeChatUserAsync();
        using var miniProgram = await app.MiniProgramClientAsync(user);
        var memberId = (await miniProgram.GetFromJsonAsync<JsonElement>("/api/me")).GetProperty("memberId").GetInt64();

        using var browser = app.NewWeChatBrowser();
        await browser.SignInAsync(user, "userinfo");

        Assert.Equal(memberId, (await browser.MeAsync()).GetProperty("memberId").GetInt64());
    }

    [Fact]
    public async Task A_mini_program_phone_number_is_stored_encrypted_on_a_new_member()
    {
        var phone = Shopper.RandomPhone();
        var user = await app.CreateWeChatUserAsync(phone: phone);

        using var miniProgram = await app.MiniProgramClientAsync(user, withPhone: true);

        var me = await miniProgram.GetFromJsonAsync<JsonElement>("/api/me");
        Assert.Equal(phone[..3] + "****" + phone[^4..], me.GetProperty("phone").GetString());
        var memberId = me.GetProperty("memberId").GetInt64();
        var stored = await app.QueryAsync(db => db.Members.SingleAsync(m => m.Id == memberId));
        Assert.DoesNotContain(phone, stored.PhoneCipher, StringComparison.Ordinal);
        var protector = app.Services.GetRequiredService<PersonalDataProtector>();
        Assert.Equal(phone, protector.Decrypt(stored.PhoneCipher!));
        Assert.Equal(protector.Lookup(phone), stored.PhoneLookup);
    }

    [Fact]
    public async Task A_mini_program_phone_number_links_the_existing_phone_account()
    {
        using var shopper = app.NewShopper();
        var account = await shopper.RegisterAsync();
        var user = await app.CreateWeChatUserAsync(phone: shopper.Phone);

        using var miniProgram = await app.MiniProgramClientAsync(user, withPhone: true);

        var me = await miniProgram.GetFromJsonAsync<JsonElement>("/api/me");
        Assert.Equal(account.Id, me.GetProperty("memberId").GetInt64());
        Assert.True(me.GetProperty("hasPassword").GetBoolean());
        Assert.Equal(account.Id, await app.QueryAsync(db => db.WeChatIdentities.Where(i => i.OpenId == user.MiniProgramOpenId).Select(i => i.MemberId).SingleAsync()));
        Assert.Equal(1, await app.QueryAsync(db => db.Members.CountAsync(m => m.PhoneLookup == db.Members.Where(a => a.Id == account.Id).Select(a => a.PhoneLookup).First())));
    }

    [Fact]
    public async Task A_reused_or_unknown_mini_program_code_is_refused_and_nothing_is_written()
    {
        var user = await app.CreateWeChatUserAsync();
        var code = await app.MiniProgramCodeAsync(user);
        using var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/wechat/miniprogram/login", new { code })).StatusCode);
        var seen = await app.QueryAsync(db => db.WeChatIdentities.SingleAsync(i => i.OpenId == user.MiniProgramOpenId));

        var reused = await client.PostAsJsonAsync("/api/wechat/miniprogram/login", new { code });
        var unknown = await client.PostAsJsonAsync("/api/wechat/miniprogram/login", new { code = "not-a-real-code" });

        Assert.Contains("40163", (await reused.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("40029", (await unknown.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        var after = await app.QueryAsync(db => db.WeChatIdentities.SingleAsync(i => i.OpenId == user.MiniProgramOpenId));
        Assert.Equal(seen.LastSeenAt, after.LastSeenAt);
    }

    [Fact]
    public async Task A_refused_phone_code_leaves_no_member_and_no_identity()
    {
        var user = await app.CreateWeChatUserAsync();
        using var client = app.CreateClient();

        var response = await client.PostAsJsonAsync("/api/wechat/miniprogram/login", new { code = await app.MiniProgramCodeAsync(user), phoneCode = "forged-phone-code" });

        await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.False(await app.QueryAsync(db => db.WeChatIdentities.AnyAsync(i => i.OpenId == user.MiniProgramOpenId)));
    }
}
