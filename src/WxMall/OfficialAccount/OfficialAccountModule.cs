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
        builder.Services.AddSingleton<WeChatClients>();
        builder.Services.AddSingleton<RuleBook>();
        builder.Services.AddSingleton<StoreLinks>();
        builder.Services.AddSingleton<RuleReplies>();
        builder.Services.AddSingleton<RecentPushes>();
        builder.Services.AddScoped<MessageLog>();
        builder.Services.AddSingleton<ReceivedMessageWriter>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ReceivedMessageWriter>());
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
        if (app.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<OfficialAccountOptions>>().Value.MapBareBenchmarkEndpoint)
        {
            // The benchmark's baseline: same routing, body read, no verification, no answer.
            wechat.MapPost("/bare", async (HttpRequest request) =>
            {
                await request.Body.CopyToAsync(Stream.Null);
                return TypedResults.Text("success", "text/plain");
            });
        }

        var rules = app.MapGroup("/api/admin/official-account/rules").WithTags("Admin: official account").RequireAuthorization(StaffPolicy);
        rules.MapGet("", ManageAutoReplyRules.List);
        rules.MapPost("", ManageAutoReplyRules.Create);
        rules.MapPut("/{id:long}", ManageAutoReplyRules.Update);
        rules.MapDelete("/{id:long}", ManageAutoReplyRules.Delete);

        var menu = app.MapGroup("/api/admin/official-account/menu").WithTags("Admin: official account").RequireAuthorization(StaffPolicy);
        menu.MapGet("", ManageMenu.Get).WithSummary("The menu draft and when it was published");
        menu.MapPut("", ManageMenu.Save).WithSummary("Replace the draft (validated against WeChat's button rules; store pages become campaign short links)");
        menu.MapPost("/publish", ManageMenu.Publish).WithSummary("Publish the draft with menu/create");
        app.MapGet("/api/admin/official-account/short-links", ShortLinks.List).WithTags("Admin: official account").RequireAuthorization(StaffPolicy);
        var qr = app.MapGroup("/api/admin/official-account/qr-codes").WithTags("Admin: official account").RequireAuthorization(StaffPolicy);
        qr.MapGet("", QrCodes.List).WithSummary("Parametric QR codes with scans and new followers");
        qr.MapPost("", QrCodes.Create).WithSummary("A permanent QR code for a channel or a pickup store");
        app.MapGet("/s/{code}", ShortLinks.Follow).WithTags("Official account").AllowAnonymous();
        return app;
    }
}
