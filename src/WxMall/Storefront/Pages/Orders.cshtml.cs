using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using WxMall.Data;
using WxMall.Identity;
using WxMall.Ordering;

namespace WxMall.Storefront.Pages;

[Authorize(Policy = AuthPolicies.Member)]
public sealed class OrdersModel(MallDb db) : PageModel
{
    public IReadOnlyList<OrderSummary> Orders { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var memberId = User.RequiredMemberId();
        var rows = await db.Orders.AsNoTracking().Where(o => o.MemberId == memberId)
            .OrderByDescending(o => o.Id).Take(50)
            .Select(o => new
            {
                o.Number, o.Status, o.PayableFen, o.PlacedAt,
                ItemCount = o.Lines.Sum(l => l.Quantity),
                FirstProduct = o.Lines.OrderBy(l => l.Id).Select(l => l.ProductName).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        Orders = rows.Select(o => new OrderSummary(
            o.Number, o.Status.ToString(), OrderStatusNames.Of(o.Status), o.PayableFen, o.ItemCount, o.FirstProduct ?? "", o.PlacedAt)).ToList();
    }
}
