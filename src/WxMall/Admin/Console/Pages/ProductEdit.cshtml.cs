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

/// <summary>A new SKU as typed: prices in yuan and stock as text, so a typo gets our message rather than the binder's.</summary>
public sealed class NewSkuInput
{
    [Display(Name = "规格编码")] public string? Code { get; set; }
    [Display(Name = "规格名称")] public string? Name { get; set; }
    [Display(Name = "售价（元）")] public string? Price { get; set; }
    [Display(Name = "划线价（元，可不填）")] public string? ListPrice { get; set; }
    [Display(Name = "初始库存")] public string? Stock { get; set; } = "0";
    [Display(Name = "内存（GB，不填则与本商品相同）")] public string? RamGb { get; set; }
    [Display(Name = "硬盘（GB，不填则与本商品相同）")] public string? StorageGb { get; set; }
}

/// <summary>One product: name, on sale, featured; each SKU's price (entered in yuan) and stock. Writes go through the admin API methods (audit-logged).</summary>
[Authorize(Policy = AuthPolicies.CatalogStaff)]
public sealed class ProductEditModel(MallDb db, CatalogIndex index, StockService stock, TimeProvider clock) : PageModel
{
    [BindProperty] public ProductInput Input { get; set; } = new();
    [BindProperty] public NewSkuInput NewSku { get; set; } = new();
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

    public async Task<IActionResult> OnPostSkuAsync(string code, CancellationToken cancellationToken)
    {
        var priceFen = ToFen(NewSku.Price);
        var listFen = string.IsNullOrWhiteSpace(NewSku.ListPrice) ? null : ToFen(NewSku.ListPrice);
        var stockParsed = int.TryParse(NewSku.Stock?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var initialStock);
        if (priceFen is null or 0)
        {
            ModelState.AddModelError("NewSku.Price", "请输入售价（元），大于 0，最多两位小数，例如 5999 或 5999.50");
        }

        if (!string.IsNullOrWhiteSpace(NewSku.ListPrice) && listFen is null)
        {
            ModelState.AddModelError("NewSku.ListPrice", "请输入划线价（元），最多两位小数；不填则与售价相同");
        }

        if (!stockParsed)
        {
            ModelState.AddModelError("NewSku.Stock", $"初始库存需为 0 到 {AdminCatalog.MaxInitialStock} 的整数");
        }

        var ramGb = OptionalWhole(NewSku.RamGb, "NewSku.RamGb", "内存请填写整数 GB，例如 32；不填则与本商品相同");
        var storageGb = OptionalWhole(NewSku.StorageGb, "NewSku.StorageGb", "硬盘请填写整数 GB，例如 1024（1TB）；不填则与本商品相同");
        if (ModelState.ErrorCount == 0)
        {
            var result = await AddSku.Handle(
                code, new AddSkuRequest(NewSku.Code, NewSku.Name, priceFen!.Value, listFen, initialStock, ramGb, storageGb), db, stock, index, User, clock, cancellationToken);
            if (result.Result is Created<AddedSkuView> created)
            {
                Done = $"已添加规格 {created.Value!.Name}（{created.Value.Code}），售价 {Money.Yuan(created.Value.PriceFen)}，库存 {created.Value.Available} 件";
                return Redirect($"/admin/products/{Uri.EscapeDataString(code)}");
            }

            CopyErrors(result.Result);
        }

        return await LoadAsync(code, fillInput: true, cancellationToken) ? Page() : NotFound();
    }

    /// <summary>An optional whole number typed in a text box: null when empty; an error on the field when it is not a number.</summary>
    private int? OptionalWhole(string? text, string field, string message)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        ModelState.AddModelError(field, message);
        return null;
    }

    /// <summary>The API's field names (priceFen …) onto the form's (NewSku.Price …); anything else goes to the summary.</summary>
    private void CopyErrors(IResult result) => Storefront.PageOutcome.CopyErrors(result, ModelState, field => field switch
    {
        "code" => "NewSku.Code",
        "name" => "NewSku.Name",
        "priceFen" => "NewSku.Price",
        "listPriceFen" => "NewSku.ListPrice",
        "stock" => "NewSku.Stock",
        "ramGb" => "NewSku.RamGb",
        "storageGb" => "NewSku.StorageGb",
        _ => string.Empty,
    });

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
