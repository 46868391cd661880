using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using WxMall.Data;
using WxMall.Payments;

namespace WxMall.Storefront.Pages;

/// <summary>After paying: the order's state as the store knows it (asking WeChat Pay when unsure); the page keeps polling until paid.</summary>
[Authorize(Policy = Identity.AuthPolicies.Member)]
public sealed class PayResultModel(MallDb db, CheckPayment check) : PageModel
{
    public PaymentStatusView? Status { get; private set; }

    /// <summary>For a cancelled order: the product page of its first line, where ordering again starts.</summary>
    public string? BuyAgainUrl { get; private set; }

    public async Task<IActionResult> OnGetAsync(string number, CancellationToken cancellationToken)
    {
        var result = await PaymentsModule.Status(number, User, db, check, cancellationToken);
        Status = PageOutcome.Read<PaymentStatusView>(result.Result, ModelState, fieldPrefix: "");
        if (Status is { Status: nameof(Ordering.OrderStatus.Cancelled) })
        {
            BuyAgainUrl = await db.Orders.Where(o => o.Number == number).SelectMany(o => o.Lines).OrderBy(l => l.Id)
                .Join(db.Skus, l => l.SkuId, s => s.Id, (l, s) => "/p/" + s.Product.Code + "?sku=" + s.Code)
                .FirstOrDefaultAsync(cancellationToken);
        }

        return Status is null ? NotFound() : Page();
    }
}
