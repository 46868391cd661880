using System.Text.Json.Serialization;

namespace WxMall.WeChat.Pay.Transactions;

/// <summary>
/// <c>GET /v3/pay/transactions/id/{transaction_id}?mchid={mchid}</c> — query an order by WeChat Pay's number.
/// https://pay.weixin.qq.com/wiki/doc/apiv3/apis/chapter3_1_2.shtml
/// </summary>
public sealed record GetTransactionByIdRequest
{
    /// <summary><c>transaction_id</c> (path).</summary>
    [JsonIgnore]
    public required string TransactionId { get; init; }

    /// <summary><c>mchid</c> (query); the configured merchant when null.</summary>
    [JsonIgnore]
    public string? MerchantId { get; init; }
}

/// <summary>Response of <c>GET /v3/pay/transactions/id/{transaction_id}</c>.</summary>
public sealed record GetTransactionByIdResponse : TransactionDetails;
