using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using WxMall.Tests.Infrastructure;

namespace WxMall.Tests.Members;

/// <summary>Share links carry the sharing member's stable referral code; a visit through one attributes the visitor, first touch only.</summary>
public sealed partial class ReferralTests(MallAppFactory app) : IClassFixture<MallAppFactory>
{
    [Fact]
    public async Task A_members_share_link_carries_a_stable_code_and_a_visitor_who_signs_up_is_attributed_to_them()
    {
        var product = await app.QueryAsync(db => db.Products.OrderBy(p => p.Id).Select(p => p.Code).FirstAsync());
        using var sharer = app.NewShopper();
        var sharerMember = await sharer.RegisterAsync();

        var link = await ShareLinkAsync(sharer.Client, product);
        var code = Assert.Single(Regex.Matches(link, @"\?ref=(\w+)$")).Groups[1].Value;
        Assert.Equal(app.ClientOptions.BaseAddress.GetLeftPart(UriPartial.Authority) + $"/p/{product}?ref={code}", link);
        Assert.Equal(link, await ShareLinkAsync(sharer.Client, product));
        Assert.Equal(code, await app.QueryAsync(db => db.Members.Where(m => m.Id == sharerMember.Id).Select(m => m.ReferralCode).FirstAsync()));

        // Someone opens the shared link before having an account, signs up, and is attributed on the next page.
        using var visitor = app.NewShopper();
        Assert.Equal(HttpStatusCode.OK, (await visitor.Client.GetAsync(new Uri(link))).StatusCode);
        var visitorMember = await visitor.RegisterAsync();
        Assert.Null(await ReferrerAsync(visitorMember.Id));
        Assert.Equal(HttpStatusCode.OK, (await visitor.Client.GetAsync("/")).StatusCode);
        Assert.Equal(sharerMember.Id, await ReferrerAsync(visitorMember.Id));

        // First touch: a later link from someone else changes nothing.
        using var other = app.NewShopper();
        await other.RegisterAsync();
        var otherLink = await ShareLinkAsync(other.Client, product);
        Assert.NotEqual(link, otherLink);
        await visitor.Client.GetAsync(new Uri(otherLink));
        Assert.Equal(sharerMember.Id, await ReferrerAsync(visitorMember.Id));

        // Nobody refers themselves.
        await sharer.Client.GetAsync(new Uri(link));
        Assert.Null(await ReferrerAsync(sharerMember.Id));
    }

    [Fact]
    public async Task A_signed_in_member_is_attributed_at_once_and_unknown_or_malformed_codes_are_ignored()
    {
        using var sharer = app.NewShopper();
        var sharerMember = await sharer.RegisterAsync();
        var link = await ShareLinkAsync(sharer.Client, await app.QueryAsync(db => db.Products.OrderBy(p => p.Id).Select(p => p.Code).FirstAsync()));
        var code = link[(link.LastIndexOf('=') + 1)..];

        using var member = app.NewShopper();
        var memberView = await member.RegisterAsync();
        Assert.Equal(HttpStatusCode.OK, (await member.Client.GetAsync("/?ref=zzzzzzzz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await member.Client.GetAsync("/?ref=<script>")).StatusCode);
        Assert.Null(await ReferrerAsync(memberView.Id));

        Assert.Equal(HttpStatusCode.OK, (await member.Client.GetAsync("/search?ref=" + code)).StatusCode);
        var attributed = await app.QueryAsync(db => db.Members.Where(m => m.Id == memberView.Id).Select(m => new { m.ReferredByMemberId, m.ReferredAt }).FirstAsync());
        Assert.Equal(sharerMember.Id, attributed.ReferredByMemberId);
        Assert.NotNull(attributed.ReferredAt);
    }

    [Fact]
    public async Task An_anonymous_visitor_shares_the_plain_link()
    {
        using var visitor = app.NewShopper();
        var product = await app.QueryAsync(db => db.Products.OrderBy(p => p.Id).Select(p => p.Code).FirstAsync());
        Assert.EndsWith($"/p/{product}", await ShareLinkAsync(visitor.Client, product), StringComparison.Ordinal);
    }

    private Task<long?> ReferrerAsync(long memberId) =>
        app.QueryAsync(db => db.Members.Where(m => m.Id == memberId).Select(m => m.ReferredByMemberId).FirstAsync());

    private static async Task<string> ShareLinkAsync(HttpClient client, string product)
    {
        var html = await client.GetStringAsync($"/p/{product}");
        var match = ShareLinkMeta().Match(html);
        Assert.True(match.Success, "the product page has a share-link meta tag");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    [GeneratedRegex("<meta name=\"wxmall:share-link\" content=\"([^\"]+)\">")]
    private static partial Regex ShareLinkMeta();
}
