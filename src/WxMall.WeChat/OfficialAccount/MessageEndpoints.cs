using System.Text.Json.Serialization;
using WxMall.WeChat.Http;

namespace WxMall.WeChat.OfficialAccount;

/// <summary>One value of a template or subscribe message (<c>{"value": "…"}</c>).</summary>
/// <param name="Value">The text shown.</param>
public sealed record TemplateDataValue([property: JsonPropertyName("value")] string Value);

/// <summary>A mini-program page to open from a message.</summary>
public sealed record MiniProgramPage
{
    /// <summary><c>appid</c>.</summary>
    [JsonPropertyName("appid")]
    public required string AppId { get; init; }

    /// <summary><c>pagepath</c> (may carry a query).</summary>
    [JsonPropertyName("pagepath")]
    public string? PagePath { get; init; }
}

/// <summary>
/// POST /cgi-bin/message/template/send — a template message to a follower (100,000 a day by default); the delivery
/// result arrives later as TEMPLATESENDJOBFINISH (developers.weixin.qq.com/doc/offiaccount/Message_Management/Template_Message_Interface.html).
/// </summary>
public sealed record SendTemplateMessageRequest
{
    /// <summary><c>touser</c>: the follower's openid.</summary>
    [JsonPropertyName("touser")]
    public required string OpenId { get; init; }

    /// <summary><c>template_id</c>.</summary>
    [JsonPropertyName("template_id")]
    public required string TemplateId { get; init; }

    /// <summary><c>url</c> opened on tap.</summary>
    [JsonPropertyName("url")]
    public string? Url { get; init; }

    /// <summary><c>miniprogram</c>: takes priority over <see cref="Url"/>.</summary>
    [JsonPropertyName("miniprogram")]
    public MiniProgramPage? MiniProgram { get; init; }

    /// <summary><c>data</c>: keyword name to value.</summary>
    [JsonPropertyName("data")]
    public required IReadOnlyDictionary<string, TemplateDataValue> Data { get; init; }

    /// <summary><c>client_msg_id</c>: de-duplication key.</summary>
    [JsonPropertyName("client_msg_id")]
    public string? ClientMessageId { get; init; }
}

/// <summary>Response of POST /cgi-bin/message/template/send.</summary>
public sealed record SendTemplateMessageResponse : WeChatResponse
{
    /// <summary><c>msgid</c>: matches <c>MsgID</c> of the TEMPLATESENDJOBFINISH event.</summary>
    [JsonPropertyName("msgid")]
    public long MessageId { get; init; }
}

/// <summary>
/// POST /cgi-bin/message/custom/send — a customer-service message inside the 48-hour window (500,000 a day)
/// (developers.weixin.qq.com/doc/offiaccount/Message_Management/Service_Center_messages.html).
/// Build it with <see cref="ForText"/>, <see cref="ForImage"/>, <see cref="ForNews"/> or <see cref="ForMiniProgramCard"/>.
/// </summary>
public sealed record SendCustomerServiceMessageRequest
{
    /// <summary><c>touser</c>.</summary>
    [JsonPropertyName("touser")]
    public required string OpenId { get; init; }

    /// <summary><c>msgtype</c>.</summary>
    [JsonPropertyName("msgtype")]
    public required string MessageType { get; init; }

    /// <summary><c>text</c>.</summary>
    [JsonPropertyName("text")]
    public CustomerServiceText? Text { get; init; }

    /// <summary><c>image</c>.</summary>
    [JsonPropertyName("image")]
    public CustomerServiceMedia? Image { get; init; }

    /// <summary><c>news</c>: one article since 2018.</summary>
    [JsonPropertyName("news")]
    public CustomerServiceNews? News { get; init; }

    /// <summary><c>miniprogrampage</c>.</summary>
    [JsonPropertyName("miniprogrampage")]
    public CustomerServiceMiniProgramPage? MiniProgramPage { get; init; }

    /// <summary><c>customservice</c>: send as a named agent.</summary>
    [JsonPropertyName("customservice")]
    public CustomerServiceAgent? Agent { get; init; }

    /// <summary>A text message.</summary>
    public static SendCustomerServiceMessageRequest ForText(string openId, string content) =>
        new() { OpenId = openId, MessageType = "text", Text = new CustomerServiceText(content) };

    /// <summary>An image message.</summary>
    public static SendCustomerServiceMessageRequest ForImage(string openId, string mediaId) =>
        new() { OpenId = openId, MessageType = "image", Image = new CustomerServiceMedia(mediaId) };

    /// <summary>A news (link card) message.</summary>
    public static SendCustomerServiceMessageRequest ForNews(string openId, CustomerServiceArticle article) =>
        new() { OpenId = openId, MessageType = "news", News = new CustomerServiceNews([article]) };

    /// <summary>A mini-program card.</summary>
    public static SendCustomerServiceMessageRequest ForMiniProgramCard(string openId, CustomerServiceMiniProgramPage page) =>
        new() { OpenId = openId, MessageType = "miniprogrampage", MiniProgramPage = page };
}

/// <summary><c>text:{content}</c>.</summary>
/// <param name="Content">The text.</param>
public sealed record CustomerServiceText([property: JsonPropertyName("content")] string Content);

/// <summary><c>{media_id}</c>.</summary>
/// <param name="MediaId">An uploaded media id.</param>
public sealed record CustomerServiceMedia([property: JsonPropertyName("media_id")] string MediaId);

/// <summary><c>news:{articles}</c>.</summary>
/// <param name="Articles">The articles.</param>
public sealed record CustomerServiceNews([property: JsonPropertyName("articles")] IReadOnlyList<CustomerServiceArticle> Articles);

/// <summary>One article of a customer-service news message.</summary>
/// <param name="Title"><c>title</c>.</param>
/// <param name="Description"><c>description</c>.</param>
/// <param name="Url"><c>url</c>.</param>
/// <param name="PictureUrl"><c>picurl</c>.</param>
public sealed record CustomerServiceArticle(
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("picurl")] string PictureUrl);

/// <summary><c>miniprogrampage:{title, appid, pagepath, thumb_media_id}</c>.</summary>
/// <param name="Title"><c>title</c>.</param>
/// <param name="AppId"><c>appid</c>.</param>
/// <param name="PagePath"><c>pagepath</c>.</param>
/// <param name="ThumbnailMediaId"><c>thumb_media_id</c>.</param>
public sealed record CustomerServiceMiniProgramPage(
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("appid")] string AppId,
    [property: JsonPropertyName("pagepath")] string PagePath,
    [property: JsonPropertyName("thumb_media_id")] string ThumbnailMediaId);

/// <summary><c>customservice:{kf_account}</c>.</summary>
/// <param name="Account">The agent account (<c>name@account</c>).</param>
public sealed record CustomerServiceAgent([property: JsonPropertyName("kf_account")] string Account);

/// <summary>Response of POST /cgi-bin/message/custom/send (45015 outside the window, 45047 over the per-user count).</summary>
public sealed record SendCustomerServiceMessageResponse : WeChatResponse;

/// <summary>
/// POST /cgi-bin/message/custom/typing — shows or hides "typing…" to the user
/// (developers.weixin.qq.com/doc/offiaccount/Message_Management/Service_Center_messages.html, 客服输入状态).
/// </summary>
public sealed record SetCustomerServiceTypingRequest
{
    /// <summary><c>touser</c>.</summary>
    [JsonPropertyName("touser")]
    public required string OpenId { get; init; }

    /// <summary><c>command</c>: <c>Typing</c> or <c>CancelTyping</c>.</summary>
    [JsonPropertyName("command")]
    public required string Command { get; init; }

    /// <summary>Shows "typing…".</summary>
    public static SetCustomerServiceTypingRequest Typing(string openId) => new() { OpenId = openId, Command = "Typing" };

    /// <summary>Hides "typing…".</summary>
    public static SetCustomerServiceTypingRequest CancelTyping(string openId) => new() { OpenId = openId, Command = "CancelTyping" };
}

/// <summary>Response of POST /cgi-bin/message/custom/typing.</summary>
public sealed record SetCustomerServiceTypingResponse : WeChatResponse;
