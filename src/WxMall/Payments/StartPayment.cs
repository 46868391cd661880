using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WxMall.Data;
using WxMall.Identity;
using WxMall.Ordering;
using WxMall.WeChat.Pay.Crypto;
using WxMall.WeChat.Pay.Transactions;
using WxMall.Storefront;

namespace WxMall.Payments;

/// <summary>
/// How the shopper pays: <c>mode</c> is <c>jsapi</c> inside WeChat, <c>native</c> for a QR code, <c>h5</c> in other phone
/// browsers; for JSAPI, <c>app</c> is <c>official-account</c> (the H5 store in WeChat, the default) or <c>mini-program</c>.
/// </summary>
public sealed record StartPaymentRequest(string? Mode, string? App);

/// <summary>
/// A payment ready for the payer: <c>jsapi</c> holds the signed parameters for <c>wx.chooseWXPay</c> /
/// <c>wx.requestPayment</c>; Native has <c>codeUrl</c> and an SVG of it at <c>qrImageUrl</c>; H5 has <c>h5Url</c>.
/// </summary>
public sealed record PaymentView(
    string OrderNumber, string Mode, string OutTradeNumber, long AmountFen, DateTimeOffset ExpiresAt,
    ClientPaymentParameters? Jsapi, string? CodeUrl, string? QrImageUrl, string? H5Url);

public abstract record StartPaymentOutcome
{
    public sealed record Started(PaymentView Payment) : StartPaymentOutcome;

    public sealed record Invalid(string Field, string Detail) : StartPaymentOutcome;

    public sealed record NotFound(string Detail) : StartPaymentOutcome;

    public sealed record Refused(string Detail) : StartPaymentOutcome;

    public sealed record Unavailable(string Detail) : StartPaymentOutcome;

    public sealed record WeChatFailed(string Detail) : StartPaymentOutcome;
}

/// <summary>
/// Creates (or renews) the WeChat Pay order for one of the member's orders. Amount and expiry come from our order,
/// never from the page: <c>time_expire</c> is the order's payment deadline, so a QR code cannot be paid after the
/// order has cancelled itself.
/// </summary>
public sealed class StartPayment(MallDb db, PayGateway gateway, SettleTransaction settle, ClosePayments closer, IWriteGate writeGate, IOptions<PaymentOptions> options, TimeProvider clock)
{
    public async Task<StartPaymentOutcome> HandleAsync(
        long memberId, string orderNumber, StartPaymentRequest request, string? clientIp, CancellationToken cancellationToken)
    {
        if (!TryParseMode(request.Mode, out var mode))
        {
            return new StartPaymentOutcome.Invalid("mode", "支付方式只能是 jsapi（微信内支付）、native（扫码支付）或 h5（手机浏览器支付）");
        }

        if (!TryParseApp(request.App, out var app))
        {
            return new StartPaymentOutcome.Invalid("app", "app 只能是 official-account（公众号）或 mini-program（小程序）");
        }

        if (!gateway.IsConfigured)
        {
            return new StartPaymentOutcome.Unavailable("微信支付未开通（WeChat:Mode=Off），请联系商家");
        }

        var order = await db.Orders.AsNoTracking().Include(o => o.Lines)
            .FirstOrDefaultAsync(o => o.Number == orderNumber && o.MemberId == memberId, cancellationToken);
        if (order is null)
        {
            return new StartPaymentOutcome.NotFound($"订单 {orderNumber} 不存在");
        }

        if (order.Status != OrderStatus.AwaitingPayment)
        {
            return new StartPaymentOutcome.Refused($"订单{OrderStatusNames.Of(order.Status)}，无需再支付");
        }

        var now = clock.GetUtcNow();
        if (order.PaymentDeadline - now < options.Value.MinimumTimeToPay)
        {
            return new StartPaymentOutcome.Refused("订单即将超时取消，已不能支付，请重新下单");
        }

        var appId = mode == PaymentMode.Jsapi ? gateway.AppIdFor(app) : gateway.DefaultAppId;
        if (appId is null)
        {
            return new StartPaymentOutcome.Unavailable("该应用未配置微信支付，请换一种支付方式");
        }

        string? openId = null;
        if (mode == PaymentMode.Jsapi)
        {
            openId = await db.OpenIdForAsync(memberId, appId, cancellationToken);
            if (openId is null)
            {
                return new StartPaymentOutcome.Refused(app == PayingApp.MiniProgram
                    ? "请先在小程序中用微信登录，再使用微信支付"
                    : "请先用微信登录（在微信中打开商城并授权），再使用微信内支付；或改用扫码支付");
            }
        }

        if (mode == PaymentMode.H5 && string.IsNullOrEmpty(clientIp))
        {
            return new StartPaymentOutcome.Invalid("mode", "无法识别您的网络地址，H5 支付不可用，请改用扫码支付");
        }

        var (attempt, superseded) = await AttemptForAsync(order, mode, appId, openId, cancellationToken);
        foreach (var old in superseded)
        {
            // A payment that slipped in on an older attempt is applied (or refunded) before a new one is offered.
            if (await closer.CloseAsync(old, cancellationToken) is { } paid)
            {
                await settle.HandleAsync(paid, cancellationToken);
                return new StartPaymentOutcome.Refused("这笔订单已有一笔支付成功，请刷新订单查看");
            }
        }

        var prepay = await PrepayAsync(attempt, order, clientIp, cancellationToken);
        if (prepay is not null)
        {
            return new StartPaymentOutcome.WeChatFailed(prepay);
        }

        await using (await writeGate.EnterAsync(cancellationToken))
        {
            await db.PaymentAttempts.Where(a => a.Id == attempt.Id).ExecuteUpdateAsync(s => s
                .SetProperty(a => a.PrepayId, attempt.PrepayId)
                .SetProperty(a => a.CodeUrl, attempt.CodeUrl)
                .SetProperty(a => a.H5Url, attempt.H5Url), cancellationToken);
        }

        return new StartPaymentOutcome.Started(View(attempt, appId));
    }

    private async Task<(PaymentAttempt Attempt, List<PaymentAttempt> Superseded)> AttemptForAsync(
        Order order, PaymentMode mode, string appId, string? openId, CancellationToken cancellationToken)
    {
        var attempts = await db.PaymentAttempts.AsNoTracking().Where(a => a.OrderNumber == order.Number)
            .OrderBy(a => a.Id).ToListAsync(cancellationToken);
        var open = attempts.Where(a => a.IsOpen).ToList();
        var same = open.FirstOrDefault(a => a.Mode == mode && a.AppId == appId && a.PayerOpenId == openId);
        if (same is not null)
        {
            return (same, open.Where(a => a != same).ToList());
        }

        var attempt = new PaymentAttempt
        {
            OrderNumber = order.Number,
            OutTradeNumber = attempts.Count == 0 ? order.Number : $"{order.Number}P{attempts.Count + 1}",
            Mode = mode,
            AppId = appId,
            PayerOpenId = openId,
            AmountFen = order.PayableFen,
            ExpiresAt = order.PaymentDeadline,
            CreatedAt = clock.GetUtcNow(),
        };
        await using (await writeGate.EnterAsync(cancellationToken))
        {
            db.PaymentAttempts.Add(attempt);
            await db.SaveChangesAsync(cancellationToken);
            db.Entry(attempt).State = EntityState.Detached;
        }

        return (attempt, open);
    }

    /// <summary>Null when the prepay worked; otherwise what to tell the shopper.</summary>
    private async Task<string?> PrepayAsync(PaymentAttempt attempt, Order order, string? clientIp, CancellationToken cancellationToken)
    {
        var description = Description(order);
        var expires = attempt.ExpiresAt.ToOffset(Money.ChinaOffset);
        var amount = new PrepayAmount { TotalFen = attempt.AmountFen };
        var notifyUrl = gateway.Options.NotifyUrl?.ToString() ?? throw new InvalidOperationException("WeChat Pay needs a NotifyUrl.");
        switch (attempt.Mode)
        {
            case PaymentMode.Jsapi:
                var jsapi = await gateway.Client.CreateJsapiTransactionAsync(
                    new CreateJsapiTransactionRequest
                    {
                        AppId = attempt.AppId, MerchantId = gateway.MerchantId, Description = description, OutTradeNumber = attempt.OutTradeNumber,
                        ExpiresAt = expires, NotifyUrl = notifyUrl, Amount = amount, Payer = new PrepayPayer { OpenId = attempt.PayerOpenId! },
                    },
                    cancellationToken);
                attempt.PrepayId = jsapi.Value?.PrepayId;
                return Failure(jsapi.Error);
            case PaymentMode.Native:
                var native = await gateway.Client.CreateNativeTransactionAsync(
                    new CreateNativeTransactionRequest
                    {
                        AppId = attempt.AppId, MerchantId = gateway.MerchantId, Description = description, OutTradeNumber = attempt.OutTradeNumber,
                        ExpiresAt = expires, NotifyUrl = notifyUrl, Amount = amount,
                    },
                    cancellationToken);
                attempt.CodeUrl = native.Value?.CodeUrl;
                return Failure(native.Error);
            default:
                var h5 = await gateway.Client.CreateH5TransactionAsync(
                    new CreateH5TransactionRequest
                    {
                        AppId = attempt.AppId, MerchantId = gateway.MerchantId, Description = description, OutTradeNumber = attempt.OutTradeNumber,
                        ExpiresAt = expires, NotifyUrl = notifyUrl, Amount = amount,
                        SceneInfo = new PrepaySceneInfo { PayerClientIp = clientIp!, H5Info = new PrepayH5Info { Type = "Wap", AppName = "WxMall 电脑商城" } },
                    },
                    cancellationToken);
                attempt.H5Url = h5.Value?.H5Url;
                return Failure(h5.Error);
        }
    }

    private PaymentView View(PaymentAttempt attempt, string appId)
    {
        ClientPaymentParameters? jsapi = null;
        if (attempt.Mode == PaymentMode.Jsapi)
        {
            jsapi = ClientPaymentSigner.Create(gateway.MerchantKey, appId, attempt.PrepayId!, clock.GetUtcNow(), PayNonce.Create());
        }

        return new PaymentView(
            attempt.OrderNumber, attempt.Mode.ToString().ToLowerInvariant(), attempt.OutTradeNumber, attempt.AmountFen, attempt.ExpiresAt, jsapi,
            attempt.CodeUrl, attempt.Mode == PaymentMode.Native ? $"/api/orders/{attempt.OrderNumber}/payments/qr.svg" : null, attempt.H5Url);
    }

    private static string Description(Order order)
    {
        var first = order.Lines.OrderBy(l => l.Id).FirstOrDefault();
        var text = first is null ? "WxMall 订单" : order.Lines.Count > 1 ? $"{first.ProductName} 等{order.Lines.Count}件" : first.ProductName;
        return text.Length > 120 ? text[..120] : text;
    }

    private static string? Failure(WxMall.WeChat.Pay.Client.PayError? error) => error switch
    {
        null => null,
        { Code: "ORDERPAID" } => "这笔订单已支付成功，请刷新订单查看",
        { Code: "ORDER_CLOSED" } => "这笔支付已关闭，请重新下单",
        _ => $"微信支付暂时无法下单（{error.Code}），请稍后重试，或换一种支付方式",
    };

    private static bool TryParseMode(string? text, out PaymentMode mode)
    {
        mode = text?.Trim().ToLowerInvariant() switch
        {
            "jsapi" => PaymentMode.Jsapi,
            "native" => PaymentMode.Native,
            "h5" => PaymentMode.H5,
            _ => (PaymentMode)(-1),
        };
        return Enum.IsDefined(mode);
    }

    private static bool TryParseApp(string? text, out PayingApp app)
    {
        app = text?.Trim().ToLowerInvariant() switch
        {
            null or "" or "official-account" => PayingApp.OfficialAccount,
            "mini-program" => PayingApp.MiniProgram,
            _ => (PayingApp)(-1),
        };
        return Enum.IsDefined(app);
    }
}
