using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using WxMall.Data;
using WxMall.Identity;

namespace WxMall.Admin.Console.Pages;

public sealed record AdminProductRow(string Code, string Name, string Category, string Brand, bool OnSale, bool Featured, int SkuCount, long MinPriceFen, int Available, int Sold);

[Authorize(Policy = AuthPolicies.CatalogStaff)]
public sealed class ProductsModel(MallDb db) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<AdminProductRow> Products { get; private set; } = [];
    public int Total { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        PageNumber = Math.Clamp(PageNumber, 1, 1000);
        var query = db.Products.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var term = Q.Trim();
            query = query.Where(p => p.Name.Contains(term) || p.Code.Contains(term));
        }

        Total = await query.CountAsync(cancellationToken);
        Products = await query.OrderBy(p => p.Category.Code).ThenBy(p => p.Code)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(p => new AdminProductRow(
                p.Code, p.Name, p.Category.Name, p.Brand.Name, p.OnSale, p.Featured, p.Skus.Count,
                p.Skus.Min(s => s.PriceFen),
                db.Stock.Where(st => p.Skus.Select(s => s.Id).Contains(st.SkuId)).Sum(st => st.Available),
                db.Stock.Where(st => p.Skus.Select(s => s.Id).Contains(st.SkuId)).Sum(st => st.Sold)))
            .ToListAsync(cancellationToken);
    }
}
