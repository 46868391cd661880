using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WxMall.Compliance;
using WxMall.Data;
using WxMall.Identity;
using WxMall.Members;

namespace WxMall.Storefront.Pages;

public sealed class AddressInput
{
    [Display(Name = "收货人")] public string? RecipientName { get; set; }
    [Display(Name = "手机号")] public string? Phone { get; set; }
    [Display(Name = "省份")] public string? Province { get; set; }
    [Display(Name = "城市")] public string? City { get; set; }
    [Display(Name = "区县")] public string? District { get; set; }
    [Display(Name = "详细地址")] public string? Detail { get; set; }
    [Display(Name = "设为默认地址")] public bool IsDefault { get; set; }
}

[Authorize(Policy = AuthPolicies.Member)]
public sealed class AddressesModel(MallDb db, PersonalDataProtector protector) : PageModel
{
    [BindProperty]
    public AddressInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public IReadOnlyList<AddressView> Addresses { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAddAsync(CancellationToken cancellationToken)
    {
        var request = new AddressRequest(Input.RecipientName, Input.Phone?.Trim(), Input.Province, Input.City, Input.District, Input.Detail, Input.IsDefault);
        var result = await MemberAddresses.Add(request, User, db, protector, cancellationToken);
        if (PageOutcome.Read<AddressView>(result.Result, ModelState) is not null)
        {
            return ReturnUrl is not null ? LocalRedirect(LoginModel.SafeReturnUrl(ReturnUrl)) : RedirectToPage();
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(long id, CancellationToken cancellationToken)
    {
        var result = await MemberAddresses.Delete(id, User, db, cancellationToken);
        if (PageOutcome.Succeeded(result.Result, ModelState, fieldPrefix: ""))
        {
            return RedirectToPage(new { ReturnUrl });
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Addresses = (await MemberAddresses.List(User, db, protector, cancellationToken)).Value!;
}
