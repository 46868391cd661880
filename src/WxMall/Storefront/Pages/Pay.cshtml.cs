using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using WxMall.Data;
using WxMall.Identity;
using WxMall.Ordering;
using WxMall.Payments;

namespace WxMall.Storefront.Pages;

/// <summary>
/// Pays one order: JSAPI inside WeChat (WeixinJSBridge / wx.chooseWXPay), a Native QR code on a desktop, H5 pay in other
/// phone browsers. Amount and expiry are the order's, set by <see cref="StartPayment"/>; the page only chooses the mode.
/// </summary>
[Authorize(Policy = AuthPolicies.Member)]
public sealed class PayModel(MallDb db, StartPayment startPayment, IConfiguration configuration) : PageModel
{
    public string Number { get; private set; } = "";
    public long PayableFen { get; private set; }
    public DateTimeOffset Deadline { get; private set; }
    public string SuggestedMode { get; private set; } = "native";
    public bool InWeChat { get; private set; }
    public bool InMiniProgram { get; private set; }
    public PaymentView? Payment { get; private set; }
    public string? JsSdkUrl { get; private set; }

    [BindProperty(SupportsGet = true)]
    public bool Placed { get; set; }

    public async Task<IActionResult> OnGetAsync(string number, CancellationToken cancellationToken)
    {
        var status = await LoadAsync(number, cancellationToken);
        return status switch
        {
            null => NotFound(),
            OrderStatus.AwaitingPayment => Page(),
            _ => Redirect($"/orders/{Uri.EscapeDataString(number)}/pay/result"),
        };
    }

    public async Task<IActionResult> OnPostStartAsync(string number, string? mode, CancellationToken cancellationToken)
    {
        if (await LoadAsync(number, cancellationToken) is not { } status)
        {
            return NotFound();
        }

        // JSAPI here is always the official account's: inside the mini-program the page hands payment to the
        // mini-program's own pay page instead (see #mini-pay), because a web-view cannot call wx.requestPayment.
        var clientIp = HttpContext.Connection.RemoteIpAddress?.MapToIPv4().ToString();
        var outcome = await startPayment.HandleAsync(User.RequiredMemberId(), number, new StartPaymentRequest(mode, "official-account"), clientIp, cancellationToken);
        switch (outcome)
        {
            case StartPaymentOutcome.Started { Payment.Mode: "h5" } started:
                var back = $"{Request.Scheme}://{Request.Host}/orders/{Uri.EscapeDataString(number)}/pay/result";
                return Redirect(started.Payment.H5Url + (started.Payment.H5Url!.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "redirect_url=" + Uri.EscapeDataString(back));
            case StartPaymentOutcome.Started started:
                Payment = started.Payment;
                JsSdkUrl = WeChatBrowser.JsSdkUrl(configuration);
                break;
            case StartPaymentOutcome.Invalid invalid:
                ModelState.AddModelError(string.Empty, invalid.Detail);
                break;
            case StartPaymentOutcome.NotFound notFound:
                ModelState.AddModelError(string.Empty, notFound.Detail);
                break;
            case StartPaymentOutcome.Refused refused:
                ModelState.AddModelError(string.Empty, refused.Detail);
                break;
            case StartPaymentOutcome.Unavailable unavailable:
                ModelState.AddModelError(string.Empty, unavailable.Detail);
                break;
            case StartPaymentOutcome.WeChatFailed failed:
                ModelState.AddModelError(string.Empty, failed.Detail);
                break;
        }

        return status == OrderStatus.AwaitingPayment ? Page() : Redirect($"/orders/{Uri.EscapeDataString(number)}/pay/result");
    }

    private async Task<OrderStatus?> LoadAsync(string number, CancellationToken cancellationToken)
    {
        var memberId = User.RequiredMemberId();
        var order = await db.Orders.AsNoTracking().Where(o => o.Number == number && o.MemberId == memberId)
            .Select(o => new { o.Number, o.Status, o.PayableFen, o.PaymentDeadline }).FirstOrDefaultAsync(cancellationToken);
        if (order is null)
        {
            return null;
        }

        Number = order.Number;
        PayableFen = order.PayableFen;
        Deadline = order.PaymentDeadline;
        InWeChat = WeChatBrowser.IsWeChat(Request);
        InMiniProgram = WeChatBrowser.IsMiniProgram(Request);
        SuggestedMode = WeChatBrowser.SuggestedPayMode(Request);
        return order.Status;
    }
}
