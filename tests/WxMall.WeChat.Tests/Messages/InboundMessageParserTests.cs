using WxMall.WeChat.Messages;

namespace WxMall.WeChat.Tests.Messages;

public sealed class InboundMessageParserTests
{
    private const string Header = "<xml><ToUserName><![CDATA[gh_7f083739789a]]></ToUserName><FromUserName><![CDATA[oia2TjuEGTNoeX76QEjQNrcURxG8]]></FromUserName><CreateTime>1348831860</CreateTime>";

    private static T Parse<T>(string body)
        where T : InboundMessage
    {
        var result = InboundMessageParser.Parse(Header + body + "</xml>");
        Assert.True(result.Succeeded, result.Detail);
        return Assert.IsType<T>(result.Message);
    }

    [Fact]
    public void Text_message_from_the_protocol_reference()
    {
        const string Xml = """
            <xml><ToUserName><![CDATA[gh_7f083739789a]]></ToUserName><FromUserName><![CDATA[oia2TjuEGTNoeX76QEjQNrcURxG8]]></FromUserName>
            <CreateTime>1348831860</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[this is a test]]></Content><MsgId>1234567890123456</MsgId></xml>
            """;

        var result = InboundMessageParser.Parse(System.Text.Encoding.UTF8.GetBytes(Xml));

        var text = Assert.IsType<TextMessage>(result.Message);
        Assert.Equal("gh_7f083739789a", text.AccountOriginalId);
        Assert.Equal("oia2TjuEGTNoeX76QEjQNrcURxG8", text.OpenId);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1348831860), text.CreatedAt);
        Assert.Equal("this is a test", text.Content);
        Assert.Equal(1234567890123456, text.MessageId);
        Assert.Equal("1234567890123456", text.DeduplicationKey);
    }

    [Fact]
    public void Text_message_from_an_article_carries_its_data_id_and_index()
    {
        var text = Parse<TextMessage>("<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[好评]]></Content><MsgId>42</MsgId><MsgDataId>2247483</MsgDataId><Idx>1</Idx>");

        Assert.Equal("好评", text.Content);
        Assert.Equal("2247483", text.MessageDataId);
        Assert.Equal("1", text.ArticleIndex);
    }

    [Fact]
    public void Image_message()
    {
        var image = Parse<ImageMessage>("<MsgType><![CDATA[image]]></MsgType><PicUrl><![CDATA[http://mmbiz.qpic.cn/x]]></PicUrl><MediaId><![CDATA[media_id]]></MediaId><MsgId>1234567890123456</MsgId>");

        Assert.Equal("http://mmbiz.qpic.cn/x", image.PictureUrl);
        Assert.Equal("media_id", image.MediaId);
    }

    [Fact]
    public void Plain_follow_has_no_scene()
    {
        var follow = Parse<SubscribeEvent>("<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[subscribe]]></Event>");

        Assert.False(follow.FromQrCode);
        Assert.Null(follow.SceneValue);
        Assert.Null(follow.Ticket);
        Assert.Equal("oia2TjuEGTNoeX76QEjQNrcURxG8:1348831860", follow.DeduplicationKey);
    }

    [Fact]
    public void Follow_through_a_parametric_qr_code_strips_the_qrscene_prefix()
    {
        var follow = Parse<SubscribeEvent>("<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[subscribe]]></Event><EventKey><![CDATA[qrscene_campaign_618]]></EventKey><Ticket><![CDATA[TICKET]]></Ticket>");

        Assert.True(follow.FromQrCode);
        Assert.Equal("campaign_618", follow.SceneValue);
        Assert.Equal("TICKET", follow.Ticket);
    }

    [Fact]
    public void Unfollow()
    {
        Parse<UnsubscribeEvent>("<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[unsubscribe]]></Event>");
    }

    [Fact]
    public void Scan_by_a_follower_keeps_the_scene_without_prefix()
    {
        var scan = Parse<ScanEvent>("<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[SCAN]]></Event><EventKey><![CDATA[123123]]></EventKey><Ticket><![CDATA[TICKET]]></Ticket>");

        Assert.Equal("123123", scan.SceneValue);
        Assert.Equal("TICKET", scan.Ticket);
    }

    [Fact]
    public void Menu_click_view_and_mini_program_events()
    {
        var click = Parse<MenuClickEvent>("<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[CLICK]]></Event><EventKey><![CDATA[ORDERS]]></EventKey>");
        var view = Parse<MenuViewEvent>("<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[VIEW]]></Event><EventKey><![CDATA[https://shop.example/?c=618]]></EventKey><MenuId>208379533</MenuId>");
        var miniProgram = Parse<MenuMiniProgramEvent>("<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[view_miniprogram]]></Event><EventKey><![CDATA[pages/index/index]]></EventKey><MenuId>MENUID</MenuId>");

        Assert.Equal("ORDERS", click.ButtonKey);
        Assert.Equal("https://shop.example/?c=618", view.Url);
        Assert.Equal("208379533", view.MenuId);
        Assert.Equal("pages/index/index", miniProgram.PagePath);
        Assert.Equal("MENUID", miniProgram.MenuId);
    }

    [Theory]
    [InlineData("success", TemplateDeliveryStatus.Delivered)]
    [InlineData("failed:user block", TemplateDeliveryStatus.UserBlocked)]
    [InlineData("failed: system failed", TemplateDeliveryStatus.SystemFailed)]
    [InlineData("failed:freq limit", TemplateDeliveryStatus.FrequencyLimited)]
    [InlineData("something new", TemplateDeliveryStatus.Other)]
    public void Template_delivery_report_reads_MsgID_with_a_capital_D(string status, TemplateDeliveryStatus expected)
    {
        var report = Parse<TemplateSendJobFinishedEvent>($"<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[TEMPLATESENDJOBFINISH]]></Event><MsgID>200163836</MsgID><Status><![CDATA[{status}]]></Status>");

        Assert.Equal(200163836, report.TemplateMessageId);
        Assert.Equal(status, report.StatusText);
        Assert.Equal(expected, report.Status);
    }

    [Fact]
    public void Unknown_types_are_kept_with_all_their_fields()
    {
        var location = Parse<UnrecognizedMessage>("<MsgType><![CDATA[location]]></MsgType><Location_X>23.13</Location_X><MsgId>7</MsgId>");
        var scanCode = Parse<UnrecognizedMessage>("<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[scancode_push]]></Event><ScanCodeInfo><ScanType><![CDATA[qrcode]]></ScanType><ScanResult><![CDATA[1]]></ScanResult></ScanCodeInfo>");

        Assert.Equal("23.13", location.Fields["Location_X"]);
        Assert.Equal("scancode_push", scanCode.EventName);
        Assert.Equal("qrcode", scanCode.Fields["ScanCodeInfo/ScanType"]);
    }

    [Theory]
    [InlineData("", MessageParseFailure.XmlRejected, XmlReadFailure.Empty)]
    [InlineData("<xml><ToUserName>a</ToUserName>", MessageParseFailure.XmlRejected, XmlReadFailure.Malformed)]
    [InlineData("<root><MsgType>text</MsgType></root>", MessageParseFailure.XmlRejected, XmlReadFailure.UnexpectedRoot)]
    [InlineData("{\"MsgType\":\"text\"}", MessageParseFailure.XmlRejected, XmlReadFailure.Malformed)]
    [InlineData("<xml><a><b><c><d><e>1</e></d></c></b></a></xml>", MessageParseFailure.XmlRejected, XmlReadFailure.TooDeep)]
    [InlineData("<xml><ToUserName>a</ToUserName><FromUserName>b</FromUserName><MsgType>text</MsgType></xml>", MessageParseFailure.MissingField, XmlReadFailure.None)]
    [InlineData("<xml><ToUserName>a</ToUserName><FromUserName>b</FromUserName><CreateTime>soon</CreateTime><MsgType>text</MsgType></xml>", MessageParseFailure.InvalidField, XmlReadFailure.None)]
    [InlineData("<xml><ToUserName>a</ToUserName><FromUserName>b</FromUserName><CreateTime>99999999999999</CreateTime><MsgType>text</MsgType></xml>", MessageParseFailure.InvalidField, XmlReadFailure.None)]
    [InlineData("<xml><ToUserName>a</ToUserName><FromUserName>b</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType><MsgId>x</MsgId></xml>", MessageParseFailure.InvalidField, XmlReadFailure.None)]
    [InlineData("<xml><ToUserName>a</ToUserName><FromUserName>b</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType></xml>", MessageParseFailure.MissingField, XmlReadFailure.None)]
    [InlineData("<xml><ToUserName>a</ToUserName><FromUserName>b</FromUserName><CreateTime>1</CreateTime><MsgType>event</MsgType></xml>", MessageParseFailure.MissingField, XmlReadFailure.None)]
    [InlineData("<xml></xml><xml></xml>", MessageParseFailure.XmlRejected, XmlReadFailure.Malformed)]
    public void Bad_documents_are_rejected_with_a_reason(string xml, MessageParseFailure failure, XmlReadFailure xmlFailure)
    {
        var result = InboundMessageParser.Parse(xml);

        Assert.False(result.Succeeded);
        Assert.Equal(failure, result.Failure);
        Assert.Equal(xmlFailure, result.XmlFailure);
        Assert.False(string.IsNullOrEmpty(result.Detail));
    }

    [Fact]
    public void Document_type_declarations_are_refused_so_entities_never_expand()
    {
        const string Billion = """
            <?xml version="1.0"?><!DOCTYPE xml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
            <xml><ToUserName>&b;</ToUserName></xml>
            """;
        const string External = """
            <?xml version="1.0"?><!DOCTYPE xml [<!ENTITY secret SYSTEM "file:///etc/passwd">]><xml><Content>&secret;</Content></xml>
            """;

        Assert.Equal(XmlReadFailure.Malformed, SafeXmlReader.Read(Billion).Failure);
        Assert.Equal(XmlReadFailure.Malformed, SafeXmlReader.Read(External).Failure);
    }

    [Fact]
    public void Oversized_bodies_are_refused_before_parsing()
    {
        var body = new byte[SafeXmlReader.DefaultMaximumBytes + 1];

        Assert.Equal(XmlReadFailure.TooLarge, SafeXmlReader.Read(body).Failure);
        Assert.Equal(XmlReadFailure.TooLarge, SafeXmlReader.Read("<xml>" + new string('a', 100) + "</xml>", maximumBytes: 50).Failure);
    }
}
