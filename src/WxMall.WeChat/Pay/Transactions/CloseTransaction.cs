using System.Text.Json.Serialization;

namespace WxMall.WeChat.Pay.Transactions;

/// <summary>
/// <c>POST /v3/pay/transactions/out-trade-no/{out_trade_no}/close</c> with body <c>{"mchid":"…"}</c> — close an
/// unpaid order; answers <c>204 No Content</c>.
/// https://pay.weixin.qq.com/wiki/doc/apiv3/apis/chapter3_1_3.shtml
/// </summary>
public sealed record CloseTransactionRequest
{
    /// <summary><c>out_trade_no</c> (path).</summary>
    [JsonIgnore]
    public required string OutTradeNumber { get; init; }

    /// <summary><c>mchid</c> (body); the configured merchant when null.</summary>
    [JsonPropertyName("mchid")]
    public string? MerchantId { get; init; }
}

/// <summary>The wire body of the close call: only <c>mchid</c> (the order number travels in the path).</summary>
internal sealed record CloseTransactionBody([property: JsonPropertyName("mchid")] string MerchantId);

/// <summary>Response of the close call: 204 carries no body, so this is empty.</summary>
public sealed record CloseTransactionResponse;
