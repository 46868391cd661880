namespace WxMall.Payments;

/// <summary>Chinese names for the payment and refund states the console shows (the API keeps the enum names).</summary>
public static class PaymentNames
{
    public static string Mode(string mode) => mode switch
    {
        "jsapi" => "微信内支付",
        "native" => "扫码支付",
        "h5" => "H5 支付",
        _ => mode,
    };

    public static string RefundStatus(string status) => Enum.TryParse<Payments.RefundStatus>(status, out var value)
        ? value switch
        {
            Payments.RefundStatus.Requested => "待提交",
            Payments.RefundStatus.Processing => "退款处理中",
            Payments.RefundStatus.Succeeded => "退款成功",
            Payments.RefundStatus.Closed => "已关闭",
            Payments.RefundStatus.Abnormal => "退款异常",
            Payments.RefundStatus.Refused => "微信支付拒绝",
            _ => status,
        }
        : status;
}
