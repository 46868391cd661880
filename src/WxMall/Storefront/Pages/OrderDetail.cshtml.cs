using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WxMall.Compliance;
using WxMall.Data;
using WxMall.Identity;
using WxMall.Ordering;

namespace WxMall.Storefront.Pages;

[Authorize(Policy = AuthPolicies.Member)]
public sealed class OrderDetailModel(MallDb db, PersonalDataProtector protector, CancelOrder cancelOrder) : PageModel
{
    public OrderView? Order { get; private set; }

    [BindProperty]
    [Display(Name = "退货原因")]
    public string? Reason { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Placed { get; set; }

    public bool CanCancel => Order?.Status == nameof(OrderStatus.AwaitingPayment);

    public bool CanRequestReturn => Order?.Status is nameof(OrderStatus.Paid) or nameof(OrderStatus.Shipped) or nameof(OrderStatus.Completed);

    public async Task<IActionResult> OnGetAsync(string number, CancellationToken cancellationToken) =>
        await LoadAsync(number, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostCancelAsync(string number, CancellationToken cancellationToken)
    {
        var result = await OrderingModule.CancelMine(number, User, cancelOrder, db, protector, cancellationToken);
        return await AfterAsync(number, result.Result, cancellationToken);
    }

    public async Task<IActionResult> OnPostReturnAsync(string number, CancellationToken cancellationToken)
    {
        var result = await OrderingModule.RequestReturn(number, new ReturnRequest(Reason?.Trim()), User, db, protector, cancellationToken);
        return await AfterAsync(number, result.Result, cancellationToken);
    }

    private async Task<IActionResult> AfterAsync(string number, IResult result, CancellationToken cancellationToken)
    {
        if (PageOutcome.Read<OrderView>(result, ModelState, fieldPrefix: "") is not null)
        {
            return Redirect($"/orders/{Uri.EscapeDataString(number)}");
        }

        return await LoadAsync(number, cancellationToken) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(string number, CancellationToken cancellationToken)
    {
        Order = await OrderViews.LoadAsync(db, protector, number, User.RequiredMemberId(), cancellationToken);
        return Order is not null;
    }
}
