using WxMall.Identity;

namespace WxMall.Members;

public static class MembersModule
{
    public static WebApplicationBuilder AddMembers(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<PointsOptions>(builder.Configuration.GetSection(PointsOptions.Section));
        return builder;
    }

    public static IEndpointRouteBuilder MapMembers(this IEndpointRouteBuilder app)
    {
        var accounts = app.MapGroup("/api/members").WithTags("Members");
        accounts.MapPost("/register", MemberAccounts.Register);
        accounts.MapPost("/login", MemberAccounts.Login);
        accounts.MapPost("/logout", MemberAccounts.Logout);

        var me = app.MapGroup("/api/members/me").WithTags("Members").RequireAuthorization(AuthPolicies.Member);
        me.MapGet("", MemberAccounts.Me);
        me.MapGet("/addresses", MemberAddresses.List);
        me.MapPost("/addresses", MemberAddresses.Add);
        me.MapDelete("/addresses/{id:long}", MemberAddresses.Delete);
        me.MapGet("/points", MemberAddresses.Points);
        return app;
    }
}
