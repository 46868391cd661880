using WxMall.WeChatEmulator.Accounts;

namespace WxMall.WeChatEmulator.Pay;

/// <summary>What the payer does in the payment sheet: confirm (then TRANSACTION.SUCCESS is notified) or cancel.</summary>
public sealed class PayerActions(PayLedger ledger, NotificationDispatcher dispatcher, UserDirectory users, AppRegistry apps)
{
    /// <summary>Pays the order found by prepay_id, code_url or out_trade_no as the given user (or the order's payer).</summary>
    /// <returns>Null on success, else the reason shown in the sheet.</returns>
    public string? Pay(string reference, string? userKey)
    {
        if (ledger.Find(reference) is not { } order)
        {
            return "订单不存在";
        }

        var app = apps.Find(order.AppId)!;
        var user = users.Find(userKey) ?? users.Find(order.PayerOpenId);
        if (user is null)
        {
            return "请选择付款用户";
        }

        var failure = ledger.Pay(order, AppRegistry.OpenIdOf(user, app));
        if (failure is not null)
        {
            return failure;
        }

        users.Record(user, "account", "payment", $"微信支付凭证：{order.Description} ￥{order.TotalFen / 100m:0.00}");
        dispatcher.Dispatch("TRANSACTION.SUCCESS", "支付成功", "transaction", PayJsonShapes.Transaction(order), order.NotifyUrl);
        return null;
    }

    /// <summary>The payer closes the sheet: nothing changes at WeChat Pay (the order stays NOTPAY).</summary>
    public string? Cancel(string reference) => ledger.Find(reference) is null ? "订单不存在" : null;
}
