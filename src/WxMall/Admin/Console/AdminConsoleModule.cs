using Microsoft.AspNetCore.Authentication.Cookies;
using WxMall.Data;
using WxMall.Identity;
using WxMall.Storefront;

namespace WxMall.Admin.Console;

/// <summary>The admin console's pages live in <c>Admin/Console/Pages</c> (Razor Pages, mapped with the store's pages).</summary>
public static class AdminConsoleModule
{
    public static WebApplicationBuilder AddAdminConsole(this WebApplicationBuilder builder)
    {
        builder.Services.PostConfigure<CookieAuthenticationOptions>(AuthSchemes.Staff, options =>
        {
            StorefrontModule.RedirectPagesToLogin(options, "/admin/login");
            var apiDenied = options.Events.OnRedirectToAccessDenied;
            options.Events.OnRedirectToAccessDenied = context =>
            {
                if (context.Request.Path.StartsWithSegments("/api"))
                {
                    return apiDenied(context);
                }

                context.Response.Redirect("/admin/denied");
                return Task.CompletedTask;
            };
        });
        return builder;
    }

    public static WebApplication MapAdminConsole(this WebApplication app)
    {
        // The store may be framed by WeChat; the console may not be framed by anyone else.
        app.Use((context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/admin"))
            {
                context.Response.Headers.ContentSecurityPolicy = "frame-ancestors 'self'";
                context.Response.Headers.XFrameOptions = "SAMEORIGIN";
            }

            return next(context);
        });
        app.MapGet("/admin/charts/sales-30d.svg", async (MallDb db, TimeProvider clock, HttpContext http, CancellationToken cancellationToken) =>
            {
                var dashboard = await Dashboard.LoadAsync(db, clock, cancellationToken);
                http.Response.Headers.CacheControl = "private, max-age=60";
                return Results.Text(SalesChart.RenderSvg(dashboard.Last30Days), "image/svg+xml");
            })
            .RequireAuthorization(AuthPolicies.AnyStaff)
            .WithTags("Admin: console")
            .ExcludeFromDescription();
        return app;
    }
}
