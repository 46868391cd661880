using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WxMall.Data;
using WxMall.Identity;
using WxMall.Ordering;

namespace WxMall.Admin.Console.Pages;

// Order staff fulfil orders; finance staff refund them. Each handler of the detail page checks its own role.
[Authorize(Policy = AuthPolicies.AnyStaff)]
public sealed class OrdersModel(MallDb db) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<AdminOrderRow> Orders { get; private set; } = [];

    public static IEnumerable<OrderStatus> Statuses => Enum.GetValues<OrderStatus>();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!StaffAccess.Orders(User) && !StaffAccess.Finance(User))
        {
            return Redirect("/admin/denied");
        }

        PageNumber = Math.Clamp(PageNumber, 1, 1000);
        var result = await AdminOrders.List(db, cancellationToken, Status, PageNumber);
        Orders = Storefront.PageOutcome.Read<List<AdminOrderRow>>(result.Result, ModelState, fieldPrefix: "") ?? [];
        return Page();
    }
}
