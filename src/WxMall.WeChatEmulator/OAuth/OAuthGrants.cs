using WxMall.WeChatEmulator.Accounts;

namespace WxMall.WeChatEmulator.OAuth;

/// <summary>Web OAuth codes (single use, 5 minutes), web access tokens (2 h) and refresh tokens (30 days).</summary>
public sealed class OAuthGrants(TimeProvider timeProvider)
{
    public static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan AccessLifetime = TimeSpan.FromHours(2);
    public static readonly TimeSpan RefreshLifetime = TimeSpan.FromDays(30);

    private readonly Lock gate = new();
    private readonly Dictionary<string, Grant> codes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Grant> accessTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Grant> refreshTokens = new(StringComparer.Ordinal);

    public string IssueCode(string appId, string userId, string scope)
    {
        var code = OpenIdentifiers.Random(32);
        lock (gate)
        {
            codes[code] = new Grant(appId, userId, scope, timeProvider.GetUtcNow() + CodeLifetime);
        }

        return code;
    }

    /// <summary>0 and the grant, or 40029 (unknown / other app), 40163 (already used), 42003 (expired).</summary>
    public (int ErrorCode, Grant? Grant) RedeemCode(string appId, string? code)
    {
        lock (gate)
        {
            if (code is null || !codes.TryGetValue(code, out var grant) || grant.AppId != appId)
            {
                return (40029, null);
            }

            if (grant.Used)
            {
                return (40163, null);
            }

            if (grant.ExpiresAt <= timeProvider.GetUtcNow())
            {
                return (42003, null);
            }

            grant.Used = true;
            return (0, grant);
        }
    }

    public (string AccessToken, string RefreshToken) IssueTokens(Grant grant)
    {
        ArgumentNullException.ThrowIfNull(grant);
        var now = timeProvider.GetUtcNow();
        var access = OpenIdentifiers.Token()[..88];
        var refresh = OpenIdentifiers.Token()[..88];
        lock (gate)
        {
            accessTokens[access] = grant with { ExpiresAt = now + AccessLifetime };
            refreshTokens[refresh] = grant with { ExpiresAt = now + RefreshLifetime };
        }

        return (access, refresh);
    }

    /// <summary>0 and a new access token for the refresh token, or 40030 (invalid) / 42002 (expired).</summary>
    public (int ErrorCode, Grant? Grant, string? AccessToken) Refresh(string appId, string? refreshToken)
    {
        lock (gate)
        {
            if (refreshToken is null || !refreshTokens.TryGetValue(refreshToken, out var grant) || grant.AppId != appId)
            {
                return (40030, null, null);
            }

            if (grant.ExpiresAt <= timeProvider.GetUtcNow())
            {
                return (42002, null, null);
            }

            var access = OpenIdentifiers.Token()[..88];
            accessTokens[access] = grant with { ExpiresAt = timeProvider.GetUtcNow() + AccessLifetime };
            return (0, grant, access);
        }
    }

    /// <summary>0 and the grant behind a web access token, or 40001 (unknown) / 42001 (expired).</summary>
    public (int ErrorCode, Grant? Grant) CheckAccessToken(string? accessToken)
    {
        lock (gate)
        {
            if (accessToken is null || !accessTokens.TryGetValue(accessToken, out var grant))
            {
                return (40001, null);
            }

            return grant.ExpiresAt <= timeProvider.GetUtcNow() ? (42001, null) : (0, grant);
        }
    }

    public sealed record Grant(string AppId, string UserId, string Scope, DateTimeOffset ExpiresAt)
    {
        public bool Used { get; set; }
    }
}
