using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace WxMall.WeChat.Crypto;

/// <summary>
/// The JS-SDK <c>wx.config</c> signature: sha1 of
/// <c>jsapi_ticket=…&amp;noncestr=…&amp;timestamp=…&amp;url=…</c> with raw (unescaped) values
/// (developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/JS-SDK.html, appendix 1).
/// </summary>
public static class JsSdkSignature
{
    /// <summary>
    /// Builds the string that is signed. The page URL keeps its query but loses its <c>#fragment</c>,
    /// which is what a single-page application must sign: the browser never sends the fragment.
    /// </summary>
    public static string BuildStringToSign(string jsApiTicket, string nonceString, string timestamp, string pageUrl)
    {
        ArgumentNullException.ThrowIfNull(jsApiTicket);
        ArgumentNullException.ThrowIfNull(nonceString);
        ArgumentNullException.ThrowIfNull(timestamp);
        ArgumentNullException.ThrowIfNull(pageUrl);
        return $"jsapi_ticket={jsApiTicket}&noncestr={nonceString}&timestamp={timestamp}&url={WithoutFragment(pageUrl)}";
    }

    /// <summary>Computes the lowercase hexadecimal signature for <c>wx.config</c>.</summary>
    [SuppressMessage("Security", "CA5350:Do Not Use Weak Cryptographic Algorithms", Justification = "SHA-1 is what the WeChat JS-SDK protocol specifies.")]
    public static string Compute(string jsApiTicket, string nonceString, string timestamp, string pageUrl)
    {
        var stringToSign = BuildStringToSign(jsApiTicket, nonceString, timestamp, pageUrl);
        return Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(stringToSign)));
    }

    /// <summary>Returns the URL without <c>#</c> and what follows it.</summary>
    public static string WithoutFragment(string pageUrl)
    {
        ArgumentNullException.ThrowIfNull(pageUrl);
        var hash = pageUrl.IndexOf('#', StringComparison.Ordinal);
        return hash < 0 ? pageUrl : pageUrl[..hash];
    }
}
