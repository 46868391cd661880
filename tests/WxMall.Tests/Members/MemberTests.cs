using System.Net;
using Microsoft.EntityFrameworkCore;
using WxMall.Members;
using WxMall.Tests.Infrastructure;

namespace WxMall.Tests.Members;

public sealed class MemberTests(MallAppFactory app) : IClassFixture<MallAppFactory>
{
    [Fact]
    public async Task A_member_registers_with_a_phone_that_is_stored_encrypted_and_shown_masked()
    {
        using var shopper = app.NewShopper();
        var phone = Shopper.RandomPhone();

        var member = await shopper.RegisterAsync(phone);

        Assert.Equal(phone[..3] + "****" + phone[^4..], member.Phone);
        Assert.Equal("普通会员", member.LevelName);
        var stored = await app.QueryAsync(db => db.Members.Where(m => m.Id == member.Id).Select(m => new { m.PhoneCipher, m.PhoneLookup, m.PasswordHash }).FirstAsync());
        Assert.DoesNotContain(phone, stored.PhoneCipher + stored.PhoneLookup, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-pass-1", stored.PasswordHash, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logging_in_checks_the_password_and_a_phone_registers_only_once()
    {
        using var first = app.NewShopper();
        await first.RegisterAsync();
        using var second = app.NewShopper();

        var duplicate = await second.Client.PostAsJsonAsync("/api/members/register", new { phone = first.Phone, password = "another-pass-2" });
        var wrong = await second.Client.PostAsJsonAsync("/api/members/login", new { phone = first.Phone, password = "wrong-password" });
        var right = await second.Client.PostAsJsonAsync("/api/members/login", new { phone = first.Phone, password = "secret-pass-1" });

        await duplicate.ProblemAsync(HttpStatusCode.Conflict);
        await wrong.ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await second.Client.GetAsync("/api/members/me")).StatusCode);
    }

    [Theory]
    [InlineData("12345", "secret-pass-1", "phone")]
    [InlineData("13812345678", "short", "password")]
    public async Task Bad_registrations_are_400_problems_naming_the_field(string phone, string password, string field)
    {
        using var shopper = app.NewShopper();

        var response = await shopper.Client.PostAsJsonAsync("/api/members/register", new { phone, password });

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Addresses_are_encrypted_at_rest_masked_when_shown_and_private_to_their_member()
    {
        using var owner = app.NewShopper();
        using var other = app.NewShopper();
        await owner.RegisterAsync();
        await other.RegisterAsync();
        var id = await owner.AddAddressAsync();

        var mine = await owner.GetAsync<List<AddressView>>("/api/members/me/addresses");
        var theirs = await other.GetAsync<List<AddressView>>("/api/members/me/addresses");
        var deleteOthers = await other.Client.DeleteAsync($"/api/members/me/addresses/{id}");

        var address = Assert.Single(mine);
        Assert.Equal(("张**", "138****1234", "中关村大****"), (address.RecipientName, address.Phone, address.Detail));
        Assert.True(address.IsDefault);
        Assert.Empty(theirs);
        await deleteOthers.ProblemAsync(HttpStatusCode.NotFound);
        var raw = await app.QueryAsync(db => db.Addresses.Where(a => a.Id == id).Select(a => a.RecipientNameCipher + a.PhoneCipher + a.DetailCipher).FirstAsync());
        Assert.DoesNotContain("张三丰", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("13812341234", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("中关村", raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_incomplete_address_is_refused_field_by_field()
    {
        using var shopper = app.NewShopper();
        await shopper.RegisterAsync();

        var response = await shopper.Client.PostAsJsonAsync("/api/members/me/addresses", new { recipientName = "", phone = "110", province = "北京市" });

        var errors = (await response.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("recipientName", out _));
        Assert.True(errors.TryGetProperty("phone", out _));
        Assert.True(errors.TryGetProperty("detail", out _));
    }

    [Fact]
    public async Task Member_pages_need_a_logged_in_member()
    {
        using var anonymous = app.NewShopper();

        await (await anonymous.Client.GetAsync("/api/members/me")).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await anonymous.Client.GetAsync("/api/members/me/addresses")).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData(0, MemberLevel.Regular)]
    [InlineData(499_999, MemberLevel.Regular)]
    [InlineData(500_000, MemberLevel.Silver)]
    [InlineData(2_000_000, MemberLevel.Gold)]
    [InlineData(5_000_000, MemberLevel.Diamond)]
    public void Levels_follow_the_total_paid(long totalPaidFen, MemberLevel level) => Assert.Equal(level, MemberLevels.For(totalPaidFen));
}
