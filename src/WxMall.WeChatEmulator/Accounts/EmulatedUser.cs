namespace WxMall.WeChatEmulator.Accounts;

/// <summary>A simulated WeChat user: one person with an openid per app and one unionid across them.</summary>
public sealed class EmulatedUser
{
    public required string UserId { get; init; }

    public required string Nickname { get; set; }

    public int Sex { get; set; }

    public string Country { get; set; } = "中国";

    public string Province { get; set; } = "广东";

    public string City { get; set; } = "深圳";

    public string HeadImageUrl { get; set; } = string.Empty;

    public required string UnionId { get; init; }

    public required string OfficialAccountOpenId { get; init; }

    public required string MiniProgramOpenId { get; init; }

    public string PhoneNumber { get; set; } = "13800138000";

    public bool IsFollowing { get; set; }

    public DateTimeOffset? SubscribedAt { get; set; }

    public string SubscribeScene { get; set; } = "ADD_SCENE_OTHERS";

    public int QrSceneId { get; set; }

    public string QrSceneText { get; set; } = string.Empty;

    public string Remark { get; set; } = string.Empty;

    public List<int> TagIds { get; set; } = [];

    /// <summary>Subscribe-message authorisations (template id → remaining one-time sends).</summary>
    public Dictionary<string, int> SubscribeAuthorizations { get; set; } = new(StringComparer.Ordinal);
}
