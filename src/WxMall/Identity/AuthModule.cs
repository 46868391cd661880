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
    /// <summary>Shoppers in the H5 store (cookie).</summary>
    public const string Member = "member";

    /// <summary>Shoppers in the mini-program: a bearer token issued by the mini-program login.</summary>
    public const string MemberBearer = "member-bearer";

    /// <summary>The default: the bearer scheme when the request carries <c>Authorization: Bearer</c>, else the cookie.</summary>
    public const string Storefront = "storefront";

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

    /// <summary>Sales reports: the people who run the shop and its campaigns, and finance.</summary>
    public const string ReportStaff = "staff:reports";
    public const string AdminOnly = "staff:admin";
}

public static class AuthModule
{
    public const string MemberIdClaim = "member_id";

    /// <summary>The WeChat app (official account or mini-program) the session's openid belongs to.</summary>
    public const string WeChatAppIdClaim = "wx_appid";

    /// <summary>The shopper's openid under <see cref="WeChatAppIdClaim"/>; JSAPI payments need it as <c>payer.openid</c>.</summary>
    public const string WeChatOpenIdClaim = "wx_openid";
    public const string DeviceCookie = "wxm_device";

    public static WebApplicationBuilder AddAuth(this WebApplicationBuilder builder)
    {
        builder.Services.AddDataProtection().SetApplicationName("wxmall").PersistKeysToDbContext<MallDb>();
        builder.Services.AddSingleton<IPasswordHasher<Member>, PasswordHasher<Member>>();
        builder.Services.AddSingleton<IPasswordHasher<StaffUser>, PasswordHasher<StaffUser>>();
        builder.Services.AddAuthentication(AuthSchemes.Storefront)
            .AddPolicyScheme(AuthSchemes.Storefront, "会员（Cookie 或 Bearer 令牌）", options =>
            {
                options.ForwardDefaultSelector = context =>
                    context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                        ? AuthSchemes.MemberBearer
                        : AuthSchemes.Member;

                // The cookie handler answers 401/403 as ProblemDetails; the bearer handler would answer an empty 401.
                options.ForwardChallenge = AuthSchemes.Member;
                options.ForwardForbid = AuthSchemes.Member;
            })
            .AddCookie(AuthSchemes.Member, options => ConfigureCookie(options, "wxm_member", TimeSpan.FromDays(30)))
            .AddBearerToken(AuthSchemes.MemberBearer, options => options.BearerTokenExpiration = StorefrontSessions.BearerTokenLifetime)
            .AddCookie(AuthSchemes.Staff, options =>
            {
                ConfigureCookie(options, "wxm_staff", TimeSpan.FromHours(12));
                options.Events.OnValidatePrincipal = StaffSessions.ValidateAsync;
            });
        builder.Services.AddScoped<Microsoft.AspNetCore.Authorization.IAuthorizationHandler, ActiveMemberHandler>();
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(AuthPolicies.Member, policy => policy.AddAuthenticationSchemes(AuthSchemes.Storefront)
                .RequireClaim(MemberIdClaim).AddRequirements(new ActiveMemberRequirement()))
            .AddPolicy(AuthPolicies.AnyStaff, policy => StaffPolicy(policy, StaffRoles.All.ToArray()))
            .AddPolicy(AuthPolicies.CatalogStaff, policy => StaffPolicy(policy, StaffRoles.Admin, StaffRoles.Operator))
            .AddPolicy(AuthPolicies.OrderStaff, policy => StaffPolicy(policy, StaffRoles.Admin, StaffRoles.Operator, StaffRoles.Agent))
            .AddPolicy(AuthPolicies.FinanceStaff, policy => StaffPolicy(policy, StaffRoles.Admin, StaffRoles.Finance))
            .AddPolicy(AuthPolicies.ReportStaff, policy => StaffPolicy(policy, StaffRoles.Admin, StaffRoles.Operator, StaffRoles.Finance))
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
        options.Events.OnRedirectToAccessDenied = context => context.Scheme.Name != AuthSchemes.Member
            ? WriteProblem(context.Response, StatusCodes.Status403Forbidden, "当前账号没有此操作的权限")
            : context.HttpContext.Items.ContainsKey(ActiveMemberHandler.MergedFlag)
                ? WriteProblem(context.Response, StatusCodes.Status401Unauthorized, "该账号已合并到另一个账号，请重新登录")
                : context.HttpContext.User.MemberId() is null

                    // A WeChat visitor (openid only) is signed in but not a member yet.
                    ? WriteProblem(context.Response, StatusCodes.Status401Unauthorized, "请先用微信或手机号登录会员")
                    : WriteProblem(context.Response, StatusCodes.Status403Forbidden, "当前账号没有此操作的权限");
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

    /// <summary>The WeChat app of the session's openid (official account in H5, mini-program with a bearer token), if any.</summary>
    public static string? WeChatAppId(this ClaimsPrincipal user) => user.FindFirstValue(WeChatAppIdClaim);

    /// <summary>The shopper's openid under <see cref="WeChatAppId"/>, if the session came through WeChat.</summary>
    public static string? WeChatOpenId(this ClaimsPrincipal user) => user.FindFirstValue(WeChatOpenIdClaim);

    public static string StaffName(this ClaimsPrincipal user) => user.Identity?.Name ?? "unknown";
}
