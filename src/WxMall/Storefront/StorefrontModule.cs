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
            RedirectPagesToLogin(options, "/login", deniedToo: true));
        return builder;
    }

    public static WebApplication MapStorefront(this WebApplication app)
    {
        if (app.Configuration.GetValue<string>("WeChat:Mode") is null or "Sandbox")
        {
            // The emulator's phone opens store links with ?emulator_user=…; remember for this browser session that it is "in WeChat".
            app.Use((context, next) =>
            {
                if (context.Request.Query.ContainsKey("emulator_user") && !context.Request.Path.StartsWithSegments("/api"))
                {
                    context.Response.Cookies.Append(EmulatedWeChatCookie, "1", new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax });
                    context.Items[EmulatedWeChatCookie] = true;
                }

                return next(context);
            });
        }

        app.UseStaticFiles();
        app.MapRazorPages();
        return app;
    }

    /// <summary>Marks a browser that came in through the emulator's phone (sandbox), so pages treat it as inside WeChat.</summary>
    public const string EmulatedWeChatCookie = "wxm_wechat";

    /// <summary>
    /// Wraps the cookie's 401 answer: requests for pages (not under /api) are redirected to the given login page.
    /// For shoppers the 403 too: a WeChat visitor (openid only, no member yet) must sign in as a member first.
    /// </summary>
    public static void RedirectPagesToLogin(CookieAuthenticationOptions options, string loginPath, bool deniedToo = false)
    {
        if (deniedToo)
        {
            var apiDenied = options.Events.OnRedirectToAccessDenied;
            options.Events.OnRedirectToAccessDenied = context =>
            {
                if (context.Request.Path.StartsWithSegments("/api") || context.HttpContext.User.MemberId() is not null)
                {
                    return apiDenied(context);
                }

                var back = context.Request.PathBase + context.Request.Path + context.Request.QueryString;
                context.Response.Redirect($"{loginPath}?returnUrl={Uri.EscapeDataString(back)}");
                return Task.CompletedTask;
            };
        }

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
