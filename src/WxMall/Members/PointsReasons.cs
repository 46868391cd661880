namespace WxMall.Members;

public static class PointsReasons
{
    public const string SpentOnOrder = "下单抵扣";
    public const string ReturnedOnCancel = "取消订单退回";
    public const string EarnedOnPayment = "购物奖励";
    public const string RevokedOnRefund = "退款扣回";
    public const string ReturnedOnRefund = "退款退回抵扣积分";
}
