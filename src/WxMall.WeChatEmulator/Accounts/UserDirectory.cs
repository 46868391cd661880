using System.Text.Json;

namespace WxMall.WeChatEmulator.Accounts;

/// <summary>The simulated users and what each received. Users are kept in <c>users.json</c>; conversations in memory.</summary>
public sealed class UserDirectory
{
    private static readonly JsonSerializerOptions FileJson = new() { WriteIndented = true };

    private readonly Lock gate = new();
    private readonly List<EmulatedUser> users = [];
    private readonly Dictionary<string, List<ConversationEntry>> conversations = new(StringComparer.Ordinal);
    private readonly EmulatorOptions options;
    private readonly TimeProvider timeProvider;
    private readonly string? file;
    private long sequence;

    public UserDirectory(EmulatorOptions options, TimeProvider timeProvider)
    {
        this.options = options;
        this.timeProvider = timeProvider;
        if (options.Persist)
        {
            file = Path.Combine(options.DataDirectory, "users.json");
            if (File.Exists(file))
            {
                users.AddRange(JsonSerializer.Deserialize<List<EmulatedUser>>(File.ReadAllText(file), FileJson) ?? []);
            }
        }

        if (users.Count == 0)
        {
            Create("张三", sex: 1, follow: true);
            Create("李四", sex: 2, follow: false);
        }
    }

    public IReadOnlyList<EmulatedUser> All()
    {
        lock (gate)
        {
            return [.. users];
        }
    }

    public EmulatedUser Create(string nickname, int sex = 0, bool follow = false)
    {
        lock (gate)
        {
            var userId = "u" + (users.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) + "_" + OpenIdentifiers.Random(6);
            var user = new EmulatedUser
            {
                UserId = userId,
                Nickname = nickname,
                Sex = sex,
                UnionId = OpenIdentifiers.UnionId(userId),
                OfficialAccountOpenId = OpenIdentifiers.OpenId(options.OfficialAccount.AppId, userId),
                MiniProgramOpenId = OpenIdentifiers.OpenId(options.MiniProgram.AppId, userId),
                IsFollowing = follow,
                SubscribedAt = follow ? timeProvider.GetUtcNow() : null,
            };
            users.Add(user);
            SaveLocked();
            return user;
        }
    }

    /// <summary>Finds a user by user id, official-account openid, mini-program openid or unionid.</summary>
    public EmulatedUser? Find(string? key)
    {
        if (string.IsNullOrEmpty(key))
        {
            return null;
        }

        lock (gate)
        {
            return users.Find(user => user.UserId == key || user.OfficialAccountOpenId == key || user.MiniProgramOpenId == key || user.UnionId == key);
        }
    }

    public EmulatedUser? FindByOfficialAccountOpenId(string? openId)
    {
        lock (gate)
        {
            return users.Find(user => user.OfficialAccountOpenId == openId);
        }
    }

    public EmulatedUser? FindByMiniProgramOpenId(string? openId)
    {
        lock (gate)
        {
            return users.Find(user => user.MiniProgramOpenId == openId);
        }
    }

    /// <summary>Applies a change to a user under the directory lock and saves it.</summary>
    public void Update(EmulatedUser user, Action<EmulatedUser> change)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(change);
        lock (gate)
        {
            change(user);
            SaveLocked();
        }
    }

    public ConversationEntry Record(EmulatedUser user, string direction, string kind, string summary, string? payload = null)
    {
        ArgumentNullException.ThrowIfNull(user);
        lock (gate)
        {
            var entry = new ConversationEntry
            {
                Sequence = ++sequence,
                Direction = direction,
                Kind = kind,
                Summary = summary,
                Payload = payload,
                At = timeProvider.GetUtcNow(),
            };
            if (!conversations.TryGetValue(user.UserId, out var list))
            {
                list = [];
                conversations[user.UserId] = list;
            }

            list.Add(entry);
            return entry;
        }
    }

    public IReadOnlyList<ConversationEntry> Conversation(EmulatedUser user, long afterSequence = 0)
    {
        ArgumentNullException.ThrowIfNull(user);
        lock (gate)
        {
            return conversations.TryGetValue(user.UserId, out var list)
                ? [.. list.Where(entry => entry.Sequence > afterSequence)]
                : [];
        }
    }

    private void SaveLocked()
    {
        if (file is null)
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, JsonSerializer.Serialize(users, FileJson));
    }
}
