using WxMall.WeChat.Pay.Transactions;

namespace WxMall.WeChat.Pay.Client;

public sealed partial class WeChatPayClient
{
    /// <summary><c>POST /v3/pay/transactions/jsapi</c>: JSAPI / mini-program prepay.</summary>
    public Task<PayResult<CreateJsapiTransactionResponse>> CreateJsapiTransactionAsync(
        CreateJsapiTransactionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return SendJsonAsync<CreateJsapiTransactionResponse>(
            HttpMethod.Post, "/v3/pay/transactions/jsapi", WithDefaults(request), cancellationToken);
    }

    /// <summary><c>POST /v3/pay/transactions/native</c>: Native (QR code) prepay.</summary>
    public Task<PayResult<CreateNativeTransactionResponse>> CreateNativeTransactionAsync(
        CreateNativeTransactionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return SendJsonAsync<CreateNativeTransactionResponse>(
            HttpMethod.Post, "/v3/pay/transactions/native", WithDefaults(request), cancellationToken);
    }

    /// <summary><c>POST /v3/pay/transactions/h5</c>: H5 prepay for browsers outside WeChat.</summary>
    public Task<PayResult<CreateH5TransactionResponse>> CreateH5TransactionAsync(
        CreateH5TransactionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return SendJsonAsync<CreateH5TransactionResponse>(
            HttpMethod.Post, "/v3/pay/transactions/h5", WithDefaults(request), cancellationToken);
    }

    /// <summary><c>GET /v3/pay/transactions/out-trade-no/{out_trade_no}?mchid=</c>: query by our order number.</summary>
    public Task<PayResult<GetTransactionByOutTradeNumberResponse>> GetTransactionByOutTradeNumberAsync(
        GetTransactionByOutTradeNumberRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = $"/v3/pay/transactions/out-trade-no/{Escape(request.OutTradeNumber)}?mchid={Escape(request.MerchantId ?? options.MerchantId)}";
        return SendJsonAsync<GetTransactionByOutTradeNumberResponse>(HttpMethod.Get, path, null, cancellationToken);
    }

    /// <summary><c>GET /v3/pay/transactions/id/{transaction_id}?mchid=</c>: query by WeChat Pay's transaction id.</summary>
    public Task<PayResult<GetTransactionByIdResponse>> GetTransactionByIdAsync(
        GetTransactionByIdRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = $"/v3/pay/transactions/id/{Escape(request.TransactionId)}?mchid={Escape(request.MerchantId ?? options.MerchantId)}";
        return SendJsonAsync<GetTransactionByIdResponse>(HttpMethod.Get, path, null, cancellationToken);
    }

    /// <summary><c>POST /v3/pay/transactions/out-trade-no/{out_trade_no}/close</c>: close an unpaid order (204).</summary>
    public Task<PayResult<CloseTransactionResponse>> CloseTransactionAsync(
        CloseTransactionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = $"/v3/pay/transactions/out-trade-no/{Escape(request.OutTradeNumber)}/close";
        return SendAsync(
            HttpMethod.Post,
            path,
            new CloseTransactionBody(request.MerchantId ?? options.MerchantId),
            _ => new CloseTransactionResponse(),
            cancellationToken);
    }

    private TRequest WithDefaults<TRequest>(TRequest request)
        where TRequest : PrepayRequest
    {
        PrepayRequest filled = request with
        {
            AppId = request.AppId ?? options.DefaultAppId,
            MerchantId = request.MerchantId ?? options.MerchantId,
            NotifyUrl = request.NotifyUrl ?? options.NotifyUrl?.AbsoluteUri
                ?? throw new InvalidOperationException(
                    "notify_url is required: set it on the request or configure WeChatPayOptions.NotifyUrl."),
        };
        return (TRequest)filled;
    }
}
