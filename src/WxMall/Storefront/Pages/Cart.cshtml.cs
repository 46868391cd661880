using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WxMall.Cart;
using WxMall.Data;
using WxMall.Identity;

namespace WxMall.Storefront.Pages;

public sealed class CartModel(MallDb db, TimeProvider clock) : PageModel
{
    public CartView Cart { get; private set; } = new([], 0, 0);

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostQuantityAsync(string sku, int quantity, CancellationToken cancellationToken)
    {
        var result = await CartModule.SetQuantity(sku, new CartLineRequest(sku, quantity), HttpContext, db, clock, cancellationToken);
        return await AfterAsync(result.Result, cancellationToken);
    }

    public async Task<IActionResult> OnPostRemoveAsync(string sku, CancellationToken cancellationToken)
    {
        var result = await CartModule.RemoveLine(sku, HttpContext, db, cancellationToken);
        return await AfterAsync(result.Result, cancellationToken);
    }

    private async Task<IActionResult> AfterAsync(IResult result, CancellationToken cancellationToken)
    {
        if (PageOutcome.Read<CartView>(result, ModelState, fieldPrefix: "") is not null)
        {
            return RedirectToPage();
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var owner = User.MemberId() is { } memberId ? ShoppingCart.ForMember(memberId) : ShoppingCart.ForDevice(HttpContext.DeviceId()!);
        Cart = await CartModule.ViewAsync(db, owner, cancellationToken);
    }
}
