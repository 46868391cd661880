using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WxMall.Data;
using WxMall.Identity;
using WxMall.Payments;
using WxMall.Payments.Reconciliation;
using WxMall.Storefront;

namespace WxMall.Admin.Console.Pages;

/// <summary>Daily reconciliation against the WeChat Pay trade bill: runs, differences, acknowledging what was checked by hand.</summary>
[Authorize(Policy = AuthPolicies.FinanceStaff)]
public sealed class ReconciliationModel(MallDb db, TimeProvider clock) : PageModel
{
    [BindProperty]
    [Display(Name = "对账日期")]
    public string? Date { get; set; }

    [TempData] public string? Done { get; set; }

    public IReadOnlyList<ReconciliationView> Runs { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Date ??= clock.GetUtcNow().ToOffset(Money.ChinaOffset).AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Runs = (await ReconciliationEndpoints.List(db, cancellationToken)).Value!;
    }

    public async Task<IActionResult> OnPostRunAsync([FromServices] ReconcileDay reconcile, [FromServices] PayGateway gateway, [FromServices] IWriteGate writeGate, CancellationToken cancellationToken)
    {
        var result = await ReconciliationEndpoints.Run(new ReconcileRequest(Date?.Trim()), User, reconcile, gateway, db, clock, writeGate, cancellationToken);
        if (PageOutcome.Read<ReconciliationView>(result.Result, ModelState, fieldPrefix: "") is { } run)
        {
            Done = $"{run.BillDate} 对账完成：{run.Status}，待处理差异 {run.OpenDifferences} 条";
            return RedirectToPage();
        }

        await OnGetAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAcknowledgeAsync(long id, [FromServices] IWriteGate writeGate, CancellationToken cancellationToken)
    {
        var result = await ReconciliationEndpoints.Acknowledge(id, User, db, clock, writeGate, cancellationToken);
        if (PageOutcome.Read<DifferenceView>(result.Result, ModelState, fieldPrefix: "") is not null)
        {
            Done = "差异已标记为已核实";
            return RedirectToPage();
        }

        await OnGetAsync(cancellationToken);
        return Page();
    }
}
