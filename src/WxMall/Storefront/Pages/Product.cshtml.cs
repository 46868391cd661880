using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WxMall.Cart;
using WxMall.Catalog;
using WxMall.Data;
using WxMall.Identity;
using WxMall.Members;

namespace WxMall.Storefront.Pages;

public sealed class ProductModel(MallDb db, IWriteGate writeGate, TimeProvider clock) : PageModel
{
    public ProductView? Product { get; private set; }
    public SkuView? Selected { get; private set; }

    [BindProperty]
    [Display(Name = "规格")]
    public string? Sku { get; set; }

    [BindProperty]
    [Display(Name = "数量")]
    public int Quantity { get; set; } = 1;

    [TempData]
    public string? Added { get; set; }

    /// <summary>The signed-in member's referral code, which the share card's link carries.</summary>
    public string? ReferralCode { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, string? sku, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(code, sku, cancellationToken))
        {
            return NotFound();
        }

        if (User.MemberId() is { } memberId)
        {
            ReferralCode = await Referrals.CodeForAsync(db, writeGate, memberId, cancellationToken);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string code, CancellationToken cancellationToken)
    {
        var result = await CartModule.AddLine(new CartLineRequest(Sku, Quantity), HttpContext, db, clock, cancellationToken);
        if (PageOutcome.Read<CartView>(result.Result, ModelState, fieldPrefix: "") is not null)
        {
            Added = "已加入购物车";
            return Redirect($"/p/{Uri.EscapeDataString(code)}?sku={Uri.EscapeDataString(Sku!)}");
        }

        return await LoadAsync(code, Sku, cancellationToken) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(string code, string? sku, CancellationToken cancellationToken)
    {
        Product = await ProductDetails.LoadAsync(db, code, cancellationToken);
        if (Product is null || Product.Skus.Count == 0)
        {
            return false;
        }

        Selected = Product.Skus.FirstOrDefault(s => s.Code == sku)
            ?? Product.Skus.FirstOrDefault(s => s.Available > 0)
            ?? Product.Skus[0];
        Sku = Selected.Code;
        return true;
    }
}
