using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using WxMall.Data;

namespace WxMall.Identity;

/// <summary>
/// A staff cookie carries the role it was issued with. Checking it against the account on every request means that
/// disabling someone, or changing their role, takes effect at once instead of when their 12-hour cookie runs out;
/// after a role change they sign in again and get the new role.
/// </summary>
internal static class StaffSessions
{
    private sealed record StaffState(string Role, bool IsActive);

    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var userName = context.Principal?.FindFirstValue(ClaimTypes.Name);
        var role = context.Principal?.FindFirstValue(ClaimTypes.Role);
        var reads = context.HttpContext.RequestServices.GetRequiredService<IHotReads>();
        var state = userName is null ? null : await reads.FirstAsync(
            $"""SELECT "Role", "IsActive" FROM "Staff" WHERE "UserName" = {userName}""",
            row => new StaffState(row.GetString(0), row.GetBoolean(1)), context.HttpContext.RequestAborted);
        if (state is not { IsActive: true } || state.Role != role)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(context.Scheme.Name);
        }
    }
}
