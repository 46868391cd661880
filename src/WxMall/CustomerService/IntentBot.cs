using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using WxMall.CustomerService.Bot;
using WxMall.Data;
using WxMall.OfficialAccount;
using WxMall.Ordering;
using WxMall.Storefront;

namespace WxMall.CustomerService;

/// <summary>
/// The bot's conversation logic: the classifier says what the shopper wants, the answer comes from live data
/// (their orders, the catalog, stock, pickup stores) or from the store's policies.
/// </summary>
public sealed class IntentBot(IntentClassifier classifier, ProductRecommender recommender, MallDb db, StoreLinks links, TimeProvider clock) : IShopperBot
{
    public const int RecommendationCount = 3;

    public async Task<BotAnswer> AnswerAsync(BotQuestion question, CancellationToken cancellationToken)
    {
        await classifier.WhenReadyAsync();
        var prediction = classifier.Classify(question.Text);
        var intent = Intents.WireName(prediction.Intent);
        return prediction.Intent switch
        {
            Intent.HumanAgent => new BotAnswer(ReplyContent.OfText(CustomerServiceDesk.HandingOver), intent, prediction.Confidence, Failed: false, WantsHuman: true),
            Intent.OrderStatus or Intent.Shipping => await OrdersAsync(question, intent, prediction.Confidence, cancellationToken),
            Intent.ProductRecommend => await RecommendAsync(question, intent, prediction.Confidence, cancellationToken),
            Intent.PricePromotion => await PromotionsAsync(intent, prediction.Confidence, cancellationToken),
            Intent.StorePickup => await PickupStoresAsync(intent, prediction.Confidence, cancellationToken),
            Intent.PaymentIssue => await PaymentAsync(question, intent, prediction.Confidence, cancellationToken),
            Intent.ProductSpec => Text(intent, prediction.Confidence, $"想了解哪款的配置？可以直接发型号给我，或在这里搜索查看详细参数：{links.Absolute("/search?q=" + Uri.EscapeDataString(Shorten(question.Text, 30)))}"),
            Intent.ReturnRefund => Text(intent, prediction.Confidence, Policies.ReturnRefund),
            Intent.Invoice => Text(intent, prediction.Confidence, Policies.Invoice),
            Intent.WarrantyRepair => Text(intent, prediction.Confidence, Policies.Warranty),
            Intent.Greeting => Text(intent, prediction.Confidence, Policies.Greeting),
            _ => new BotAnswer(ReplyContent.OfText(Policies.NotUnderstood), intent, prediction.Confidence, Failed: true, WantsHuman: false),
        };
    }

    private async Task<BotAnswer> OrdersAsync(BotQuestion question, string intent, float confidence, CancellationToken cancellationToken)
    {
        if (question.MemberId is not { } memberId)
        {
            return Failed(intent, confidence, $"还没能认出您的商城账号。请先在商城用微信登录（{links.Absolute("/")}），之后再问我就能查到订单和物流啦。");
        }

        var orders = await db.Orders.AsNoTracking().Where(o => o.MemberId == memberId).OrderByDescending(o => o.PlacedAt).Take(3)
            .Select(o => new
            {
                o.Number, o.Status, o.PlacedAt, o.Delivery, o.Carrier, o.TrackingNumber, o.ShippedAt, o.PayableFen,
                FirstItem = o.Lines.OrderBy(l => l.Id).Select(l => l.ProductName).FirstOrDefault(),
                Items = o.Lines.Count,
            })
            .ToListAsync(cancellationToken);
        if (orders.Count == 0)
        {
            return Failed(intent, confidence, "您的账号下还没有订单。下单后随时发“我的订单”给我查询进度。");
        }

        var text = new StringBuilder("为您查到最近的订单：");
        foreach (var order in orders)
        {
            text.Append('\n').Append("· ").Append(order.Number).Append(' ').Append(order.PlacedAt.ToOffset(Money.ChinaOffset).ToString("M月d日", CultureInfo.InvariantCulture))
                .Append(' ').Append(order.FirstItem).Append(order.Items > 1 ? $" 等{order.Items}件" : string.Empty)
                .Append('：').Append(OrderStatusNames.Of(order.Status));
            if (order.Status is OrderStatus.Shipped or OrderStatus.Completed && order.Carrier is not null)
            {
                text.Append('，').Append(order.Carrier).Append(" 运单号 ").Append(order.TrackingNumber);
            }
            else if (order.Status == OrderStatus.Paid)
            {
                text.Append(order.Delivery == DeliveryMethod.StorePickup ? "，门店备货中，到店即可自提" : "，仓库备货中，发货后会通知您");
            }
            else if (order.Status == OrderStatus.AwaitingPayment)
            {
                text.Append("，请尽快完成支付（¥").Append(Money.Plain(order.PayableFen)).Append('）');
            }
        }

        text.Append("\n订单详情：").Append(links.Absolute("/orders"));
        return Text(intent, confidence, text.ToString());
    }

    private async Task<BotAnswer> RecommendAsync(BotQuestion question, string intent, float confidence, CancellationToken cancellationToken)
    {
        var needs = ShoppingNeedsParser.Parse(question.Text);
        var picks = await recommender.RecommendAsync(needs, RecommendationCount, cancellationToken);
        if (picks.Count == 0)
        {
            return Failed(intent, confidence, "按您的要求暂时没找到有货的商品。可以说说预算、用途（游戏/办公/设计/学生）、想要的显卡或屏幕尺寸，我再帮您挑。");
        }

        var text = new StringBuilder("为您挑了").Append(picks.Count).Append("款：");
        for (var i = 0; i < picks.Count; i++)
        {
            var pick = picks[i];
            text.Append('\n').Append(i + 1).Append(". ").Append(pick.Title).Append(" ¥").Append(Money.Plain(pick.PriceFen))
                .Append("\n   ").Append(pick.Reason).Append("\n   ").Append(links.Absolute(pick.ProductPath));
        }

        return Text(intent, confidence, text.ToString());
    }

    private async Task<BotAnswer> PromotionsAsync(string intent, float confidence, CancellationToken cancellationToken)
    {
        var deals = await db.Skus.AsNoTracking().Where(s => s.Product.OnSale && s.ListPriceFen > s.PriceFen)
            .OrderByDescending(s => s.ListPriceFen - s.PriceFen).Take(3)
            .Select(s => new { s.Product.Code, s.Product.Name, s.PriceFen, s.ListPriceFen }).ToListAsync(cancellationToken);
        if (deals.Count == 0)
        {
            return Text(intent, confidence, "目前没有进行中的降价活动，所有价格以商品页为准。下单可用积分抵扣（最多 20%）。");
        }

        var text = new StringBuilder("当前优惠力度最大的商品：");
        foreach (var deal in deals)
        {
            text.Append('\n').Append("· ").Append(deal.Name).Append(" 到手 ¥").Append(Money.Plain(deal.PriceFen))
                .Append("（立省 ¥").Append(Money.Plain(deal.ListPriceFen - deal.PriceFen)).Append('）').Append(links.Product(deal.Code));
        }

        return Text(intent, confidence, text.Append("\n下单还可用积分抵扣，最多抵 20%。").ToString());
    }

    private async Task<BotAnswer> PickupStoresAsync(string intent, float confidence, CancellationToken cancellationToken)
    {
        var stores = await db.PickupStores.AsNoTracking().OrderBy(s => s.Id).Select(s => new { s.Code, s.Name, s.City, s.Address }).Take(8).ToListAsync(cancellationToken);
        var text = new StringBuilder("支持门店自提：下单时选择“门店自提”和门店，备货完成后凭提货码到店取货。可选门店：");
        foreach (var store in stores)
        {
            text.Append('\n').Append("· ").Append(store.City).Append(' ').Append(store.Name).Append('：').Append(store.Address);
        }

        return Text(intent, confidence, text.ToString());
    }

    private async Task<BotAnswer> PaymentAsync(BotQuestion question, string intent, float confidence, CancellationToken cancellationToken)
    {
        var unpaid = question.MemberId is { } memberId
            ? await db.Orders.AsNoTracking().Where(o => o.MemberId == memberId && o.Status == OrderStatus.AwaitingPayment)
                .OrderByDescending(o => o.PlacedAt).Select(o => new { o.Number, o.PaymentDeadline }).FirstOrDefaultAsync(cancellationToken)
            : null;
        var text = Policies.Payment;
        if (unpaid is not null && unpaid.PaymentDeadline > clock.GetUtcNow())
        {
            text = $"您的订单 {unpaid.Number} 待支付，请在 {unpaid.PaymentDeadline.ToOffset(Money.ChinaOffset):HH:mm} 前完成支付，超时会自动取消。\n" + text;
        }

        return Text(intent, confidence, text);
    }

    private static BotAnswer Text(string intent, float confidence, string text) => new(ReplyContent.OfText(text), intent, confidence, Failed: false, WantsHuman: false);

    private static BotAnswer Failed(string intent, float confidence, string text) => new(ReplyContent.OfText(text), intent, confidence, Failed: true, WantsHuman: false);

    private static string Shorten(string text, int length) => text.Length <= length ? text : text[..length];
}

/// <summary>The store's policy answers (user-facing text).</summary>
public static class Policies
{
    public const string Greeting = "您好！我是 WxMall 智能客服，可以帮您查订单和物流、推荐电脑、解答售后问题。试试问我“我的订单到哪了”或“6000左右的游戏本推荐一下”。";
    public const string ReturnRefund = "售后政策：签收 7 天内，商品未激活、包装配件齐全可无理由退货；15 天内出现性能故障可换货。请在订单详情页提交退货申请，审核通过后按原路退款，微信零钱约 5 分钟到账，银行卡 1–3 个工作日。";
    public const string Invoice = "发票说明：支持电子普通发票和增值税专用发票。订单完成后在订单详情页“申请开票”，填写抬头和税号，电子发票 1–3 个工作日内发到您的邮箱。";
    public const string Warranty = "保修说明：整机享受品牌全国联保（一般 1–2 年，以商品页为准），配件按厂商政策。需要维修可凭订单号到自提门店送修，或联系品牌官方售后；发“转人工”可由客服帮您登记。";
    public const string Payment = "支付说明：支持微信支付。若提示支付失败，请确认零钱或银行卡余额及限额后重试；已扣款但订单未变为“已支付”，系统会自动查单，通常几分钟内更新，重复扣款会原路退回。";
    public const string NotUnderstood = "抱歉，我没太理解您的问题。可以换个说法，例如“我的订单到哪了”“帮我推荐一台办公笔记本”，或发“转人工”联系客服。";
}
