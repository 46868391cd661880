namespace WxMall.WeChatEmulator.OfficialAccount;

public enum TokenCheck
{
    Valid,
    Unknown,
    Expired,
    Revoked,
}

/// <summary>
/// Access tokens with WeChat's semantics. <c>/cgi-bin/token</c>: every call issues a new token and the previous one
/// stays valid 5 more minutes. <c>/cgi-bin/stable_token</c> (isolated from the former): the same token until its last
/// 5 minutes, then a new one while the old lives out its time; <c>force_refresh</c> voids the old one at once, at most
/// 20 times a day and 30 s apart (otherwise no refresh happens).
/// </summary>
public sealed class AccessTokenIssuer(TimeProvider timeProvider)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(7200);
    public static readonly TimeSpan Overlap = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan ForceRefreshSpacing = TimeSpan.FromSeconds(30);

    private readonly Lock gate = new();
    private readonly Dictionary<string, IssuedToken> byValue = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IssuedToken> latestPlain = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IssuedToken> latestStable = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> lastForceRefresh = new(StringComparer.Ordinal);

    public (string Token, int ExpiresInSeconds) IssuePlain(string appId)
    {
        lock (gate)
        {
            var now = timeProvider.GetUtcNow();
            if (latestPlain.TryGetValue(appId, out var previous))
            {
                previous.ValidUntil = Min(previous.ValidUntil, now + Overlap);
            }

            var token = NewToken(appId, now);
            latestPlain[appId] = token;
            return (token.Value, (int)Lifetime.TotalSeconds);
        }
    }

    // forceRefreshAllowed is false when the daily force-refresh quota is used up: the call then acts as a normal one.
    public (string Token, int ExpiresInSeconds) GetStable(string appId, bool forceRefresh, bool forceRefreshAllowed)
    {
        lock (gate)
        {
            var now = timeProvider.GetUtcNow();
            latestStable.TryGetValue(appId, out var current);
            var currentValid = current is not null && current.ValidUntil > now && !current.Revoked;
            if (forceRefresh && forceRefreshAllowed && currentValid
                && (!lastForceRefresh.TryGetValue(appId, out var last) || now - last >= ForceRefreshSpacing))
            {
                lastForceRefresh[appId] = now;
                current!.Revoked = true;
                currentValid = false;
            }

            if (currentValid && current!.ValidUntil - now > Overlap)
            {
                return (current.Value, (int)(current.ValidUntil - now).TotalSeconds);
            }

            var token = NewToken(appId, now);
            latestStable[appId] = token;
            return (token.Value, (int)Lifetime.TotalSeconds);
        }
    }

    public TokenCheck Check(string? value, out string? appId)
    {
        appId = null;
        if (value is null)
        {
            return TokenCheck.Unknown;
        }

        lock (gate)
        {
            if (!byValue.TryGetValue(value, out var token))
            {
                return TokenCheck.Unknown;
            }

            appId = token.AppId;
            if (token.Revoked)
            {
                return TokenCheck.Revoked;
            }

            return token.ValidUntil > timeProvider.GetUtcNow() ? TokenCheck.Valid : TokenCheck.Expired;
        }
    }

    /// <summary>Control: make every token of the app expire now (the next call gets 42001).</summary>
    public void ExpireAll(string appId)
    {
        lock (gate)
        {
            var now = timeProvider.GetUtcNow();
            foreach (var token in byValue.Values.Where(token => token.AppId == appId))
            {
                token.ValidUntil = Min(token.ValidUntil, now);
            }
        }
    }

    private IssuedToken NewToken(string appId, DateTimeOffset now)
    {
        var token = new IssuedToken(Accounts.OpenIdentifiers.Token(), appId) { ValidUntil = now + Lifetime };
        byValue[token.Value] = token;
        return token;
    }

    private static DateTimeOffset Min(DateTimeOffset left, DateTimeOffset right) => left < right ? left : right;

    private sealed record IssuedToken(string Value, string AppId)
    {
        public DateTimeOffset ValidUntil { get; set; }

        public bool Revoked { get; set; }
    }
}
