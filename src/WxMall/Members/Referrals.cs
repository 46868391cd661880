using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using WxMall.Data;
using WxMall.Identity;

namespace WxMall.Members;

/// <summary>
/// Referral codes in share links: a member's product share card links to <c>/p/{code}?ref={ReferralCode}</c>. A visit
/// with <c>ref</c> attributes the visitor to the sharer, first touch only: a signed-in member is attributed at once;
/// an anonymous visitor (or a WeChat visitor who is not a member yet) keeps the first code in a cookie, which is
/// attributed when that browser is next seen signed in as a member. Nobody refers themselves.
/// </summary>
public static class Referrals
{
    public const string QueryParameter = "ref";
    public const string Cookie = "wxm_ref";
    public const int CodeLength = 8;
    public static readonly TimeSpan CookieLifetime = TimeSpan.FromDays(30);

    // No 0/O, 1/l/I: codes are read aloud and typed.
    private const string Alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public static bool IsWellFormed(string? code) => code is { Length: CodeLength } && code.All(Alphabet.Contains);

    /// <summary>The member's stable code, made on first use; concurrent first uses agree on one.</summary>
    public static async Task<string> CodeForAsync(MallDb db, IWriteGate writeGate, long memberId, CancellationToken cancellationToken)
    {
        var existing = await db.Members.Where(m => m.Id == memberId).Select(m => m.ReferralCode).FirstOrDefaultAsync(cancellationToken);
        if (existing is not null)
        {
            return existing;
        }

        var fresh = RandomNumberGenerator.GetString(Alphabet, CodeLength);
        await using (await writeGate.EnterAsync(cancellationToken))
        {
            await db.Members.Where(m => m.Id == memberId && m.ReferralCode == null)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.ReferralCode, fresh), cancellationToken);
        }

        return await db.Members.Where(m => m.Id == memberId).Select(m => m.ReferralCode!).FirstAsync(cancellationToken);
    }

    /// <summary>Records referrals from <c>?ref=</c> and the first-touch cookie; runs after authentication, on page requests only.</summary>
    public static IApplicationBuilder UseReferrals(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var path = context.Request.Path;
        var fromQuery = context.Request.Query[QueryParameter].ToString();
        var fromCookie = context.Request.Cookies[Cookie];
        if ((fromQuery.Length > 0 || fromCookie is not null) && HttpMethods.IsGet(context.Request.Method)
            && !path.StartsWithSegments("/api") && !path.StartsWithSegments("/admin"))
        {
            await RecordAsync(context, IsWellFormed(fromQuery) ? fromQuery : null, IsWellFormed(fromCookie) ? fromCookie : null);
        }

        await next(context);
    });

    private static async Task RecordAsync(HttpContext context, string? fromQuery, string? fromCookie)
    {
        var memberId = context.User.MemberId();
        if (memberId is null)
        {
            // First touch: a code already remembered wins over a later one.
            if (fromQuery is not null && fromCookie is null)
            {
                context.Response.Cookies.Append(Cookie, fromQuery, new CookieOptions
                {
                    HttpOnly = true, SameSite = SameSiteMode.Lax, MaxAge = CookieLifetime, IsEssential = true, Secure = context.Request.IsHttps,
                });
            }

            return;
        }

        var code = fromCookie ?? fromQuery;
        if (code is not null)
        {
            var services = context.RequestServices;
            var db = services.GetRequiredService<MallDb>();
            var referrer = await db.Members.Where(m => m.ReferralCode == code && m.MergedIntoMemberId == null).Select(m => (long?)m.Id).FirstOrDefaultAsync(context.RequestAborted);
            if (referrer is { } referrerId && referrerId != memberId)
            {
                var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
                await using (await services.GetRequiredService<IWriteGate>().EnterAsync(context.RequestAborted))
                {
                    await db.Members.Where(m => m.Id == memberId && m.ReferredByMemberId == null)
                        .ExecuteUpdateAsync(s => s.SetProperty(m => m.ReferredByMemberId, referrerId).SetProperty(m => m.ReferredAt, now), context.RequestAborted);
                }
            }
        }

        // The member is known now: whatever the cookie held has been applied (or was theirs, or unknown).
        if (context.Request.Cookies.ContainsKey(Cookie))
        {
            context.Response.Cookies.Delete(Cookie);
        }
    }
}
