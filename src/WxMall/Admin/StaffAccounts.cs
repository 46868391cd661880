using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using WxMall.Data;
using WxMall.Identity;
using WxMall.Infrastructure;

namespace WxMall.Admin;

public sealed class AdminOptions
{
    public const string Section = "Admin";

    /// <summary>The first administrator, created at start-up when no staff exist yet.</summary>
    public InitialAdminOptions InitialAdmin { get; set; } = new();
}

public sealed class InitialAdminOptions
{
    public string UserName { get; set; } = "admin";
    public string? Password { get; set; }
    public string DisplayName { get; set; } = "管理员";
}

public sealed record StaffLoginRequest(string? UserName, string? Password);

public sealed record CreateStaffRequest(string? UserName, string? Password, string? DisplayName, string? Role);

public sealed record StaffView(int Id, string UserName, string DisplayName, string Role, bool IsActive);

public static class StaffAccounts
{
    public static async Task EnsureInitialAdminAsync(MallDb db, IPasswordHasher<StaffUser> hasher, AdminOptions options, TimeProvider clock, ILogger logger, CancellationToken cancellationToken)
    {
        if (await db.Staff.AnyAsync(cancellationToken))
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(options.InitialAdmin.Password))
        {
            logger.LogWarning("No staff account exists and Admin:InitialAdmin:Password is not set; the admin console cannot be used until it is.");
            return;
        }

        var admin = new StaffUser
        {
            UserName = options.InitialAdmin.UserName, DisplayName = options.InitialAdmin.DisplayName, Role = StaffRoles.Admin,
            PasswordHash = "", CreatedAt = clock.GetUtcNow(),
        };
        admin.PasswordHash = hasher.HashPassword(admin, options.InitialAdmin.Password);
        db.Staff.Add(admin);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Created the initial administrator {UserName}", admin.UserName);
    }

    public static async Task<Results<Ok<StaffView>, ValidationProblem, ProblemHttpResult>> Login(
        StaffLoginRequest request, MallDb db, IPasswordHasher<StaffUser> hasher, HttpContext http, CancellationToken cancellationToken)
    {
        var validation = new Validation()
            .Require(!string.IsNullOrWhiteSpace(request.UserName), "userName", "请输入用户名")
            .Require(!string.IsNullOrEmpty(request.Password), "password", "请输入密码");
        if (!validation.IsValid)
        {
            return Problems.Invalid(validation);
        }

        var staff = await db.Staff.FirstOrDefaultAsync(s => s.UserName == request.UserName && s.IsActive, cancellationToken);
        if (staff is null || hasher.VerifyHashedPassword(staff, staff.PasswordHash, request.Password!) == PasswordVerificationResult.Failed)
        {
            return Problems.Unauthorized("用户名或密码不正确");
        }

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, staff.UserName), new Claim(ClaimTypes.Role, staff.Role), new Claim("display_name", staff.DisplayName)],
            AuthSchemes.Staff);
        await http.SignInAsync(AuthSchemes.Staff, new ClaimsPrincipal(identity));
        return TypedResults.Ok(ToView(staff));
    }

    public static async Task<NoContent> Logout(HttpContext http, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await http.SignOutAsync(AuthSchemes.Staff);
        return TypedResults.NoContent();
    }

    public static Ok<StaffView> Me(ClaimsPrincipal user) => TypedResults.Ok(new StaffView(
        0, user.StaffName(), user.FindFirstValue("display_name") ?? "", user.FindFirstValue(ClaimTypes.Role) ?? "", true));

    public static async Task<Ok<List<StaffView>>> List(MallDb db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await db.Staff.AsNoTracking().OrderBy(s => s.Id)
            .Select(s => new StaffView(s.Id, s.UserName, s.DisplayName, s.Role, s.IsActive)).ToListAsync(cancellationToken));

    public static async Task<Results<Created<StaffView>, ValidationProblem, ProblemHttpResult>> Create(
        CreateStaffRequest request, ClaimsPrincipal user, MallDb db, IPasswordHasher<StaffUser> hasher, TimeProvider clock, CancellationToken cancellationToken)
    {
        var validation = new Validation()
            .Require(request.UserName is { Length: >= 3 and <= 40 } && request.UserName.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-'),
                "userName", "用户名需为 3 到 40 位字母、数字、下划线、点或短横线")
            .Require(request.Password is { Length: >= 10 and <= 64 }, "password", "员工密码长度需为 10 到 64 位")
            .Require(request.DisplayName is { Length: >= 1 and <= 30 }, "displayName", "请填写姓名（不超过 30 个字）")
            .Require(request.Role is not null && StaffRoles.All.Contains(request.Role), "role", $"角色只能是 {string.Join("、", StaffRoles.All)}");
        if (!validation.IsValid)
        {
            return Problems.Invalid(validation);
        }

        if (await db.Staff.AnyAsync(s => s.UserName == request.UserName, cancellationToken))
        {
            return Problems.Conflict($"用户名 {request.UserName} 已存在");
        }

        var staff = new StaffUser
        {
            UserName = request.UserName!, DisplayName = request.DisplayName!, Role = request.Role!, PasswordHash = "", CreatedAt = clock.GetUtcNow(),
        };
        staff.PasswordHash = hasher.HashPassword(staff, request.Password!);
        db.Staff.Add(staff);
        AuditTrail.Record(db, user, clock, "staff.create", $"staff:{staff.UserName}", $"role={staff.Role}");
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/admin/staff/{staff.Id}", ToView(staff));
    }

    private static StaffView ToView(StaffUser staff) => new(staff.Id, staff.UserName, staff.DisplayName, staff.Role, staff.IsActive);
}
