using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WxMall.Data;
using WxMall.Identity;
using WxMall.Storefront;

namespace WxMall.Admin.Console.Pages;

public sealed class StaffLoginInput
{
    [Display(Name = "用户名")] public string? UserName { get; set; }
    [Display(Name = "密码")][DataType(DataType.Password)] public string? Password { get; set; }
}

public sealed class LoginModel(MallDb db, IPasswordHasher<StaffUser> hasher) : PageModel
{
    [BindProperty] public StaffLoginInput Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var result = await StaffAccounts.Login(new StaffLoginRequest(Input.UserName?.Trim(), Input.Password), db, hasher, HttpContext, cancellationToken);
        if (PageOutcome.Read<StaffView>(result.Result, ModelState) is null)
        {
            return Page();
        }

        return LocalRedirect(ReturnUrl is { Length: > 1 } url && url.StartsWith("/admin", StringComparison.Ordinal) && !url.StartsWith("//", StringComparison.Ordinal) ? url : "/admin");
    }

    public async Task<IActionResult> OnPostLogoutAsync()
    {
        await HttpContext.SignOutAsync(AuthSchemes.Staff);
        return Redirect("/admin/login");
    }
}
