using System.Globalization;
using System.Security;
using System.Text;

namespace WxMall.WeChatEmulator.Push;

/// <summary>Builds the XML WeChat pushes: messages and events with ToUserName = gh_ id, FromUserName = openid.</summary>
internal static class PushXml
{
    public static string Build(string originalId, string openId, DateTimeOffset now, string messageType, IEnumerable<(string Name, string Value, bool Cdata)> fields)
    {
        var builder = new StringBuilder("<xml>");
        Append(builder, "ToUserName", originalId, cdata: true);
        Append(builder, "FromUserName", openId, cdata: true);
        Append(builder, "CreateTime", now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), cdata: false);
        Append(builder, "MsgType", messageType, cdata: true);
        foreach (var (name, value, cdata) in fields)
        {
            Append(builder, name, value, cdata);
        }

        return builder.Append("</xml>").ToString();
    }

    private static void Append(StringBuilder builder, string name, string value, bool cdata)
    {
        builder.Append('<').Append(name).Append('>');
        if (cdata)
        {
            builder.Append("<![CDATA[").Append(value.Replace("]]>", "]]]]><![CDATA[>", StringComparison.Ordinal)).Append("]]>");
        }
        else
        {
            builder.Append(SecurityElement.Escape(value));
        }

        builder.Append("</").Append(name).Append('>');
    }
}
