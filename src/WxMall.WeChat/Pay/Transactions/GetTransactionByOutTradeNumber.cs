using System.Text.Json.Serialization;

namespace WxMall.WeChat.Pay.Transactions;

/// <summary>
/// <c>GET /v3/pay/transactions/out-trade-no/{out_trade_no}?mchid={mchid}</c> — query an order by our number.
/// Unknown order: 404 <c>ORDER_NOT_EXIST</c>.
/// https://pay.weixin.qq.com/wiki/doc/apiv3/apis/chapter3_1_2.shtml
/// </summary>
public sealed record GetTransactionByOutTradeNumberRequest
{
    /// <summary><c>out_trade_no</c> (path).</summary>
    [JsonIgnore]
    public required string OutTradeNumber { get; init; }

    /// <summary><c>mchid</c> (query); the configured merchant when null.</summary>
    [JsonIgnore]
    public string? MerchantId { get; init; }
}

/// <summary>Response of <c>GET /v3/pay/transactions/out-trade-no/{out_trade_no}</c>.</summary>
public sealed record GetTransactionByOutTradeNumberResponse : TransactionDetails;
