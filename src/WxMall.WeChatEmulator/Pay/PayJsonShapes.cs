using System.Globalization;

namespace WxMall.WeChatEmulator.Pay;

/// <summary>The Transaction and Refund objects as query responses and decrypted notifications carry them.</summary>
internal static class PayJsonShapes
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    public static string Time(DateTimeOffset instant) => instant.ToOffset(Beijing).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    public static Dictionary<string, object?> Transaction(PayOrder order)
    {
        var paid = order.State is "SUCCESS" or "REFUND";
        var result = new Dictionary<string, object?>
        {
            ["appid"] = order.AppId,
            ["mchid"] = order.MerchantId,
            ["out_trade_no"] = order.OutTradeNumber,
            ["transaction_id"] = order.TransactionId,
            ["trade_type"] = paid ? order.TradeType : null,
            ["trade_state"] = order.State,
            ["trade_state_desc"] = order.State switch
            {
                "SUCCESS" => "支付成功",
                "REFUND" => "转入退款",
                "CLOSED" => "已关闭",
                _ => "订单未支付",
            },
            ["bank_type"] = paid ? "OTHERS" : null,
            ["attach"] = order.Attach ?? string.Empty,
            ["success_time"] = order.SucceededAt is { } at ? Time(at) : null,
            ["payer"] = paid ? new { openid = order.PaidByOpenId } : null,
            ["amount"] = paid
                ? new { total = order.TotalFen, payer_total = (long?)order.TotalFen, currency = order.Currency, payer_currency = order.Currency }
                : new { total = order.TotalFen, payer_total = (long?)null, currency = order.Currency, payer_currency = order.Currency },
        };

        foreach (var key in result.Where(pair => pair.Value is null).Select(pair => pair.Key).ToList())
        {
            result.Remove(key);
        }

        return result;
    }

    public static Dictionary<string, object?> Refund(PayRefund refund)
    {
        var result = new Dictionary<string, object?>
        {
            ["refund_id"] = refund.RefundId,
            ["out_refund_no"] = refund.OutRefundNumber,
            ["transaction_id"] = refund.Order.TransactionId,
            ["out_trade_no"] = refund.Order.OutTradeNumber,
            ["channel"] = "ORIGINAL",
            ["user_received_account"] = "支付用户零钱",
            ["create_time"] = Time(refund.CreatedAt),
            ["status"] = refund.Status,
            ["funds_account"] = "AVAILABLE",
            ["amount"] = new
            {
                total = refund.Order.TotalFen,
                refund = refund.RefundFen,
                from = Array.Empty<object>(),
                payer_total = refund.Order.TotalFen,
                payer_refund = refund.RefundFen,
                settlement_refund = refund.RefundFen,
                settlement_total = refund.Order.TotalFen,
                discount_refund = 0,
                currency = refund.Order.Currency,
                refund_fee = 0,
            },
            ["promotion_detail"] = Array.Empty<object>(),
        };
        if (refund.SucceededAt is { } at)
        {
            result["success_time"] = Time(at);
        }

        return result;
    }

    /// <summary>The decrypted resource of a REFUND.* notification.</summary>
    public static Dictionary<string, object?> RefundNotification(PayRefund refund) => new()
    {
        ["mchid"] = refund.Order.MerchantId,
        ["out_trade_no"] = refund.Order.OutTradeNumber,
        ["transaction_id"] = refund.Order.TransactionId,
        ["out_refund_no"] = refund.OutRefundNumber,
        ["refund_id"] = refund.RefundId,
        ["refund_status"] = refund.Status,
        ["success_time"] = refund.SucceededAt is { } at ? Time(at) : null,
        ["user_received_account"] = "支付用户零钱",
        ["amount"] = new { total = refund.Order.TotalFen, refund = refund.RefundFen, payer_total = refund.Order.TotalFen, payer_refund = refund.RefundFen },
    };
}
