using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;

namespace WxMall.Identity;

/// <summary>What the browser carried from the start of a web OAuth round trip to its callback.</summary>
public sealed record OAuthRoundTrip(string State, string AppId, string Scope, string ReturnUrl, string DeviceId, DateTimeOffset IssuedAt);

/// <summary>
/// Anti-CSRF for web OAuth: <c>state</c> is random, and the same value travels in a Data Protection–sealed, HttpOnly
/// cookie bound to the browser's device id. The callback accepts it once (the cookie is removed), for 10 minutes
/// (WeChat's code itself lives 5), and only for the official account it was started for.
/// </summary>
public sealed class OAuthStateProtector(IDataProtectionProvider dataProtection, TimeProvider clock)
{
    public const string CookieName = "wxm_oauth";
    public const string CookiePath = "/api/wechat/oauth";
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private readonly IDataProtector protector = dataProtection.CreateProtector("WxMall.Identity.OAuthState.v1");

    public string Start(HttpContext http, string appId, string scope, string returnUrl)
    {
        // 32 characters of [a-zA-Z0-9]: WeChat passes state back unchanged only in that alphabet (at most 128 bytes).
        var state = RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 32);
        var trip = new OAuthRoundTrip(state, appId, scope, returnUrl, http.DeviceId() ?? "", clock.GetUtcNow());
        var payload = string.Join('\n', trip.State, trip.AppId, trip.Scope, trip.ReturnUrl, trip.DeviceId,
            trip.IssuedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
        http.Response.Cookies.Append(CookieName, protector.Protect(payload), new CookieOptions
        {
            HttpOnly = true,

            // Lax: WeChat's redirect back is a top-level GET navigation, which still carries the cookie.
            SameSite = SameSiteMode.Lax,
            Secure = http.Request.IsHttps,
            Path = CookiePath,
            MaxAge = Lifetime,
            IsEssential = true,
        });
        return state;
    }

    /// <summary>Reads and removes the round-trip cookie; null when it is missing, forged, expired, for another browser or another state.</summary>
    public OAuthRoundTrip? Complete(HttpContext http, string? state, string expectedAppId)
    {
        var sealedCookie = http.Request.Cookies[CookieName];
        http.Response.Cookies.Delete(CookieName, new CookieOptions { Path = CookiePath, Secure = http.Request.IsHttps });
        if (string.IsNullOrEmpty(sealedCookie) || string.IsNullOrEmpty(state))
        {
            return null;
        }

        string payload;
        try
        {
            payload = protector.Unprotect(sealedCookie);
        }
        catch (CryptographicException)
        {
            return null;
        }

        var parts = payload.Split('\n');
        if (parts.Length != 6 || !long.TryParse(parts[5], NumberStyles.None, CultureInfo.InvariantCulture, out var issuedMs))
        {
            return null;
        }

        var trip = new OAuthRoundTrip(parts[0], parts[1], parts[2], parts[3], parts[4], DateTimeOffset.FromUnixTimeMilliseconds(issuedMs));
        var age = clock.GetUtcNow() - trip.IssuedAt;
        var sameState = CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(trip.State), Encoding.ASCII.GetBytes(state));
        var sameDevice = string.Equals(trip.DeviceId, http.DeviceId() ?? "", StringComparison.Ordinal);
        return sameState && sameDevice && age >= TimeSpan.Zero && age <= Lifetime && string.Equals(trip.AppId, expectedAppId, StringComparison.Ordinal)
            ? trip
            : null;
    }

    /// <summary>Local paths only (<c>/…</c>, not <c>//host</c> or <c>/\host</c>), so the callback cannot be an open redirect.</summary>
    public static bool IsLocalReturnUrl(string? url) =>
        url is { Length: > 0 and <= 2000 }
        && url[0] == '/'
        && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Any(c => char.IsControl(c) || c == '\\');
}
