using System.Text.Json.Serialization;
using WxMall.WeChat.Http;

namespace WxMall.WeChat.OfficialAccount;

/// <summary>
/// GET /cgi-bin/user/info — a follower's basic information; since 2021-12-27 no nickname or avatar
/// (developers.weixin.qq.com/doc/offiaccount/User_Management/Get_users_basic_information_UnionID.html).
/// </summary>
public sealed record GetUserInfoRequest
{
    /// <summary><c>openid</c>.</summary>
    [JsonPropertyName("openid")]
    public required string OpenId { get; init; }

    /// <summary><c>lang</c>: zh_CN (default), zh_TW, en.</summary>
    [JsonPropertyName("lang")]
    public string Language { get; init; } = "zh_CN";
}

/// <summary>A follower as returned by user/info and batchget.</summary>
public sealed record UserInfo
{
    /// <summary><c>subscribe</c>: 0 when not following (then only openid, tags and unionid come back).</summary>
    [JsonPropertyName("subscribe")]
    public int Subscribed { get; init; }

    /// <summary><c>openid</c>.</summary>
    [JsonPropertyName("openid")]
    public string OpenId { get; init; } = string.Empty;

    /// <summary><c>subscribe_time</c> (Unix seconds).</summary>
    [JsonPropertyName("subscribe_time")]
    public long? SubscribeTime { get; init; }

    /// <summary><c>unionid</c>, when bound to an Open Platform account.</summary>
    [JsonPropertyName("unionid")]
    public string? UnionId { get; init; }

    /// <summary><c>remark</c>.</summary>
    [JsonPropertyName("remark")]
    public string? Remark { get; init; }

    /// <summary><c>tagid_list</c>.</summary>
    [JsonPropertyName("tagid_list")]
    public IReadOnlyList<long>? TagIds { get; init; }

    /// <summary><c>subscribe_scene</c>: ADD_SCENE_SEARCH, ADD_SCENE_QR_CODE, ADD_SCENE_PAID, …</summary>
    [JsonPropertyName("subscribe_scene")]
    public string? SubscribeScene { get; init; }

    /// <summary><c>qr_scene</c>.</summary>
    [JsonPropertyName("qr_scene")]
    public long? QrScene { get; init; }

    /// <summary><c>qr_scene_str</c>.</summary>
    [JsonPropertyName("qr_scene_str")]
    public string? QrSceneText { get; init; }
}

/// <summary>Response of GET /cgi-bin/user/info.</summary>
public sealed record GetUserInfoResponse : WeChatResponse
{
    /// <summary><c>subscribe</c>.</summary>
    [JsonPropertyName("subscribe")]
    public int Subscribed { get; init; }

    /// <summary><c>openid</c>.</summary>
    [JsonPropertyName("openid")]
    public string OpenId { get; init; } = string.Empty;

    /// <summary><c>subscribe_time</c>.</summary>
    [JsonPropertyName("subscribe_time")]
    public long? SubscribeTime { get; init; }

    /// <summary><c>unionid</c>.</summary>
    [JsonPropertyName("unionid")]
    public string? UnionId { get; init; }

    /// <summary><c>tagid_list</c>.</summary>
    [JsonPropertyName("tagid_list")]
    public IReadOnlyList<long>? TagIds { get; init; }

    /// <summary><c>subscribe_scene</c>.</summary>
    [JsonPropertyName("subscribe_scene")]
    public string? SubscribeScene { get; init; }

    /// <summary><c>qr_scene_str</c>.</summary>
    [JsonPropertyName("qr_scene_str")]
    public string? QrSceneText { get; init; }
}

/// <summary>
/// POST /cgi-bin/user/info/batchget — up to 100 followers at once
/// (developers.weixin.qq.com/doc/offiaccount/User_Management/Get_users_basic_information_UnionID.html).
/// </summary>
public sealed record BatchGetUserInfoRequest
{
    /// <summary><c>user_list</c>: at most 100.</summary>
    [JsonPropertyName("user_list")]
    public required IReadOnlyList<UserInfoQuery> Users { get; init; }
}

/// <summary><c>{openid, lang}</c>.</summary>
/// <param name="OpenId"><c>openid</c>.</param>
/// <param name="Language"><c>lang</c>.</param>
public sealed record UserInfoQuery([property: JsonPropertyName("openid")] string OpenId, [property: JsonPropertyName("lang")] string Language = "zh_CN");

/// <summary>Response of POST /cgi-bin/user/info/batchget.</summary>
public sealed record BatchGetUserInfoResponse : WeChatResponse
{
    /// <summary><c>user_info_list</c>.</summary>
    [JsonPropertyName("user_info_list")]
    public IReadOnlyList<UserInfo> Users { get; init; } = [];
}

/// <summary>
/// GET /cgi-bin/user/get — one page of follower openids (500 calls a day)
/// (developers.weixin.qq.com/doc/offiaccount/User_Management/Getting_a_User_List.html).
/// </summary>
public sealed record GetFollowersRequest
{
    /// <summary><c>next_openid</c>: where the previous page ended; null for the first page.</summary>
    [JsonPropertyName("next_openid")]
    public string? NextOpenId { get; init; }
}

/// <summary>Response of GET /cgi-bin/user/get.</summary>
public sealed record GetFollowersResponse : WeChatResponse
{
    /// <summary><c>total</c>.</summary>
    [JsonPropertyName("total")]
    public long Total { get; init; }

    /// <summary><c>count</c> on this page.</summary>
    [JsonPropertyName("count")]
    public int Count { get; init; }

    /// <summary><c>data</c>.</summary>
    [JsonPropertyName("data")]
    public FollowerPage? Data { get; init; }

    /// <summary><c>next_openid</c>.</summary>
    [JsonPropertyName("next_openid")]
    public string? NextOpenId { get; init; }
}

/// <summary><c>data:{openid:[…]}</c>.</summary>
public sealed record FollowerPage
{
    /// <summary><c>openid</c>.</summary>
    [JsonPropertyName("openid")]
    public IReadOnlyList<string> OpenIds { get; init; } = [];
}
