using System.Text.Json.Serialization;
using WxMall.WeChat.Http;
using WxMall.WeChat.OfficialAccount;

namespace WxMall.WeChat.MiniProgram;

/// <summary>
/// POST /cgi-bin/message/subscribe/send — a subscribe message; one user authorization allows one send
/// (developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-message-management/subscribe-message/sendMessage.html).
/// </summary>
public sealed record SendSubscribeMessageRequest
{
    /// <summary><c>touser</c>: the mini-program openid.</summary>
    [JsonPropertyName("touser")]
    public required string OpenId { get; init; }

    /// <summary><c>template_id</c>.</summary>
    [JsonPropertyName("template_id")]
    public required string TemplateId { get; init; }

    /// <summary><c>page</c>: may carry a query.</summary>
    [JsonPropertyName("page")]
    public string? Page { get; init; }

    /// <summary><c>data</c>: <c>{"thing1":{"value":"…"}}</c>; each key type has a length rule (47003 otherwise).</summary>
    [JsonPropertyName("data")]
    public required IReadOnlyDictionary<string, TemplateDataValue> Data { get; init; }

    /// <summary><c>miniprogram_state</c>: developer, trial or formal (default).</summary>
    [JsonPropertyName("miniprogram_state")]
    public string? MiniProgramState { get; init; }

    /// <summary><c>lang</c>: zh_CN (default), en_US, zh_HK, zh_TW.</summary>
    [JsonPropertyName("lang")]
    public string? Language { get; init; }
}

/// <summary>Response of POST /cgi-bin/message/subscribe/send (43101 when the user has not subscribed).</summary>
public sealed record SendSubscribeMessageResponse : WeChatResponse
{
    /// <summary><c>msgid</c> (modelled by SKIT; not in every doc version).</summary>
    [JsonPropertyName("msgid")]
    public long? MessageId { get; init; }
}
