using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using WxMall.Catalog;
using WxMall.Data;

namespace WxMall.Storefront.Pages;

/// <summary>Customer-service entry: the official-account chat (bot and human agents) and the stores' phone numbers.</summary>
public sealed class ServiceModel(MallDb db) : PageModel
{
    public IReadOnlyList<PickupStoreView> Stores { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Stores = await db.PickupStores.AsNoTracking().OrderBy(s => s.Id)
            .Select(s => new PickupStoreView(s.Code, s.Name, s.City, s.Address, s.Hours, s.Phone)).ToListAsync(cancellationToken);
}
