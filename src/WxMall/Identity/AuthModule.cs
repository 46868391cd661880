using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using WxMall.Admin;
using WxMall.Data;
using WxMall.Members;

namespace WxMall.Identity;

public static class AuthSchemes
{
    /// <summary>Shoppers in the H5 store.</summary>
    public const string Member = "member";

    /// <summary>Staff in the admin console.</summary>
    public const string Staff = "staff";
}

public static class AuthPolicies
{
    public const string Member = "member";
    public const string AnyStaff = "staff";
    public const string CatalogStaff = "staff:catalog";
    public const string OrderStaff = "staff:orders";
    public const string FinanceStaff = "staff:finance";
    public const string AdminOnly = "staff:admin";
}

public static class AuthModule
{
    public const string MemberIdClaim = "member_id";
    public const string DeviceCookie = "wxm_device";

    public static WebApplicationBuilder AddAuth(this WebApplicationBuilder builder)
    {
        builder.Services.AddDataProtection().SetApplicationName("wxmall").PersistKeysToDbContext<MallDb>();
        builder.Services.AddSingleton<IPasswordHasher<Member>, PasswordHasher<Member>>();
        builder.Services.AddSingleton<IPasswordHasher<StaffUser>, PasswordHasher<StaffUser>>();
        builder.Services.AddAuthentication(AuthSchemes.Member)
            .AddCookie(AuthSchemes.Member, options => ConfigureCookie(options, "wxm_member", TimeSpan.FromDays(30)))
            .AddCookie(AuthSchemes.Staff, options => ConfigureCookie(options, "wxm_staff", TimeSpan.FromHours(12)));
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(AuthPolicies.Member, policy => policy.AddAuthenticationSchemes(AuthSchemes.Member).RequireClaim(MemberIdClaim))
            .AddPolicy(AuthPolicies.AnyStaff, policy => StaffPolicy(policy, StaffRoles.All.ToArray()))
            .AddPolicy(AuthPolicies.CatalogStaff, policy => StaffPolicy(policy, StaffRoles.Admin, StaffRoles.Operator))
            .AddPolicy(AuthPolicies.OrderStaff, policy => StaffPolicy(policy, StaffRoles.Admin, StaffRoles.Operator, StaffRoles.Agent))
            .AddPolicy(AuthPolicies.FinanceStaff, policy => StaffPolicy(policy, StaffRoles.Admin, StaffRoles.Finance))
            .AddPolicy(AuthPolicies.AdminOnly, policy => StaffPolicy(policy, StaffRoles.Admin));
        return builder;
    }

    private static void StaffPolicy(Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder policy, params string[] roles) =>
        policy.AddAuthenticationSchemes(AuthSchemes.Staff).RequireAuthenticatedUser().RequireRole(roles);

    /// <summary>APIs answer 401/403 as ProblemDetails instead of redirecting to a login page.</summary>
    private static void ConfigureCookie(CookieAuthenticationOptions options, string name, TimeSpan lifetime)
    {
        options.Cookie.Name = name;
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = SameSiteMode.Lax;
        options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.ExpireTimeSpan = lifetime;
        options.SlidingExpiration = true;
        options.Events.OnRedirectToLogin = context => WriteProblem(context.Response, StatusCodes.Status401Unauthorized, "请先登录");
        options.Events.OnRedirectToAccessDenied = context => WriteProblem(context.Response, StatusCodes.Status403Forbidden, "当前账号没有此操作的权限");
    }

    private static Task WriteProblem(HttpResponse response, int status, string detail)
    {
        response.StatusCode = status;
        return response.WriteAsJsonAsync(
            new { type = "https://tools.ietf.org/html/rfc9110", title = status == 401 ? "未登录" : "无权限", status, detail },
            options: null, contentType: "application/problem+json");
    }

    /// <summary>Gives every browser a stable anonymous device id for its cart before anyone logs in.</summary>
    public static IApplicationBuilder UseDeviceId(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (!context.Request.Cookies.ContainsKey(DeviceCookie))
        {
            var deviceId = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
            context.Items[DeviceCookie] = deviceId;
            context.Response.Cookies.Append(DeviceCookie, deviceId, new CookieOptions
            {
                HttpOnly = true, SameSite = SameSiteMode.Lax, MaxAge = TimeSpan.FromDays(365), IsEssential = true,
            });
        }

        await next();
    });

    public static string? DeviceId(this HttpContext context) =>
        context.Request.Cookies.TryGetValue(DeviceCookie, out var id) && id.Length is > 0 and <= 64
            ? id
            : context.Items[DeviceCookie] as string;

    public static long? MemberId(this ClaimsPrincipal user) =>
        long.TryParse(user.FindFirstValue(MemberIdClaim), out var id) ? id : null;

    public static long RequiredMemberId(this ClaimsPrincipal user) =>
        user.MemberId() ?? throw new InvalidOperationException("Endpoint requires the member policy.");

    public static string StaffName(this ClaimsPrincipal user) => user.Identity?.Name ?? "unknown";
}
