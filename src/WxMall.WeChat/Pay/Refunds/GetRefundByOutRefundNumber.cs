using System.Text.Json.Serialization;

namespace WxMall.WeChat.Pay.Refunds;

/// <summary>
/// <c>GET /v3/refund/domestic/refunds/{out_refund_no}</c> — query a refund (no mchid for direct merchants).
/// https://pay.weixin.qq.com/wiki/doc/apiv3/apis/chapter3_1_10.shtml
/// </summary>
public sealed record GetRefundByOutRefundNumberRequest
{
    /// <summary><c>out_refund_no</c> (path).</summary>
    [JsonIgnore]
    public required string OutRefundNumber { get; init; }
}

/// <summary>Response of <c>GET /v3/refund/domestic/refunds/{out_refund_no}</c>.</summary>
public sealed record GetRefundByOutRefundNumberResponse : RefundDetails;
