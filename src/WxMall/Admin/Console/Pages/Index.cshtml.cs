using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WxMall.Data;
using WxMall.Identity;

namespace WxMall.Admin.Console.Pages;

[Authorize(Policy = AuthPolicies.AnyStaff)]
public sealed class IndexModel(MallDb db, TimeProvider clock) : PageModel
{
    public DashboardView? Dashboard { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Dashboard = await Console.Dashboard.LoadAsync(db, clock, cancellationToken);
}
