using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WxMall.Identity;

namespace WxMall.Storefront;

/// <summary>
/// Server-rendered pages: the H5 store (this folder) and the admin console (<c>Admin/Console</c>). Razor Pages with
/// absolute routes in each <c>@page</c>, a little hand-written JavaScript from <c>wwwroot/js</c>, no front-end build.
/// </summary>
public static class StorefrontModule
{
    public static WebApplicationBuilder AddStorefront(this WebApplicationBuilder builder)
    {
        // Pages live in their capability folders (Storefront/, Admin/Console/) and declare absolute routes.
        builder.Services.AddRazorPages(options => options.RootDirectory = "/");

        // The store is opened inside WeChat's frame (the emulator's phone, the mini-program web-view): the default
        // X-Frame-Options: SAMEORIGIN of antiforgery would blank it there. Clickjacking of admin pages is handled by CSP below.
        builder.Services.AddAntiforgery(options => options.SuppressXFrameOptionsHeader = true);

        // Pages send shoppers to the login page; APIs keep answering 401 as ProblemDetails.
        builder.Services.PostConfigure<CookieAuthenticationOptions>(AuthSchemes.Member, options =>
            RedirectPagesToLogin(options, "/login"));
        return builder;
    }

    public static WebApplication MapStorefront(this WebApplication app)
    {
        app.UseStaticFiles();
        app.MapRazorPages();
        return app;
    }

    /// <summary>Wraps the cookie's 401 answer: requests for pages (not under /api) are redirected to the given login page.</summary>
    public static void RedirectPagesToLogin(CookieAuthenticationOptions options, string loginPath)
    {
        var apiAnswer = options.Events.OnRedirectToLogin;
        options.Events.OnRedirectToLogin = context =>
        {
            if (context.Request.Path.StartsWithSegments("/api"))
            {
                return apiAnswer(context);
            }

            var returnUrl = context.Request.PathBase + context.Request.Path + context.Request.QueryString;
            context.Response.Redirect($"{loginPath}?returnUrl={Uri.EscapeDataString(returnUrl)}");
            return Task.CompletedTask;
        };
    }
}
