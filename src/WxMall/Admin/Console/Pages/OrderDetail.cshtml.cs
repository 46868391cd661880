using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wolverine.EntityFrameworkCore;
using WxMall.Compliance;
using WxMall.Data;
using WxMall.Identity;
using WxMall.Ordering;
using WxMall.Payments;
using WxMall.Storefront;

namespace WxMall.Admin.Console.Pages;

public sealed class ShipInput
{
    [Display(Name = "快递公司")] public string? Carrier { get; set; } = "顺丰速运";
    [Display(Name = "快递单号")] public string? TrackingNumber { get; set; }
}

[Authorize(Policy = AuthPolicies.AnyStaff)]
public sealed class OrderDetailModel(MallDb db, PersonalDataProtector protector, TimeProvider clock) : PageModel
{
    public OrderView? Order { get; private set; }
    public RevealedRecipient? Revealed { get; private set; }

    [BindProperty] public ShipInput Input { get; set; } = new();

    [BindProperty]
    [Display(Name = "取消原因")]
    public string? CancelReason { get; set; }

    [TempData] public string? Done { get; set; }

    [BindProperty]
    [Display(Name = "退款金额（元，不填则全额）")]
    public string? RefundYuan { get; set; }

    [BindProperty]
    [Display(Name = "退款原因")]
    public string? RefundReason { get; set; }

    [BindProperty]
    [Display(Name = "拒绝原因（买家可见）")]
    public string? RejectReason { get; set; }

    public OrderPaymentsView? Payments { get; private set; }

    public async Task<IActionResult> OnGetAsync(string number, CancellationToken cancellationToken)
    {
        if (!StaffAccess.Orders(User) && !StaffAccess.Finance(User))
        {
            return Redirect("/admin/denied");
        }

        return await LoadAsync(number, cancellationToken) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostRefundAsync(string number, [FromServices] RefundOrder refunds, [FromServices] PayGateway gateway, CancellationToken cancellationToken)
    {
        if (!StaffAccess.Finance(User))
        {
            return Redirect("/admin/denied");
        }

        long? amountFen = null;
        if (!string.IsNullOrWhiteSpace(RefundYuan))
        {
            amountFen = ProductEditModel.ToFen(RefundYuan);
            if (amountFen is null or 0)
            {
                ModelState.AddModelError(nameof(RefundYuan), "请输入退款金额（元），最多两位小数；不填则退还全部可退金额");
                return await LoadAsync(number, cancellationToken) ? Page() : NotFound();
            }
        }

        var result = await PaymentsModule.RefundByStaff(number, new AdminRefundRequest(amountFen, RefundReason?.Trim()), User, refunds, gateway, cancellationToken);
        if (result.Result is Microsoft.AspNetCore.Http.HttpResults.ValidationProblem invalid)
        {
            foreach (var (field, messages) in invalid.ProblemDetails.Errors)
            {
                ModelState.AddModelError(field == "reason" ? nameof(RefundReason) : nameof(RefundYuan), messages[0]);
            }

            return await LoadAsync(number, cancellationToken) ? Page() : NotFound();
        }

        return await AfterAsync(number, result.Result, "", "已提交退款，微信支付处理完成后订单状态会更新", cancellationToken);
    }

    public async Task<IActionResult> OnPostApproveReturnAsync(string number, [FromServices] RefundOrder refunds, [FromServices] PayGateway gateway, CancellationToken cancellationToken)
    {
        if (!StaffAccess.Finance(User))
        {
            return Redirect("/admin/denied");
        }

        var result = await PaymentsModule.ApproveReturn(number, User, refunds, gateway, cancellationToken);
        return await AfterAsync(number, result.Result, "", "已同意退货并发起退款", cancellationToken);
    }

    public async Task<IActionResult> OnPostRejectReturnAsync(string number, [FromServices] IWriteGate writeGate, CancellationToken cancellationToken)
    {
        if (!StaffAccess.Finance(User))
        {
            return Redirect("/admin/denied");
        }

        var result = await PaymentsModule.RejectReturn(number, new RejectReturnRequest(RejectReason), User, db, protector, clock, writeGate, cancellationToken);
        if (result.Result is Microsoft.AspNetCore.Http.HttpResults.ValidationProblem)
        {
            Storefront.PageOutcome.CopyErrors(result.Result, ModelState, field => field == "reason" ? nameof(RejectReason) : string.Empty);
            return await LoadAsync(number, cancellationToken) ? Page() : NotFound();
        }

        return await AfterAsync(number, result.Result, "", "已拒绝退货申请", cancellationToken);
    }

    public async Task<IActionResult> OnPostShipAsync(string number, [FromServices] IDbContextOutbox<MallDb> outbox, CancellationToken cancellationToken)
    {
        if (!StaffAccess.Orders(User))
        {
            return Redirect("/admin/denied");
        }

        var result = await AdminOrders.Ship(number, new ShipRequest(Input.Carrier?.Trim(), Input.TrackingNumber?.Trim()), outbox, protector, User, clock, cancellationToken);
        return await AfterAsync(number, result.Result, "Input", "已发货", cancellationToken);
    }

    public async Task<IActionResult> OnPostCancelAsync(string number, [FromServices] CancelOrder cancel, CancellationToken cancellationToken)
    {
        if (!StaffAccess.Orders(User))
        {
            return Redirect("/admin/denied");
        }

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
        if (Order is not null && StaffAccess.Finance(User))
        {
            Payments = (await PaymentsModule.Payments(number, db, cancellationToken)).Result is Microsoft.AspNetCore.Http.HttpResults.Ok<OrderPaymentsView> ok ? ok.Value : null;
        }

        return Order is not null;
    }
}
