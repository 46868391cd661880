using System.Text.Json.Nodes;
using WxMall.WeChatEmulator.Accounts;

namespace WxMall.WeChatEmulator.OfficialAccount;

/// <summary>What the official account holds: its menu, tags, QR codes, short keys, customer-service windows.</summary>
public sealed class OfficialAccountState(TimeProvider timeProvider)
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, QrCode> qrCodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ShortKey> shortKeys = new(StringComparer.Ordinal);
    private readonly Dictionary<int, string> tags = [];
    private readonly Dictionary<string, ServiceWindow> windows = new(StringComparer.Ordinal);
    private long nextMessageId = 200_163_836;
    private int nextTagId = 100;
    private int nextMenuId = 400_000_000;

    public JsonArray? MenuButtons { get; private set; }

    public int MenuId { get; private set; }

    public void SetMenu(JsonArray buttons)
    {
        lock (gate)
        {
            MenuButtons = buttons;
            MenuId = ++nextMenuId;
        }
    }

    public long NextMessageId() => Interlocked.Increment(ref nextMessageId);

    public QrCode AddQrCode(string? sceneText, long? sceneId, int? expireSeconds)
    {
        var now = timeProvider.GetUtcNow();
        var code = new QrCode(
            "gQ" + OpenIdentifiers.Random(94) + "==",
            "http://weixin.qq.com/q/" + OpenIdentifiers.Random(22),
            sceneText,
            sceneId,
            expireSeconds is null ? null : now.AddSeconds(expireSeconds.Value));
        lock (gate)
        {
            qrCodes[code.Ticket] = code;
        }

        return code;
    }

    /// <summary>A live QR code by ticket or by its content URL.</summary>
    public QrCode? FindQrCode(string? ticketOrUrl)
    {
        lock (gate)
        {
            var code = ticketOrUrl is null ? null : qrCodes.GetValueOrDefault(ticketOrUrl) ?? qrCodes.Values.FirstOrDefault(item => item.Url == ticketOrUrl);
            return code is not null && (code.ExpiresAt is null || code.ExpiresAt > timeProvider.GetUtcNow()) ? code : null;
        }
    }

    public string AddShortKey(string longData, int expireSeconds)
    {
        var key = OpenIdentifiers.Random(15);
        lock (gate)
        {
            shortKeys[key] = new ShortKey(longData, timeProvider.GetUtcNow(), expireSeconds);
        }

        return key;
    }

    public ShortKey? FindShortKey(string? key)
    {
        lock (gate)
        {
            var found = key is null ? null : shortKeys.GetValueOrDefault(key);
            return found is not null && found.CreatedAt.AddSeconds(found.ExpireSeconds) > timeProvider.GetUtcNow() ? found : null;
        }
    }

    public IReadOnlyDictionary<int, string> Tags()
    {
        lock (gate)
        {
            return new Dictionary<int, string>(tags);
        }
    }

    public int AddTag(string name)
    {
        lock (gate)
        {
            var id = nextTagId++;
            tags[id] = name;
            return id;
        }
    }

    /// <summary>
    /// Opens the customer-service window after an interaction: a message gives 5 sends in 48 h; a follow, a menu click
    /// or a QR scan gives 3 sends in 1 minute.
    /// </summary>
    public void OpenWindow(string openId, bool userMessage)
    {
        var now = timeProvider.GetUtcNow();
        var window = userMessage
            ? new ServiceWindow(now.AddHours(48), 5)
            : new ServiceWindow(now.AddMinutes(1), 3);
        lock (gate)
        {
            if (windows.TryGetValue(openId, out var current) && current.ExpiresAt > window.ExpiresAt && current.Remaining > 0)
            {
                return;
            }

            windows[openId] = window;
        }
    }

    /// <summary>0 when a send is allowed and counted, else 45015 (window closed) or 45047 (window's count used up).</summary>
    public int TryUseWindow(string openId)
    {
        lock (gate)
        {
            if (!windows.TryGetValue(openId, out var window) || window.ExpiresAt <= timeProvider.GetUtcNow())
            {
                return 45015;
            }

            if (window.Remaining <= 0)
            {
                return 45047;
            }

            windows[openId] = window with { Remaining = window.Remaining - 1 };
            return 0;
        }
    }

    public sealed record QrCode(string Ticket, string Url, string? SceneText, long? SceneId, DateTimeOffset? ExpiresAt)
    {
        public string Scene => SceneText ?? SceneId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
    }

    public sealed record ShortKey(string LongData, DateTimeOffset CreatedAt, int ExpireSeconds);

    private sealed record ServiceWindow(DateTimeOffset ExpiresAt, int Remaining);
}
