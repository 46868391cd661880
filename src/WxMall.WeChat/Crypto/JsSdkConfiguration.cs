namespace WxMall.WeChat.Crypto;

/// <summary>The signed values a page passes to <c>wx.config</c>.</summary>
/// <param name="AppId">The official account's appid.</param>
/// <param name="Timestamp">Unix seconds that were signed (<c>timestamp</c>).</param>
/// <param name="NonceString">The nonce that was signed (<c>nonceStr</c>).</param>
/// <param name="Signature">The lowercase hexadecimal signature.</param>
public sealed record JsSdkConfiguration(string AppId, long Timestamp, string NonceString, string Signature)
{
    /// <summary>Signs a page URL with a fresh nonce and the current time.</summary>
    /// <param name="appId">The official account's appid.</param>
    /// <param name="jsApiTicket">A valid jsapi ticket (cache it: its quota is small).</param>
    /// <param name="pageUrl">The page URL; a <c>#fragment</c> is removed before signing.</param>
    /// <param name="timeProvider">The clock.</param>
    public static JsSdkConfiguration Create(string appId, string jsApiTicket, string pageUrl, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        var timestamp = timeProvider.GetUtcNow().ToUnixTimeSeconds();
        var nonce = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8));
        var signature = JsSdkSignature.Compute(jsApiTicket, nonce, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture), pageUrl);
        return new JsSdkConfiguration(appId, timestamp, nonce, signature);
    }
}
