namespace WxMall.WeChatEmulator.OfficialAccount;

/// <summary>JS-SDK tickets: one per app and type, the same value for 7200 s.</summary>
public sealed class JsApiTickets(TimeProvider timeProvider)
{
    private readonly Lock gate = new();
    private readonly Dictionary<(string AppId, string Type), (string Ticket, DateTimeOffset ExpiresAt)> tickets = [];

    public (string Ticket, int ExpiresInSeconds) Get(string appId, string type)
    {
        lock (gate)
        {
            var now = timeProvider.GetUtcNow();
            if (!tickets.TryGetValue((appId, type), out var current) || current.ExpiresAt <= now)
            {
                current = (Accounts.OpenIdentifiers.Random(86), now + AccessTokenIssuer.Lifetime);
                tickets[(appId, type)] = current;
            }

            return (current.Ticket, (int)(current.ExpiresAt - now).TotalSeconds);
        }
    }

    /// <summary>Every ticket still valid for the app (the JS-SDK check accepts any of them).</summary>
    public IReadOnlyList<string> Valid(string appId)
    {
        lock (gate)
        {
            var now = timeProvider.GetUtcNow();
            return [.. tickets.Where(pair => pair.Key.AppId == appId && pair.Value.ExpiresAt > now).Select(pair => pair.Value.Ticket)];
        }
    }
}
