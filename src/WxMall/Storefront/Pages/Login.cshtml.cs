using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WxMall.Compliance;
using WxMall.Data;
using WxMall.Members;

namespace WxMall.Storefront.Pages;

public sealed class LoginInput
{
    [Display(Name = "手机号")]
    public string? Phone { get; set; }

    [Display(Name = "密码")]
    [DataType(DataType.Password)]
    public string? Password { get; set; }
}

/// <summary>Phone + password sign-in; validation and the password check are the API's (<see cref="MemberAccounts.Login"/>).</summary>
public sealed class LoginModel(MallDb db, PersonalDataProtector protector, IPasswordHasher<Member> hasher, TimeProvider clock) : PageModel
{
    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var result = await MemberAccounts.Login(new LoginRequest(Input.Phone?.Trim(), Input.Password), db, protector, hasher, clock, HttpContext, cancellationToken);
        return PageOutcome.Read<MemberView>(result.Result, ModelState) is null ? Page() : LocalRedirect(SafeReturnUrl(ReturnUrl));
    }

    /// <summary>Only local paths, so a crafted link cannot send a shopper to another site after login.</summary>
    public static string SafeReturnUrl(string? returnUrl) =>
        returnUrl is { Length: > 1 } url && url[0] == '/' && url[1] != '/' && url[1] != '\\' ? url : "/me";
}
