using Microsoft.AspNetCore.Mvc.RazorPages;
using WxMall.Catalog;

namespace WxMall.Storefront.Pages;

public sealed class IndexModel(CatalogIndex index, SearchProducts search) : PageModel
{
    public IReadOnlyList<CategoryView> Categories { get; private set; } = [];
    public IReadOnlyList<ProductCard> Featured { get; private set; } = [];
    public IReadOnlyList<ProductCard> Hot { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var snapshot = await index.GetAsync(cancellationToken);
        Categories = snapshot.Categories
            .Select(c => new CategoryView(c.Code, c.Name, snapshot.Products.Count(p => p.CategoryCode == c.Code))).ToList();
        var bySales = await search.HandleAsync(new SearchRequest(PageSize: 100, Sort: SearchSort.Sales), cancellationToken);
        var featured = snapshot.Products.Where(p => p.Featured).Select(p => p.Code).ToHashSet();
        Featured = bySales.Items.Where(i => featured.Contains(i.Code)).Take(8).ToList();
        Hot = bySales.Items.Take(8).ToList();
    }
}
