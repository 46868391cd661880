using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using WxMall.Catalog;
using WxMall.Data;
using WxMall.Identity;
using WxMall.Inventory;
using WxMall.Storefront;

namespace WxMall.Admin.Console.Pages;

public sealed record AdminSkuRow(string Code, string Name, long PriceFen, long ListPriceFen, int Available, int Reserved, int Sold);

public sealed class ProductInput
{
    [Display(Name = "商品名称")] public string? Name { get; set; }
    [Display(Name = "副标题")] public string? Subtitle { get; set; }
    [Display(Name = "在售")] public bool OnSale { get; set; }
    [Display(Name = "首页推荐")] public bool Featured { get; set; }
}

/// <summary>One product: name, on sale, featured; each SKU's price (entered in yuan) and stock. Writes go through the admin API methods (audit-logged).</summary>
[Authorize(Policy = AuthPolicies.CatalogStaff)]
public sealed class ProductEditModel(MallDb db, CatalogIndex index, StockService stock, TimeProvider clock) : PageModel
{
    [BindProperty] public ProductInput Input { get; set; } = new();
    [TempData] public string? Done { get; set; }

    public string Code { get; private set; } = "";
    public IReadOnlyList<AdminSkuRow> Skus { get; private set; } = [];

    /// <summary>The SKU whose row form was posted, so its errors show in that row.</summary>
    public string? PostedSku { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken cancellationToken) =>
        await LoadAsync(code, fillInput: true, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostProductAsync(string code, CancellationToken cancellationToken)
    {
        var request = new UpdateProductRequest(Input.Name?.Trim(), Input.Subtitle?.Trim(), null, null, Input.OnSale, Input.Featured);
        var result = await AdminCatalog.UpdateProduct(code, request, db, index, User, clock, cancellationToken);
        return await AfterAsync(code, result.Result, "商品信息已保存", cancellationToken);
    }

    public async Task<IActionResult> OnPostPriceAsync(string code, string sku, string? price, string? listPrice, CancellationToken cancellationToken)
    {
        PostedSku = sku;
        var priceFen = ToFen(price);
        var listFen = string.IsNullOrWhiteSpace(listPrice) ? null : ToFen(listPrice);
        if (priceFen is null || (!string.IsNullOrWhiteSpace(listPrice) && listFen is null))
        {
            ModelState.AddModelError("PriceFen", "请输入金额（元），最多两位小数，例如 5999 或 5999.50");
            return await LoadAsync(code, fillInput: true, cancellationToken) ? Page() : NotFound();
        }

        var result = await AdminCatalog.SetPrice(sku, new PriceRequest(priceFen.Value, listFen), db, index, User, clock, cancellationToken);
        return await AfterAsync(code, result.Result, $"{sku} 价格已改为 {Money.Yuan(priceFen.Value)}", cancellationToken);
    }

    public async Task<IActionResult> OnPostStockAsync(string code, string sku, int delta, string? kind, string? reason, CancellationToken cancellationToken)
    {
        PostedSku = sku;
        var result = await AdminCatalog.ChangeStock(sku, new StockChangeRequest(delta, kind, reason), db, stock, User, clock, cancellationToken);
        return await AfterAsync(code, result.Result, $"{sku} 库存已调整 {delta:+#;-#;0}", cancellationToken);
    }

    private async Task<IActionResult> AfterAsync(string code, IResult result, string done, CancellationToken cancellationToken)
    {
        if (Storefront.PageOutcome.Succeeded(result, ModelState, fieldPrefix: PostedSku is null ? "Input" : ""))
        {
            Done = done;
            return Redirect($"/admin/products/{Uri.EscapeDataString(code)}");
        }

        return await LoadAsync(code, fillInput: PostedSku is not null, cancellationToken) ? Page() : NotFound();
    }

    /// <summary>"5999.5" yuan → 599950 fen; null for anything else (negative, more than two decimals, not a number).</summary>
    public static long? ToFen(string? yuan) =>
        decimal.TryParse(yuan?.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
        && value * 100 == decimal.Truncate(value * 100) && value <= AdminCatalog.MaxPriceFen / 100m
            ? (long)(value * 100)
            : null;

    private async Task<bool> LoadAsync(string code, bool fillInput, CancellationToken cancellationToken)
    {
        var product = await db.Products.AsNoTracking().FirstOrDefaultAsync(p => p.Code == code, cancellationToken);
        if (product is null)
        {
            return false;
        }

        Code = product.Code;
        if (fillInput)
        {
            Input = new ProductInput { Name = product.Name, Subtitle = product.Subtitle, OnSale = product.OnSale, Featured = product.Featured };
        }

        Skus = await db.Skus.AsNoTracking().Where(s => s.ProductId == product.Id).OrderBy(s => s.PriceFen)
            .Join(db.Stock, s => s.Id, st => st.SkuId, (s, st) => new AdminSkuRow(s.Code, s.Name, s.PriceFen, s.ListPriceFen, st.Available, st.Reserved, st.Sold))
            .ToListAsync(cancellationToken);
        return true;
    }
}
