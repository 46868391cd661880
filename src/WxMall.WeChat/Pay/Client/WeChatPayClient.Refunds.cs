using WxMall.WeChat.Pay.Refunds;

namespace WxMall.WeChat.Pay.Client;

public sealed partial class WeChatPayClient
{
    /// <summary><c>POST /v3/refund/domestic/refunds</c>: ask for a refund (idempotent by <c>out_refund_no</c>).</summary>
    public Task<PayResult<CreateRefundResponse>> CreateRefundAsync(
        CreateRefundRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.TransactionId is null && request.OutTradeNumber is null)
        {
            throw new ArgumentException("A refund names its order by TransactionId or OutTradeNumber.", nameof(request));
        }

        var filled = request with { NotifyUrl = request.NotifyUrl ?? options.RefundNotifyUrl?.AbsoluteUri };
        return SendJsonAsync<CreateRefundResponse>(HttpMethod.Post, "/v3/refund/domestic/refunds", filled, cancellationToken);
    }

    /// <summary><c>GET /v3/refund/domestic/refunds/{out_refund_no}</c>: query a refund.</summary>
    public Task<PayResult<GetRefundByOutRefundNumberResponse>> GetRefundByOutRefundNumberAsync(
        GetRefundByOutRefundNumberRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return SendJsonAsync<GetRefundByOutRefundNumberResponse>(
            HttpMethod.Get, $"/v3/refund/domestic/refunds/{Escape(request.OutRefundNumber)}", null, cancellationToken);
    }
}
