using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wolverine.EntityFrameworkCore;
using WxMall.Compliance;
using WxMall.Data;
using WxMall.Identity;
using WxMall.Ordering;
using WxMall.Storefront;

namespace WxMall.Admin.Console.Pages;

public sealed class ShipInput
{
    [Display(Name = "快递公司")] public string? Carrier { get; set; } = "顺丰速运";
    [Display(Name = "快递单号")] public string? TrackingNumber { get; set; }
}

[Authorize(Policy = AuthPolicies.OrderStaff)]
public sealed class OrderDetailModel(MallDb db, PersonalDataProtector protector, TimeProvider clock) : PageModel
{
    public OrderView? Order { get; private set; }
    public RevealedRecipient? Revealed { get; private set; }

    [BindProperty] public ShipInput Input { get; set; } = new();

    [BindProperty]
    [Display(Name = "取消原因")]
    public string? CancelReason { get; set; }

    [TempData] public string? Done { get; set; }

    public async Task<IActionResult> OnGetAsync(string number, CancellationToken cancellationToken) =>
        await LoadAsync(number, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostShipAsync(string number, [FromServices] IDbContextOutbox<MallDb> outbox, CancellationToken cancellationToken)
    {
        var result = await AdminOrders.Ship(number, new ShipRequest(Input.Carrier?.Trim(), Input.TrackingNumber?.Trim()), outbox, protector, User, clock, cancellationToken);
        return await AfterAsync(number, result.Result, "Input", "已发货", cancellationToken);
    }

    public async Task<IActionResult> OnPostCancelAsync(string number, [FromServices] CancelOrder cancel, CancellationToken cancellationToken)
    {
        var result = await AdminOrders.Cancel(number, new AdminCancelRequest(CancelReason?.Trim()), cancel, db, protector, User, clock, cancellationToken);
        if (result.Result is Microsoft.AspNetCore.Http.HttpResults.ValidationProblem)
        {
            ModelState.AddModelError(nameof(CancelReason), "请填写取消原因（2 到 200 个字）");
            return await LoadAsync(number, cancellationToken) ? Page() : NotFound();
        }

        return await AfterAsync(number, result.Result, "", "订单已取消", cancellationToken);
    }

    public async Task<IActionResult> OnPostRevealAsync(string number, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(number, cancellationToken))
        {
            return NotFound();
        }

        Revealed = await PersonalDataReveal.RecipientAsync(db, protector, User, clock, number, cancellationToken);
        if (Revealed is null)
        {
            ModelState.AddModelError(string.Empty, "当前角色不能查看完整收件信息");
        }

        return Page();
    }

    private async Task<IActionResult> AfterAsync(string number, IResult result, string prefix, string done, CancellationToken cancellationToken)
    {
        if (PageOutcome.Succeeded(result, ModelState, prefix))
        {
            Done = done;
            return Redirect($"/admin/orders/{Uri.EscapeDataString(number)}");
        }

        return await LoadAsync(number, cancellationToken) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(string number, CancellationToken cancellationToken)
    {
        Order = await OrderViews.LoadAsync(db, protector, number, memberId: null, cancellationToken);
        return Order is not null;
    }
}
