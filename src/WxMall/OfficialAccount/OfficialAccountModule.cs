using WxMall.Identity;

namespace WxMall.OfficialAccount;

public static class OfficialAccountModule
{
    /// <summary>Staff who run the official account (menus, rules, QR codes): administrators and operators.</summary>
    public const string StaffPolicy = AuthPolicies.CatalogStaff;

    public static WebApplicationBuilder AddOfficialAccount(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<OfficialAccountOptions>(builder.Configuration.GetSection(OfficialAccountOptions.Section));
        builder.Services.AddSingleton<MessageEndpoint>();
        builder.Services.AddSingleton<RuleBook>();
        builder.Services.AddSingleton<StoreLinks>();
        builder.Services.AddScoped<RuleReplies>();
        builder.Services.AddScoped<MessageLog>();
        builder.Services.AddScoped<PushAnswering>();
        builder.Services.AddScoped<OrderNotifications>();
        return builder;
    }

    public static IEndpointRouteBuilder MapOfficialAccount(this IEndpointRouteBuilder app)
    {
        // WeChat's callbacks: authenticated by signature, not by cookie.
        var wechat = app.MapGroup("/wechat/message").WithTags("WeChat callbacks").AllowAnonymous();
        wechat.MapGet("", ReceiveMessage.Verify);
        wechat.MapPost("", ReceiveMessage.Receive).DisableAntiforgery();

        var rules = app.MapGroup("/api/admin/official-account/rules").WithTags("Admin: official account").RequireAuthorization(StaffPolicy);
        rules.MapGet("", ManageAutoReplyRules.List);
        rules.MapPost("", ManageAutoReplyRules.Create);
        rules.MapPut("/{id:long}", ManageAutoReplyRules.Update);
        rules.MapDelete("/{id:long}", ManageAutoReplyRules.Delete);
        return app;
    }
}
