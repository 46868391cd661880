using System.Text.Json.Serialization;

namespace WxMall.WeChat.Pay.Transactions;

/// <summary>
/// <c>POST /v3/pay/transactions/jsapi</c> — JSAPI prepay, for official-account H5 pages and mini-programs.
/// https://pay.weixin.qq.com/wiki/doc/apiv3/apis/chapter3_1_1.shtml
/// </summary>
public sealed record CreateJsapiTransactionRequest : PrepayRequest
{
    /// <summary><c>payer</c>: required for JSAPI.</summary>
    [JsonPropertyName("payer")]
    [JsonPropertyOrder(11)]
    public required PrepayPayer Payer { get; init; }

    /// <summary><c>scene_info</c>.</summary>
    [JsonPropertyName("scene_info")]
    [JsonPropertyOrder(13)]
    public PrepaySceneInfo? SceneInfo { get; init; }
}

/// <summary>Response of <c>POST /v3/pay/transactions/jsapi</c>.</summary>
public sealed record CreateJsapiTransactionResponse
{
    /// <summary><c>prepay_id</c>: sign it into client payment parameters.</summary>
    [JsonPropertyName("prepay_id")]
    public string PrepayId { get; init; } = string.Empty;
}
