using System.Globalization;
using System.Text;

namespace WxMall.WeChat.Messages;

/// <summary>One article of a passive news reply.</summary>
/// <param name="Title">Title.</param>
/// <param name="Description">Description shown under the title.</param>
/// <param name="PictureUrl">Cover image URL.</param>
/// <param name="Url">Link opened when the article is tapped.</param>
public sealed record NewsArticle(string Title, string Description, string PictureUrl, string Url);

/// <summary>
/// Builders for passive replies, the body of the response to a pushed message
/// (developers.weixin.qq.com/doc/offiaccount/Message_Management/Passive_user_reply_message.html).
/// Each reply swaps <c>ToUserName</c> and <c>FromUserName</c> relative to the incoming message.
/// </summary>
public static class PassiveReply
{
    /// <summary>The literal body that tells WeChat "no reply" without the user seeing an error.</summary>
    public const string Success = "success";

    /// <summary>Most articles a passive news reply may carry; since 2018-10-12 a reply to a user message shows only one.</summary>
    public const int MaximumArticles = 8;

    /// <summary>A text reply.</summary>
    public static string Text(InboundMessage incoming, DateTimeOffset createdAt, string content)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        return Text(incoming.OpenId, incoming.AccountOriginalId, createdAt, content);
    }

    /// <summary>A text reply with explicit addresses.</summary>
    /// <param name="toOpenId">The user's openid (<c>ToUserName</c> of the reply).</param>
    /// <param name="fromAccountOriginalId">The account's original id (<c>FromUserName</c> of the reply).</param>
    /// <param name="createdAt">Reply time.</param>
    /// <param name="content">Text; WeChat accepts up to 2048 bytes.</param>
    public static string Text(string toOpenId, string fromAccountOriginalId, DateTimeOffset createdAt, string content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var builder = Start(toOpenId, fromAccountOriginalId, createdAt, "text");
        Element(builder, "Content", content);
        return builder.Append("</xml>").ToString();
    }

    /// <summary>A news (article card) reply; one article when answering a user message, at most eight otherwise.</summary>
    /// <exception cref="ArgumentException">No articles, or more than <see cref="MaximumArticles"/> (WeChat answers 45008).</exception>
    public static string News(InboundMessage incoming, DateTimeOffset createdAt, IReadOnlyList<NewsArticle> articles)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        ArgumentNullException.ThrowIfNull(articles);
        if (articles.Count is 0 or > MaximumArticles)
        {
            throw new ArgumentException($"A news reply carries 1 to {MaximumArticles} articles (1 when replying to a user message); {articles.Count} were given.", nameof(articles));
        }

        var builder = Start(incoming.OpenId, incoming.AccountOriginalId, createdAt, "news");
        builder.Append("<ArticleCount>").Append(articles.Count.ToString(CultureInfo.InvariantCulture)).Append("</ArticleCount><Articles>");
        foreach (var article in articles)
        {
            builder.Append("<item>");
            Element(builder, "Title", article.Title);
            Element(builder, "Description", article.Description);
            Element(builder, "PicUrl", article.PictureUrl);
            Element(builder, "Url", article.Url);
            builder.Append("</item>");
        }

        return builder.Append("</Articles></xml>").ToString();
    }

    /// <summary>Hands the conversation to a customer-service agent (<c>transfer_customer_service</c>), optionally a named one.</summary>
    /// <param name="incoming">The user's message.</param>
    /// <param name="createdAt">Reply time.</param>
    /// <param name="customerServiceAccount">An agent account (<c>name@account</c>), or null for any agent.</param>
    public static string TransferToCustomerService(InboundMessage incoming, DateTimeOffset createdAt, string? customerServiceAccount = null)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        var builder = Start(incoming.OpenId, incoming.AccountOriginalId, createdAt, "transfer_customer_service");
        if (!string.IsNullOrEmpty(customerServiceAccount))
        {
            builder.Append("<TransInfo>");
            Element(builder, "KfAccount", customerServiceAccount);
            builder.Append("</TransInfo>");
        }

        return builder.Append("</xml>").ToString();
    }

    internal static void AppendCharacterData(StringBuilder builder, string value) =>
        builder.Append("<![CDATA[").Append(value.Replace("]]>", "]]]]><![CDATA[>", StringComparison.Ordinal)).Append("]]>");

    private static StringBuilder Start(string to, string from, DateTimeOffset createdAt, string messageType)
    {
        ArgumentNullException.ThrowIfNull(to);
        ArgumentNullException.ThrowIfNull(from);
        var builder = new StringBuilder(256);
        builder.Append("<xml>");
        Element(builder, "ToUserName", to);
        Element(builder, "FromUserName", from);
        builder.Append("<CreateTime>").Append(createdAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)).Append("</CreateTime>");
        Element(builder, "MsgType", messageType);
        return builder;
    }

    private static void Element(StringBuilder builder, string name, string value)
    {
        builder.Append('<').Append(name).Append('>');
        AppendCharacterData(builder, value ?? string.Empty);
        builder.Append("</").Append(name).Append('>');
    }
}
