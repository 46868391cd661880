using System.Text.Json.Serialization;

namespace WxMall.WeChat.Pay.Transactions;

/// <summary>
/// <c>POST /v3/pay/transactions/h5</c> — H5 prepay, for mobile browsers outside WeChat.
/// https://pay.weixin.qq.com/wiki/doc/apiv3/apis/chapter3_3_1.shtml
/// </summary>
public sealed record CreateH5TransactionRequest : PrepayRequest
{
    /// <summary><c>scene_info</c>: required, with <c>payer_client_ip</c> and <c>h5_info</c>.</summary>
    [JsonPropertyName("scene_info")]
    [JsonPropertyOrder(13)]
    public required PrepaySceneInfo SceneInfo { get; init; }
}

/// <summary>Response of <c>POST /v3/pay/transactions/h5</c>.</summary>
public sealed record CreateH5TransactionResponse
{
    /// <summary><c>h5_url</c>: open it in the browser; append <c>&amp;redirect_url=</c> (URL-encoded) to come back.</summary>
    [JsonPropertyName("h5_url")]
    public string H5Url { get; init; } = string.Empty;
}
