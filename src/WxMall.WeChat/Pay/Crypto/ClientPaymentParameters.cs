using System.Text.Json.Serialization;

namespace WxMall.WeChat.Pay.Crypto;

/// <summary>
/// The signed parameter set that starts payment on the client, in the spelling of
/// <c>WeixinJSBridge.invoke('getBrandWCPayRequest', …)</c> and <c>wx.requestPayment</c> (which ignores <c>appId</c>).
/// For the JS-SDK's <c>wx.chooseWXPay</c> use <see cref="ForChooseWxPay"/>: it spells the time <c>timestamp</c>.
/// </summary>
/// <remarks>
/// JSAPI: https://pay.weixin.qq.com/wiki/doc/apiv3/apis/chapter3_1_4.shtml;
/// mini-program: https://pay.weixin.qq.com/wiki/doc/apiv3/apis/chapter3_5_4.shtml
/// </remarks>
public sealed record ClientPaymentParameters
{
    /// <summary><c>appId</c>: the official account or mini-program the prepay was made for.</summary>
    [JsonPropertyName("appId")]
    public required string AppId { get; init; }

    /// <summary><c>timeStamp</c>: unix seconds as a string.</summary>
    [JsonPropertyName("timeStamp")]
    public required string TimeStamp { get; init; }

    /// <summary><c>nonceStr</c>: at most 32 characters.</summary>
    [JsonPropertyName("nonceStr")]
    public required string NonceString { get; init; }

    /// <summary><c>package</c>: <c>prepay_id=…</c>.</summary>
    [JsonPropertyName("package")]
    public required string Package { get; init; }

    /// <summary><c>signType</c>: always <c>RSA</c> for API v3; it is not part of the signed message.</summary>
    [JsonPropertyName("signType")]
    public string SignType { get; init; } = "RSA";

    /// <summary><c>paySign</c>: Base64 SHA256withRSA of <c>appId\ntimeStamp\nnonceStr\npackage\n</c>.</summary>
    [JsonPropertyName("paySign")]
    public required string PaySign { get; init; }

    /// <summary>The same values keyed as <c>wx.chooseWXPay</c> expects (lower-case <c>timestamp</c>, no appId).</summary>
    public IReadOnlyDictionary<string, string> ForChooseWxPay() => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["timestamp"] = TimeStamp,
        ["nonceStr"] = NonceString,
        ["package"] = Package,
        ["signType"] = SignType,
        ["paySign"] = PaySign,
    };
}
