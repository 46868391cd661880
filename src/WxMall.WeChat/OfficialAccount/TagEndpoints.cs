using System.Text.Json.Serialization;
using WxMall.WeChat.Http;

namespace WxMall.WeChat.OfficialAccount;

/// <summary>A user tag.</summary>
public sealed record UserTag
{
    /// <summary><c>id</c>.</summary>
    [JsonPropertyName("id")]
    public long? Id { get; init; }

    /// <summary><c>name</c>.</summary>
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    /// <summary><c>count</c>: users carrying the tag (tags/get only).</summary>
    [JsonPropertyName("count")]
    public long? UserCount { get; init; }
}

/// <summary>
/// POST /cgi-bin/tags/create (developers.weixin.qq.com/doc/offiaccount/User_Management/User_Tag_Management.html).
/// </summary>
public sealed record CreateTagRequest
{
    /// <summary><c>tag:{name}</c>.</summary>
    [JsonPropertyName("tag")]
    public required UserTag Tag { get; init; }

    /// <summary>A tag named <paramref name="name"/>.</summary>
    public static CreateTagRequest Named(string name) => new() { Tag = new UserTag { Name = name } };
}

/// <summary>Response of POST /cgi-bin/tags/create.</summary>
public sealed record CreateTagResponse : WeChatResponse
{
    /// <summary><c>tag:{id, name}</c>.</summary>
    [JsonPropertyName("tag")]
    public UserTag? Tag { get; init; }
}

/// <summary>GET /cgi-bin/tags/get (developers.weixin.qq.com/doc/offiaccount/User_Management/User_Tag_Management.html).</summary>
public sealed record GetTagsRequest;

/// <summary>Response of GET /cgi-bin/tags/get.</summary>
public sealed record GetTagsResponse : WeChatResponse
{
    /// <summary><c>tags</c>.</summary>
    [JsonPropertyName("tags")]
    public IReadOnlyList<UserTag> Tags { get; init; } = [];
}

/// <summary>
/// POST /cgi-bin/tags/members/batchtagging — tags up to 50 users
/// (developers.weixin.qq.com/doc/offiaccount/User_Management/User_Tag_Management.html).
/// </summary>
public sealed record TagUsersRequest
{
    /// <summary><c>openid_list</c>: at most 50.</summary>
    [JsonPropertyName("openid_list")]
    public required IReadOnlyList<string> OpenIds { get; init; }

    /// <summary><c>tagid</c>.</summary>
    [JsonPropertyName("tagid")]
    public required long TagId { get; init; }
}

/// <summary>Response of POST /cgi-bin/tags/members/batchtagging.</summary>
public sealed record TagUsersResponse : WeChatResponse;

/// <summary>
/// POST /cgi-bin/tags/members/batchuntagging — removes a tag from up to 50 users
/// (developers.weixin.qq.com/doc/offiaccount/User_Management/User_Tag_Management.html).
/// </summary>
public sealed record UntagUsersRequest
{
    /// <summary><c>openid_list</c>: at most 50.</summary>
    [JsonPropertyName("openid_list")]
    public required IReadOnlyList<string> OpenIds { get; init; }

    /// <summary><c>tagid</c>.</summary>
    [JsonPropertyName("tagid")]
    public required long TagId { get; init; }
}

/// <summary>Response of POST /cgi-bin/tags/members/batchuntagging.</summary>
public sealed record UntagUsersResponse : WeChatResponse;
