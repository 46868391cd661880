using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using WxMall.Compliance;
using WxMall.Data;
using WxMall.Identity;
using WxMall.Infrastructure;

namespace WxMall.Members;

public sealed record RegisterRequest(string? Phone, string? Password, string? Nickname);

public sealed record LoginRequest(string? Phone, string? Password);

public sealed record MemberView(long Id, string Phone, string Nickname, string Level, string LevelName, long PointsBalance, long TotalPaidFen);

/// <summary>Store accounts: phone + password, hashed with ASP.NET Core Identity's password hasher.</summary>
public static partial class MemberAccounts
{
    public static async Task<Results<Created<MemberView>, ValidationProblem, ProblemHttpResult>> Register(
        RegisterRequest request, MallDb db, PersonalDataProtector protector, IPasswordHasher<Member> hasher,
        TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var validation = new Validation()
            .Require(IsMainlandMobile(request.Phone), "phone", "请输入 11 位中国大陆手机号，例如 13812345678")
            .Require(request.Password is { Length: >= 8 and <= 64 }, "password", "密码长度需为 8 到 64 位")
            .Require(request.Nickname is null || request.Nickname.Length <= 20, "nickname", "昵称不能超过 20 个字符");
        if (!validation.IsValid)
        {
            return Problems.Invalid(validation);
        }

        var phone = request.Phone!;
        var lookup = protector.Lookup(phone);
        if (await db.Members.AnyAsync(m => m.PhoneLookup == lookup, cancellationToken))
        {
            return Problems.Conflict("该手机号已注册，请直接登录");
        }

        var member = new Member
        {
            PhoneCipher = protector.Encrypt(phone),
            PhoneLookup = lookup,
            Nickname = string.IsNullOrWhiteSpace(request.Nickname) ? "用户" + phone[^4..] : request.Nickname.Trim(),
            CreatedAt = clock.GetUtcNow(),
        };
        member.PasswordHash = hasher.HashPassword(member, request.Password!);
        db.Members.Add(member);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return Problems.Conflict("该手机号已注册，请直接登录");
        }

        await SignInAsync(http, db, member, clock, cancellationToken);
        return TypedResults.Created("/api/members/me", ToView(member, protector));
    }

    public static async Task<Results<Ok<MemberView>, ValidationProblem, ProblemHttpResult>> Login(
        LoginRequest request, MallDb db, PersonalDataProtector protector, IPasswordHasher<Member> hasher,
        TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var validation = new Validation()
            .Require(!string.IsNullOrWhiteSpace(request.Phone), "phone", "请输入手机号")
            .Require(!string.IsNullOrEmpty(request.Password), "password", "请输入密码");
        if (!validation.IsValid)
        {
            return Problems.Invalid(validation);
        }

        var lookup = protector.Lookup(request.Phone!);
        var member = await db.Members.FirstOrDefaultAsync(m => m.PhoneLookup == lookup, cancellationToken);
        var verdict = member?.PasswordHash is null
            ? PasswordVerificationResult.Failed
            : hasher.VerifyHashedPassword(member, member.PasswordHash, request.Password!);
        if (member is null || verdict == PasswordVerificationResult.Failed)
        {
            return Problems.Unauthorized("手机号或密码不正确");
        }

        if (member.IsMerged)
        {
            return Problems.Unauthorized("该账号已合并到另一个账号，请使用合并后的账号（原微信或手机号）登录");
        }

        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            member.PasswordHash = hasher.HashPassword(member, request.Password!);
            await db.SaveChangesAsync(cancellationToken);
        }

        await SignInAsync(http, db, member, clock, cancellationToken);
        return TypedResults.Ok(ToView(member, protector));
    }

    public static async Task<NoContent> Logout(HttpContext http, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await http.SignOutAsync(AuthSchemes.Member);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<MemberView>, ProblemHttpResult>> Me(
        ClaimsPrincipal user, MallDb db, PersonalDataProtector protector, CancellationToken cancellationToken)
    {
        var member = await db.Members.AsNoTracking().FirstOrDefaultAsync(m => m.Id == user.RequiredMemberId(), cancellationToken);
        return member is null ? Problems.NotFound("会员不存在，请重新登录") : TypedResults.Ok(ToView(member, protector));
    }

    /// <summary>
    /// Signs the member in and merges the device's anonymous cart into the member's cart. A browser that came
    /// through WeChat OAuth keeps its openid claims, so WeChat Pay can still address the shopper.
    /// </summary>
    public static Task SignInAsync(HttpContext http, MallDb db, Member member, TimeProvider clock, CancellationToken cancellationToken) =>
        StorefrontSessions.SignInCookieAsync(
            http, db, new SessionSubject(member.Id, member.Nickname, http.User.WeChatAppId(), http.User.WeChatOpenId()), clock, cancellationToken);

    public static MemberView ToView(Member member, PersonalDataProtector protector) => new(
        member.Id,
        member.PhoneCipher is null ? "" : Mask.Phone(protector.Decrypt(member.PhoneCipher)),
        member.Nickname,
        member.Level.ToString(),
        MemberLevels.DisplayName(member.Level),
        member.PointsBalance,
        member.TotalPaidFen);

    public static bool IsMainlandMobile(string? phone) => phone is not null && MainlandMobile().IsMatch(phone);

    [GeneratedRegex(@"^1[3-9]\d{9}$")]
    private static partial Regex MainlandMobile();
}
