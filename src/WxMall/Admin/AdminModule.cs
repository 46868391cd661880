using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WxMall.Data;
using WxMall.Identity;

namespace WxMall.Admin;

public sealed record AuditEntryView(DateTimeOffset At, string Actor, string Action, string Target, string Detail);

public static class AdminModule
{
    public static WebApplicationBuilder AddAdmin(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<AdminOptions>(builder.Configuration.GetSection(AdminOptions.Section));
        return builder;
    }

    public static IEndpointRouteBuilder MapAdmin(this IEndpointRouteBuilder app)
    {
        var session = app.MapGroup("/api/admin").WithTags("Admin");
        session.MapPost("/login", StaffAccounts.Login);
        session.MapPost("/logout", StaffAccounts.Logout);

        var staff = app.MapGroup("/api/admin").WithTags("Admin").RequireAuthorization(AuthPolicies.AnyStaff);
        staff.MapGet("/me", StaffAccounts.Me);

        var admins = app.MapGroup("/api/admin").WithTags("Admin").RequireAuthorization(AuthPolicies.AdminOnly);
        admins.MapGet("/staff", StaffAccounts.List);
        admins.MapPost("/staff", StaffAccounts.Create);
        admins.MapPut("/staff/{id:int}", ChangeStaff.Handle);
        admins.MapGet("/audit", GetAuditLog);

        var catalog = app.MapGroup("/api/admin").WithTags("Admin: catalog").RequireAuthorization(AuthPolicies.CatalogStaff);
        catalog.MapPost("/products", AdminCatalog.CreateProduct);
        catalog.MapPut("/products/{code}", AdminCatalog.UpdateProduct);
        catalog.MapPost("/products/{code}/skus", AddSku.Handle);
        catalog.MapPut("/skus/{code}/price", AdminCatalog.SetPrice);
        catalog.MapGet("/skus/{code}/stock", AdminCatalog.GetStock);
        catalog.MapPost("/skus/{code}/stock", AdminCatalog.ChangeStock);

        var orders = app.MapGroup("/api/admin/orders").WithTags("Admin: orders").RequireAuthorization(AuthPolicies.OrderStaff);
        orders.MapGet("", AdminOrders.List);
        orders.MapGet("/{number}", AdminOrders.Get);
        orders.MapPost("/{number}/ship", AdminOrders.Ship);
        orders.MapPost("/{number}/cancel", AdminOrders.Cancel);

        var operations = app.MapGroup("/api/admin/dead-letters").WithTags("Admin: operations").RequireAuthorization(AuthPolicies.CatalogStaff);
        operations.MapGet("", DeadLetters.List);
        operations.MapPost("/{id:guid}/replay", DeadLetters.ReplayOne);
        operations.MapPost("/replay", DeadLetters.ReplayAll);
        return app;
    }

    private static async Task<Ok<List<AuditEntryView>>> GetAuditLog(MallDb db, CancellationToken cancellationToken, string? action = null, int page = 1) =>
        TypedResults.Ok(await db.AuditLog.AsNoTracking().Where(a => action == null || a.Action == action)
            .OrderByDescending(a => a.Id).Skip((Math.Max(page, 1) - 1) * 100).Take(100)
            .Select(a => new AuditEntryView(a.At, a.Actor, a.Action, a.Target, a.Detail)).ToListAsync(cancellationToken));
}
