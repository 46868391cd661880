using WxMall.WeChatEmulator.Accounts;

namespace WxMall.WeChatEmulator.MiniProgram;

/// <summary>Login codes (wx.login) and phone codes (getPhoneNumber) issued by the emulator's mini-program shell; single use, 5 minutes.</summary>
public sealed class MiniProgramState(TimeProvider timeProvider)
{
    private static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(5);

    private readonly Lock gate = new();
    private readonly Dictionary<string, (string UserId, DateTimeOffset ExpiresAt, bool Used)> loginCodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string UserId, DateTimeOffset ExpiresAt, bool Used)> phoneCodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> sessionKeys = new(StringComparer.Ordinal);
    private readonly HashSet<string> shipped = new(StringComparer.Ordinal);

    public string IssueLoginCode(EmulatedUser user) => Issue(loginCodes, user);

    public string IssuePhoneCode(EmulatedUser user) => Issue(phoneCodes, user);

    /// <summary>0 and the user id, or 40029 (invalid) / 40163 (used).</summary>
    public (int ErrorCode, string? UserId) RedeemLoginCode(string? code) => Redeem(loginCodes, code);

    public (int ErrorCode, string? UserId) RedeemPhoneCode(string? code) => Redeem(phoneCodes, code);

    public string SessionKey(EmulatedUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        lock (gate)
        {
            if (!sessionKeys.TryGetValue(user.UserId, out var key))
            {
                key = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
                sessionKeys[user.UserId] = key;
            }

            return key;
        }
    }

    /// <summary>Records a shipping upload; false when the order already used its one re-shipment.</summary>
    public int Ship(string orderKey)
    {
        lock (gate)
        {
            if (shipped.Contains(orderKey + "#again"))
            {
                return 10060003;
            }

            if (!shipped.Add(orderKey))
            {
                shipped.Add(orderKey + "#again");
            }

            return 0;
        }
    }

    private string Issue(Dictionary<string, (string UserId, DateTimeOffset ExpiresAt, bool Used)> codes, EmulatedUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var code = OpenIdentifiers.Random(32);
        lock (gate)
        {
            codes[code] = (user.UserId, timeProvider.GetUtcNow() + CodeLifetime, false);
        }

        return code;
    }

    private (int ErrorCode, string? UserId) Redeem(Dictionary<string, (string UserId, DateTimeOffset ExpiresAt, bool Used)> codes, string? code)
    {
        lock (gate)
        {
            if (code is null || !codes.TryGetValue(code, out var entry) || entry.ExpiresAt <= timeProvider.GetUtcNow())
            {
                return (40029, null);
            }

            if (entry.Used)
            {
                return (40163, null);
            }

            codes[code] = entry with { Used = true };
            return (0, entry.UserId);
        }
    }
}
