using System.Text;

namespace WxMall.WeChat.Crypto;

/// <summary>An encrypted, signed safe-mode message: the four values of the encrypted reply envelope.</summary>
/// <param name="Encrypt">Base64 ciphertext.</param>
/// <param name="MessageSignature">sha1 over (token, timestamp, nonce, encrypt), lowercase hex.</param>
/// <param name="Timestamp">Unix seconds as text.</param>
/// <param name="Nonce">The nonce that was signed.</param>
public sealed record EncryptedMessage(string Encrypt, string MessageSignature, string Timestamp, string Nonce)
{
    /// <summary>
    /// The passive-reply envelope:
    /// <c>&lt;xml&gt;&lt;Encrypt&gt;…&lt;/Encrypt&gt;&lt;MsgSignature&gt;…&lt;/MsgSignature&gt;&lt;TimeStamp&gt;…&lt;/TimeStamp&gt;&lt;Nonce&gt;…&lt;/Nonce&gt;&lt;/xml&gt;</c>.
    /// </summary>
    public string ToReplyXml()
    {
        var builder = new StringBuilder(Encrypt.Length + 160);
        builder.Append("<xml><Encrypt><![CDATA[").Append(Encrypt)
            .Append("]]></Encrypt><MsgSignature><![CDATA[").Append(MessageSignature)
            .Append("]]></MsgSignature><TimeStamp>").Append(Timestamp)
            .Append("</TimeStamp><Nonce><![CDATA[").Append(Nonce.Replace("]]>", "]]]]><![CDATA[>", StringComparison.Ordinal))
            .Append("]]></Nonce></xml>");
        return builder.ToString();
    }
}
