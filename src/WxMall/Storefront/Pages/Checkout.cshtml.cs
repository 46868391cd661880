using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WxMall.Cart;
using WxMall.Catalog;
using WxMall.Compliance;
using WxMall.Data;
using WxMall.Identity;
using WxMall.Members;
using WxMall.Ordering;

namespace WxMall.Storefront.Pages;

public sealed class CheckoutInput
{
    [Display(Name = "配送方式")]
    public string Delivery { get; set; } = "express";

    [Display(Name = "收货地址")]
    public long? AddressId { get; set; }

    [Display(Name = "自提门店")]
    public string? PickupStore { get; set; }

    [Display(Name = "使用积分")]
    public long UsePoints { get; set; }

    /// <summary>Generated when the page is shown: submitting twice places one order.</summary>
    public string? IdempotencyKey { get; set; }
}

/// <summary>
/// Checkout from the member's cart. The breakdown shown here is a preview computed on the server from live prices;
/// the order's amounts are the ones <see cref="PlaceOrder"/> computes again when it is placed.
/// </summary>
[Authorize(Policy = AuthPolicies.Member)]
public sealed class CheckoutModel(
    MallDb db, PersonalDataProtector protector, PlaceOrder placeOrder, IOptions<OrderOptions> orderOptions, IOptions<PointsOptions> pointsOptions) : PageModel
{
    [BindProperty]
    public CheckoutInput Input { get; set; } = new();

    public IReadOnlyList<CartLineView> Lines { get; private set; } = [];
    public IReadOnlyList<AddressView> Addresses { get; private set; } = [];
    public IReadOnlyList<PickupStoreView> Stores { get; private set; } = [];
    public long PointsBalance { get; private set; }
    public long MaxPoints { get; private set; }
    public long GoodsFen { get; private set; }
    public long ShippingFen { get; private set; }
    public long PointsDiscountFen { get; private set; }
    public long PayableFen => GoodsFen + ShippingFen - PointsDiscountFen;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (Lines.Count == 0)
        {
            return Redirect("/cart");
        }

        Input.AddressId = Addresses.FirstOrDefault(a => a.IsDefault)?.Id ?? (Addresses.Count > 0 ? Addresses[0].Id : null);
        Input.Delivery = Addresses.Count == 0 ? "pickup" : "express";
        Input.PickupStore = Stores.Count > 0 ? Stores[0].Code : null;
        Input.IdempotencyKey = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        Price();
        return Page();
    }

    /// <summary>Recomputes the breakdown for the chosen delivery and points (the JavaScript submits this on change).</summary>
    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        await LoadAsync(cancellationToken);
        Price();
        return Page();
    }

    public async Task<IActionResult> OnPostPlaceAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (Lines.Count == 0)
        {
            ModelState.AddModelError(string.Empty, "购物车中没有可购买的商品，请返回购物车检查库存");
            return Page();
        }

        var request = new PlaceOrderRequest(
            Lines.Select(l => new PlaceOrderLine(l.Sku, l.Quantity)).ToList(), Input.Delivery,
            Input.Delivery == "express" ? Input.AddressId : null, Input.Delivery == "pickup" ? Input.PickupStore : null, Input.UsePoints);
        var outcome = await placeOrder.HandleAsync(User.RequiredMemberId(), request, Input.IdempotencyKey, cancellationToken);
        switch (outcome)
        {
            case PlaceOrderOutcome.Placed placed:
                return Redirect($"/orders/{placed.Order.Number}/pay?placed=true");
            case PlaceOrderOutcome.AlreadyPlaced existing:
                return Redirect($"/orders/{existing.Order.Number}/pay");
            case PlaceOrderOutcome.Invalid invalid:
                foreach (var (field, messages) in invalid.Validation.Errors)
                {
                    foreach (var message in messages)
                    {
                        ModelState.AddModelError(field.StartsWith("lines", StringComparison.Ordinal) ? string.Empty : PageOutcome.FieldName("Input", field), message);
                    }
                }

                break;
            case PlaceOrderOutcome.OutOfStock outOfStock:
                var name = Lines.FirstOrDefault(l => l.Sku == outOfStock.Sku)?.ProductName ?? outOfStock.Sku;
                ModelState.AddModelError(string.Empty, $"库存不足：{name} 仅剩 {outOfStock.Available} 件，请回购物车减少数量");
                break;
            case PlaceOrderOutcome.NotFound notFound:
                ModelState.AddModelError(string.Empty, notFound.Detail);
                break;
            case PlaceOrderOutcome.Refused refused:
                ModelState.AddModelError(string.Empty, refused.Detail);
                break;
        }

        Price();
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var memberId = User.RequiredMemberId();
        var cart = await CartModule.ViewAsync(db, ShoppingCart.ForMember(memberId), cancellationToken);
        Lines = cart.Lines.Where(l => l.Purchasable).ToList();
        Addresses = (await MemberAddresses.List(User, db, protector, cancellationToken)).Value!;
        Stores = await db.PickupStores.AsNoTracking().OrderBy(s => s.Id)
            .Select(s => new PickupStoreView(s.Code, s.Name, s.City, s.Address, s.Hours, s.Phone)).ToListAsync(cancellationToken);
        PointsBalance = await db.Members.Where(m => m.Id == memberId).Select(m => m.PointsBalance).FirstOrDefaultAsync(cancellationToken);
    }

    private void Price()
    {
        var points = pointsOptions.Value;
        var orders = orderOptions.Value;
        GoodsFen = Lines.Sum(l => l.LineTotalFen);
        MaxPoints = Math.Min(PointsBalance, GoodsFen * points.MaxRedeemPercent / 100 / points.FenPerPoint);
        ShippingFen = Input.Delivery == "express" && GoodsFen < orders.FreeShippingFromFen ? orders.ShippingFeeFen : 0;
        PointsDiscountFen = Math.Clamp(Input.UsePoints, 0, MaxPoints) * points.FenPerPoint;
    }
}
