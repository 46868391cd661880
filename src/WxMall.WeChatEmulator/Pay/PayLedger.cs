using System.Globalization;
using System.Security.Cryptography;
using WxMall.WeChatEmulator.Accounts;

namespace WxMall.WeChatEmulator.Pay;

/// <summary>Orders and refunds of the simulated merchant, and the payer's actions on them.</summary>
public sealed class PayLedger(TimeProvider timeProvider)
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, PayOrder> orders = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PayRefund> refunds = new(StringComparer.Ordinal);

    public IReadOnlyList<PayOrder> Orders()
    {
        lock (gate)
        {
            return [.. orders.Values];
        }
    }

    public IReadOnlyList<PayRefund> Refunds()
    {
        lock (gate)
        {
            return [.. refunds.Values];
        }
    }

    public PayOrder? FindByOutTradeNumber(string outTradeNumber)
    {
        lock (gate)
        {
            return orders.GetValueOrDefault(outTradeNumber);
        }
    }

    public PayOrder? FindByTransactionId(string transactionId)
    {
        lock (gate)
        {
            return orders.Values.FirstOrDefault(order => order.TransactionId == transactionId);
        }
    }

    /// <summary>Finds an order by prepay_id, code_url, out_trade_no or transaction_id.</summary>
    public PayOrder? Find(string? reference)
    {
        if (string.IsNullOrEmpty(reference))
        {
            return null;
        }

        lock (gate)
        {
            return orders.GetValueOrDefault(reference)
                ?? orders.Values.FirstOrDefault(order => order.PrepayId == reference || order.CodeUrl == reference || order.TransactionId == reference);
        }
    }

    /// <summary>Places the order, or re-places it with a fresh prepay_id when the same parameters come again.</summary>
    /// <returns>The order, or a WeChat error code: OUT_TRADE_NO_USED, ORDER_CLOSED, ORDERPAID.</returns>
    public (PayOrder? Order, string? ErrorCode) Place(PayOrder candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        lock (gate)
        {
            if (orders.TryGetValue(candidate.OutTradeNumber, out var existing))
            {
                if (existing.State == "CLOSED")
                {
                    return (null, "ORDER_CLOSED");
                }

                if (existing.State is "SUCCESS" or "REFUND")
                {
                    return (null, "ORDERPAID");
                }

                if (existing.Fingerprint != candidate.Fingerprint)
                {
                    return (null, "OUT_TRADE_NO_USED");
                }

                existing.PrepayId = NewPrepayId();
                return (existing, null);
            }

            candidate.PrepayId = NewPrepayId();
            if (candidate.TradeType == "NATIVE")
            {
                candidate.CodeUrl = "weixin://wxpay/bizpayurl?pr=" + OpenIdentifiers.Random(9);
            }

            orders[candidate.OutTradeNumber] = candidate;
            return (candidate, null);
        }
    }

    /// <summary>The payer confirms in the payment sheet. Null on success, else why it cannot be paid.</summary>
    public string? Pay(PayOrder order, string payerOpenId)
    {
        ArgumentNullException.ThrowIfNull(order);
        lock (gate)
        {
            var now = timeProvider.GetUtcNow();
            if (order.State != "NOTPAY")
            {
                return order.State == "CLOSED" ? "订单已关闭" : "订单已支付";
            }

            if (order.ExpiresAt <= now)
            {
                return "订单已过期";
            }

            if (order.PayerOpenId is not null && order.PayerOpenId != payerOpenId)
            {
                return "支付用户与下单用户不一致";
            }

            order.State = "SUCCESS";
            order.PaidByOpenId = payerOpenId;
            order.SucceededAt = now;
            order.TransactionId = "4200" + now.ToOffset(TimeSpan.FromHours(8)).ToString("yyyyMMdd", CultureInfo.InvariantCulture)
                + RandomDigits(16);
            return null;
        }
    }

    /// <summary>Closes an unpaid order. Null on success, else ORDERPAID.</summary>
    public string? Close(PayOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        lock (gate)
        {
            if (order.State is "SUCCESS" or "REFUND")
            {
                return "ORDERPAID";
            }

            order.State = "CLOSED";
            return null;
        }
    }

    public PayRefund? FindRefund(string outRefundNumber)
    {
        lock (gate)
        {
            return refunds.GetValueOrDefault(outRefundNumber);
        }
    }

    /// <summary>Accepts a refund (PROCESSING) or returns the existing one for the same out_refund_no.</summary>
    /// <returns>The refund, or (HTTP status, code, message) when refused.</returns>
    public (PayRefund? Refund, (int Status, string Code, string Message)? Error) Refund(PayOrder order, string outRefundNumber, long refundFen, long totalFen, string? reason, string? notifyUrl)
    {
        ArgumentNullException.ThrowIfNull(order);
        lock (gate)
        {
            if (refunds.TryGetValue(outRefundNumber, out var existing))
            {
                return existing.Order == order && existing.RefundFen == refundFen
                    ? (existing, null)
                    : (null, (400, "INVALID_REQUEST", "退款单号已存在，但参数与之前不一致"));
            }

            if (order.State is not ("SUCCESS" or "REFUND"))
            {
                return (null, (404, "RESOURCE_NOT_EXISTS", "订单不存在或未支付"));
            }

            if (totalFen != order.TotalFen)
            {
                return (null, (400, "PARAM_ERROR", "订单金额与原订单金额不一致"));
            }

            var orderRefunds = refunds.Values.Where(refund => refund.Order == order && refund.Status != "CLOSED").ToList();
            if (orderRefunds.Count >= 50)
            {
                return (null, (403, "RULE_LIMIT", "退款次数超过限制"));
            }

            if (orderRefunds.Sum(refund => refund.RefundFen) + refundFen > order.TotalFen)
            {
                return (null, (403, "NOT_ENOUGH", "申请退款金额超过订单可退金额"));
            }

            var created = new PayRefund
            {
                RefundId = "50" + RandomDigits(27),
                OutRefundNumber = outRefundNumber,
                Order = order,
                RefundFen = refundFen,
                Reason = reason,
                NotifyUrl = notifyUrl,
                CreatedAt = timeProvider.GetUtcNow(),
            };
            refunds[outRefundNumber] = created;
            order.State = "REFUND";
            return (created, null);
        }
    }

    public void SettleRefund(PayRefund refund)
    {
        ArgumentNullException.ThrowIfNull(refund);
        lock (gate)
        {
            refund.Status = "SUCCESS";
            refund.SucceededAt = timeProvider.GetUtcNow();
        }
    }

    private string NewPrepayId() =>
        "wx" + timeProvider.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).ToString("ddHHmmssfff", CultureInfo.InvariantCulture) + RandomDigits(21);

    private static string RandomDigits(int count) => OpenIdentifiers.Random(count, "0123456789");
}
