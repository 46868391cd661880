using WxMall.WeChat.Messages;
using WxMall.WeChat.OfficialAccount;

namespace WxMall.OfficialAccount;

/// <summary>What the store answers a shopper: a text or one news card. Sent passively or through the customer-service API.</summary>
public sealed record ReplyContent
{
    private ReplyContent(string? text, NewsArticle? article)
    {
        Text = text;
        Article = article;
    }

    public string? Text { get; }

    public NewsArticle? Article { get; }

    public static ReplyContent OfText(string text) => new(text, null);

    public static ReplyContent OfArticle(NewsArticle article) => new(null, article);

    /// <summary>How the reply reads in a conversation history.</summary>
    public string Summary => Text ?? $"[图文] {Article!.Title} {Article.Url}";

    public string ToPassiveXml(InboundMessage incoming, DateTimeOffset at) =>
        Article is null ? PassiveReply.Text(incoming, at, Text!) : PassiveReply.News(incoming, at, [Article]);

    public SendCustomerServiceMessageRequest ToCustomerServiceMessage(string openId) =>
        Article is null
            ? SendCustomerServiceMessageRequest.ForText(openId, Text!)
            : SendCustomerServiceMessageRequest.ForNews(openId, new CustomerServiceArticle(Article.Title, Article.Description, Article.Url, Article.PictureUrl));
}
