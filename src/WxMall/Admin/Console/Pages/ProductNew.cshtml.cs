using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using WxMall.Catalog;
using WxMall.Data;
using WxMall.Identity;
using WxMall.Inventory;

namespace WxMall.Admin.Console.Pages;

public sealed class NewProductInput
{
    [Display(Name = "商品编码")] public string? Code { get; set; }
    [Display(Name = "商品名称")] public string? Name { get; set; }
    [Display(Name = "副标题")] public string? Subtitle { get; set; }
    [Display(Name = "分类")] public string? Category { get; set; }
    [Display(Name = "品牌")] public string? Brand { get; set; }
    [Display(Name = "首个规格编码")] public string? SkuCode { get; set; }
    [Display(Name = "首个规格名称")] public string? SkuName { get; set; }
    [Display(Name = "售价（元）")] public string? Price { get; set; }
    [Display(Name = "初始库存")] public string? Stock { get; set; } = "0";
}

/// <summary>A new product with its first SKU, through the admin API's method (audit-logged); more SKUs are added on its edit page.</summary>
[Authorize(Policy = AuthPolicies.CatalogStaff)]
public sealed class ProductNewModel(MallDb db, CatalogIndex index, StockService stock, TimeProvider clock) : PageModel
{
    [BindProperty] public NewProductInput Input { get; set; } = new();
    [TempData] public string? Done { get; set; }

    public IReadOnlyList<(string Code, string Name)> Categories { get; private set; } = [];
    public IReadOnlyList<(string Code, string Name)> Brands { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadChoicesAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var priceFen = ProductEditModel.ToFen(Input.Price);
        if (priceFen is null or 0)
        {
            ModelState.AddModelError("Input.Price", "请输入售价（元），大于 0，最多两位小数，例如 5999 或 5999.50");
        }

        if (!int.TryParse(Input.Stock?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var initialStock))
        {
            ModelState.AddModelError("Input.Stock", $"初始库存需为 0 到 {AdminCatalog.MaxInitialStock} 的整数");
        }

        if (ModelState.ErrorCount == 0)
        {
            var request = new CreateProductRequest(
                Input.Code?.Trim(), Input.Category, Input.Brand, Input.Name?.Trim(), Input.Subtitle?.Trim(), null, null,
                [new CreateSkuRequest(Input.SkuCode?.Trim(), Input.SkuName?.Trim(), priceFen!.Value, null, initialStock, null)]);
            var result = await AdminCatalog.CreateProduct(request, db, stock, index, User, clock, cancellationToken);
            if (result.Result is Created<ProductView>)
            {
                Done = $"已创建商品 {request.Name}";
                return Redirect($"/admin/products/{Uri.EscapeDataString(request.Code!)}");
            }

            CopyErrors(result.Result);
        }

        await LoadChoicesAsync(cancellationToken);
        return Page();
    }

    /// <summary>The API's field names (skus[0].priceFen …) onto the form's (Input.Price …).</summary>
    private void CopyErrors(IResult result) => Storefront.PageOutcome.CopyErrors(result, ModelState, field => field switch
    {
        "code" => "Input.Code",
        "name" => "Input.Name",
        "category" => "Input.Category",
        "brand" => "Input.Brand",
        "skus" or "skus[0].code" => "Input.SkuCode",
        "skus[0].name" => "Input.SkuName",
        "skus[0].priceFen" => "Input.Price",
        "skus[0].stock" => "Input.Stock",
        _ => string.Empty,
    });

    private async Task LoadChoicesAsync(CancellationToken cancellationToken)
    {
        Categories = (await db.Categories.AsNoTracking().OrderBy(c => c.Sort).Select(c => new { c.Code, c.Name }).ToListAsync(cancellationToken))
            .Select(c => (c.Code, c.Name)).ToList();
        Brands = (await db.Brands.AsNoTracking().OrderBy(b => b.Name).Select(b => new { b.Code, b.Name }).ToListAsync(cancellationToken))
            .Select(b => (b.Code, b.Name)).ToList();
    }
}
