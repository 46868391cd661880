using System.Text.Json.Serialization;

namespace WxMall.WeChat.Pay.Transactions;

/// <summary>
/// <c>POST /v3/pay/transactions/native</c> — Native prepay: a QR code the shopper scans.
/// https://pay.weixin.qq.com/wiki/doc/apiv3/apis/chapter3_4_1.shtml
/// </summary>
public sealed record CreateNativeTransactionRequest : PrepayRequest
{
    /// <summary><c>scene_info</c>.</summary>
    [JsonPropertyName("scene_info")]
    [JsonPropertyOrder(13)]
    public PrepaySceneInfo? SceneInfo { get; init; }
}

/// <summary>Response of <c>POST /v3/pay/transactions/native</c>.</summary>
public sealed record CreateNativeTransactionResponse
{
    /// <summary><c>code_url</c>: <c>weixin://wxpay/bizpayurl?pr=…</c>, to render as a QR code.</summary>
    [JsonPropertyName("code_url")]
    public string CodeUrl { get; init; } = string.Empty;
}
