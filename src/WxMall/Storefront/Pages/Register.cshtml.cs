using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WxMall.Compliance;
using WxMall.Data;
using WxMall.Members;

namespace WxMall.Storefront.Pages;

public sealed class RegisterInput
{
    [Display(Name = "手机号")]
    public string? Phone { get; set; }

    [Display(Name = "密码（8 到 64 位）")]
    [DataType(DataType.Password)]
    public string? Password { get; set; }

    [Display(Name = "昵称（选填）")]
    public string? Nickname { get; set; }
}

public sealed class RegisterModel(MallDb db, PersonalDataProtector protector, IPasswordHasher<Member> hasher, TimeProvider clock) : PageModel
{
    [BindProperty]
    public RegisterInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var request = new RegisterRequest(Input.Phone?.Trim(), Input.Password, string.IsNullOrWhiteSpace(Input.Nickname) ? null : Input.Nickname);
        var result = await MemberAccounts.Register(request, db, protector, hasher, clock, HttpContext, cancellationToken);
        return PageOutcome.Read<MemberView>(result.Result, ModelState) is null ? Page() : LocalRedirect(LoginModel.SafeReturnUrl(ReturnUrl));
    }
}
