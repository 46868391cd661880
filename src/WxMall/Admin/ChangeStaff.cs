using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WxMall.Data;
using WxMall.Identity;
using WxMall.Infrastructure;

namespace WxMall.Admin;

public sealed record ChangeStaffRequest(string? Role, bool? IsActive);

/// <summary>
/// An administrator changes a colleague's role or disables the account; audit-logged. Nobody changes their own
/// account here, so the console cannot lose its last administrator by accident.
/// </summary>
public static class ChangeStaff
{
    public static async Task<Results<Ok<StaffView>, ValidationProblem, ProblemHttpResult>> Handle(
        int id, ChangeStaffRequest request, ClaimsPrincipal user, MallDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (request.Role is not null && !StaffRoles.All.Contains(request.Role))
        {
            return Problems.Invalid("role", $"角色只能是 {string.Join("、", StaffRoles.All)}");
        }

        var staff = await db.Staff.FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (staff is null)
        {
            return Problems.NotFound($"员工 {id} 不存在");
        }

        if (staff.UserName == user.StaffName())
        {
            return Problems.Conflict("不能修改自己的角色或停用自己的账号，请让另一位管理员操作");
        }

        var changes = new List<string>();
        if (request.Role is not null && request.Role != staff.Role)
        {
            changes.Add($"role {staff.Role} → {request.Role}");
            staff.Role = request.Role;
        }

        if (request.IsActive is { } active && active != staff.IsActive)
        {
            changes.Add(active ? "enabled" : "disabled");
            staff.IsActive = active;
        }

        if (changes.Count > 0)
        {
            AuditTrail.Record(db, user, clock, "staff.change", $"staff:{staff.UserName}", string.Join("; ", changes));
            await db.SaveChangesAsync(cancellationToken);
        }

        return TypedResults.Ok(new StaffView(staff.Id, staff.UserName, staff.DisplayName, staff.Role, staff.IsActive));
    }
}
