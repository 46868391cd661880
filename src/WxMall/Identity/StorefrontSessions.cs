using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WxMall.Cart;
using WxMall.Data;

namespace WxMall.Identity;

/// <summary>Who a storefront session is: a member, an anonymous WeChat visitor, or both (a member who came through WeChat).</summary>
public sealed record SessionSubject(long? MemberId, string Name, string? WeChatAppId, string? WeChatOpenId);

/// <summary>The bearer token the mini-program keeps and sends as <c>Authorization: Bearer …</c>.</summary>
public sealed record BearerSession(string AccessToken, string TokenType, long ExpiresIn);

/// <summary>
/// Storefront sessions: the <c>wxm_member</c> cookie in H5 pages, a bearer token (ASP.NET Core's bearer token scheme,
/// protected with Data Protection like the cookie) in the mini-program. Both carry the same claims.
/// </summary>
public static class StorefrontSessions
{
    public static readonly TimeSpan BearerTokenLifetime = TimeSpan.FromDays(7);

    public static ClaimsPrincipal Principal(SessionSubject subject, string scheme)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, subject.Name) };
        if (subject.MemberId is { } memberId)
        {
            claims.Add(new Claim(AuthModule.MemberIdClaim, memberId.ToString(CultureInfo.InvariantCulture)));
        }

        if (subject.WeChatAppId is not null && subject.WeChatOpenId is not null)
        {
            claims.Add(new Claim(AuthModule.WeChatAppIdClaim, subject.WeChatAppId));
            claims.Add(new Claim(AuthModule.WeChatOpenIdClaim, subject.WeChatOpenId));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }

    /// <summary>Signs the browser in with the member cookie; a member's sign-in moves the device cart into the member's cart.</summary>
    public static async Task SignInCookieAsync(HttpContext http, MallDb db, SessionSubject subject, TimeProvider clock, CancellationToken cancellationToken)
    {
        await http.SignInAsync(AuthSchemes.Member, Principal(subject, AuthSchemes.Member));
        if (subject.MemberId is { } memberId && http.DeviceId() is { } deviceId)
        {
            await CartStore.MergeDeviceCartAsync(db, deviceId, memberId, clock, cancellationToken);
        }
    }

    /// <summary>Issues a bearer token for the mini-program (the same ticket format the bearer handler reads back).</summary>
    public static BearerSession IssueBearerToken(IServiceProvider services, SessionSubject subject, TimeProvider clock)
    {
        var options = services.GetRequiredService<IOptionsMonitor<BearerTokenOptions>>().Get(AuthSchemes.MemberBearer);
        var now = clock.GetUtcNow();
        var properties = new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now + options.BearerTokenExpiration };
        var ticket = new AuthenticationTicket(Principal(subject, AuthSchemes.MemberBearer), properties, AuthSchemes.MemberBearer);
        return new BearerSession(options.BearerTokenProtector.Protect(ticket), "Bearer", (long)options.BearerTokenExpiration.TotalSeconds);
    }

    /// <summary>True when the request authenticated with a bearer token (the mini-program), so a changed session needs a new token.</summary>
    public static bool UsesBearerToken(HttpContext http) =>
        http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    /// <summary>Re-issues the caller's session (cookie or bearer token) for a new subject; returns the new token for bearer callers.</summary>
    public static async Task<BearerSession?> RenewAsync(HttpContext http, MallDb db, SessionSubject subject, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (UsesBearerToken(http))
        {
            return IssueBearerToken(http.RequestServices, subject, clock);
        }

        await SignInCookieAsync(http, db, subject, clock, cancellationToken);
        return null;
    }
}

/// <summary>The member behind the session still exists and was not merged into another member.</summary>
public sealed class ActiveMemberRequirement : IAuthorizationRequirement;

/// <summary>One primary-key read per member request, so a session of a merged member stops working at once.</summary>
internal sealed class ActiveMemberHandler(IHotReads reads) : AuthorizationHandler<ActiveMemberRequirement>
{
    public const string MergedFlag = "wxmall.member-merged";

    private sealed record MemberState(bool Merged);

    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, ActiveMemberRequirement requirement)
    {
        if (context.User.MemberId() is not { } memberId)
        {
            return;
        }

        var http = context.Resource as HttpContext;
        // A hot read: it runs on every member request.
        var state = await reads.FirstAsync(
            $"""SELECT "MergedIntoMemberId" IS NOT NULL FROM "Members" WHERE "Id" = {memberId}""",
            row => new MemberState(row.GetBoolean(0)), http?.RequestAborted ?? CancellationToken.None);
        var merged = state?.Merged;
        if (merged == false)
        {
            context.Succeed(requirement);
        }
        else if (merged == true && http is not null)
        {
            http.Items[MergedFlag] = true;
        }
    }
}
