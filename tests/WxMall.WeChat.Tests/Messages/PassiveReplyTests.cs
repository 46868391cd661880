using WxMall.WeChat.Messages;

namespace WxMall.WeChat.Tests.Messages;

public sealed class PassiveReplyTests
{
    private static readonly DateTimeOffset ReplyTime = DateTimeOffset.FromUnixTimeSeconds(12345678);

    private static InboundMessage Incoming() =>
        InboundMessageParser.Parse("<xml><ToUserName><![CDATA[gh_xxx]]></ToUserName><FromUserName><![CDATA[openid]]></FromUserName><CreateTime>1</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hi]]></Content><MsgId>1</MsgId></xml>").Message!;

    [Fact]
    public void Text_reply_swaps_the_addresses_exactly_as_documented()
    {
        Assert.Equal(
            "<xml><ToUserName><![CDATA[openid]]></ToUserName><FromUserName><![CDATA[gh_xxx]]></FromUserName><CreateTime>12345678</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[你好]]></Content></xml>",
            PassiveReply.Text(Incoming(), ReplyTime, "你好"));
    }

    [Fact]
    public void News_reply_lists_its_articles()
    {
        var xml = PassiveReply.News(Incoming(), ReplyTime, [new NewsArticle("RTX 5090", "到货", "https://img.example/1.jpg", "https://shop.example/p/1")]);

        Assert.Equal(
            "<xml><ToUserName><![CDATA[openid]]></ToUserName><FromUserName><![CDATA[gh_xxx]]></FromUserName><CreateTime>12345678</CreateTime><MsgType><![CDATA[news]]></MsgType>"
            + "<ArticleCount>1</ArticleCount><Articles><item><Title><![CDATA[RTX 5090]]></Title><Description><![CDATA[到货]]></Description><PicUrl><![CDATA[https://img.example/1.jpg]]></PicUrl><Url><![CDATA[https://shop.example/p/1]]></Url></item></Articles></xml>",
            xml);
    }

    [Fact]
    public void News_reply_refuses_an_empty_or_oversized_list()
    {
        Assert.Throws<ArgumentException>(() => PassiveReply.News(Incoming(), ReplyTime, []));
        Assert.Throws<ArgumentException>(() => PassiveReply.News(Incoming(), ReplyTime, Enumerable.Repeat(new NewsArticle("t", "d", "p", "u"), 9).ToList()));
    }

    [Fact]
    public void Transfer_to_customer_service_with_and_without_an_agent()
    {
        Assert.Equal(
            "<xml><ToUserName><![CDATA[openid]]></ToUserName><FromUserName><![CDATA[gh_xxx]]></FromUserName><CreateTime>12345678</CreateTime><MsgType><![CDATA[transfer_customer_service]]></MsgType></xml>",
            PassiveReply.TransferToCustomerService(Incoming(), ReplyTime));
        Assert.EndsWith(
            "<MsgType><![CDATA[transfer_customer_service]]></MsgType><TransInfo><KfAccount><![CDATA[test1@test]]></KfAccount></TransInfo></xml>",
            PassiveReply.TransferToCustomerService(Incoming(), ReplyTime, "test1@test"), StringComparison.Ordinal);
    }

    [Fact]
    public void Content_that_would_close_the_cdata_section_round_trips()
    {
        var xml = PassiveReply.Text(Incoming(), ReplyTime, "a]]>b<c>");

        var reread = SafeXmlReader.Read(xml);

        Assert.Equal("a]]>b<c>", reread.Fields!["Content"]);
    }

    [Fact]
    public void Success_is_the_literal_word()
    {
        Assert.Equal("success", PassiveReply.Success);
    }
}
