using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WxMall.Data;
using WxMall.Identity;
using WxMall.Storefront;

namespace WxMall.Admin.Console.Pages;

public sealed class NewStaffInput
{
    [Display(Name = "用户名")] public string? UserName { get; set; }
    [Display(Name = "姓名")] public string? DisplayName { get; set; }
    [Display(Name = "初始密码（至少 10 位）")][DataType(DataType.Password)] public string? Password { get; set; }
    [Display(Name = "角色")] public string? Role { get; set; } = StaffRoles.Operator;
}

[Authorize(Policy = AuthPolicies.AdminOnly)]
public sealed class StaffModel(MallDb db, IPasswordHasher<StaffUser> hasher, TimeProvider clock) : PageModel
{
    [BindProperty] public NewStaffInput Input { get; set; } = new();
    [TempData] public string? Done { get; set; }
    public IReadOnlyList<StaffView> Staff { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Staff = (await StaffAccounts.List(db, cancellationToken)).Value!;

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        var request = new CreateStaffRequest(Input.UserName?.Trim(), Input.Password, Input.DisplayName?.Trim(), Input.Role);
        var result = await StaffAccounts.Create(request, User, db, hasher, clock, cancellationToken);
        if (PageOutcome.Read<StaffView>(result.Result, ModelState) is { } created)
        {
            Done = $"已添加员工 {created.UserName}（{StaffAccess.RoleName(created.Role)}）";
            return RedirectToPage();
        }

        await OnGetAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostChangeAsync(int id, string? role, bool? isActive, CancellationToken cancellationToken)
    {
        var result = await ChangeStaff.Handle(id, new ChangeStaffRequest(role, isActive), User, db, clock, cancellationToken);
        if (PageOutcome.Read<StaffView>(result.Result, ModelState, fieldPrefix: "") is { } changed)
        {
            Done = $"已更新 {changed.UserName}：{StaffAccess.RoleName(changed.Role)}，{(changed.IsActive ? "启用" : "停用")}";
            return RedirectToPage();
        }

        await OnGetAsync(cancellationToken);
        return Page();
    }
}
