using WxMall.Admin;
using WxMall.Identity;

namespace WxMall.CustomerService;

public static class CustomerServiceModule
{
    /// <summary>Customer-service agents and administrators.</summary>
    public const string AgentPolicy = "staff:customer-service";

    public static WebApplicationBuilder AddCustomerService(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(CustomerServiceOptions.Section);
        builder.Services.Configure<CustomerServiceOptions>(options =>
        {
            section.Bind(options);

            // In sandbox mode the agents' WeCom group is the emulator's default robot.
            if (string.IsNullOrEmpty(options.WeComRobotKey) && builder.Configuration.GetValue("WeChat:Mode", "Sandbox") == "Sandbox")
            {
                options.WeComRobotBaseUrl = builder.Configuration["WeChatEmulator:Urls"] ?? $"http://localhost:{WxMall.WeChatEmulator.Accounts.EmulatorOptions.DefaultPort}";
                options.WeComRobotKey = WxMall.WeChatEmulator.Accounts.WeComSettings.DefaultRobotKey;
            }
        });
        builder.Services.AddAuthorizationBuilder().AddPolicy(AgentPolicy, policy =>
            policy.AddAuthenticationSchemes(AuthSchemes.Staff).RequireAuthenticatedUser().RequireRole(StaffRoles.Admin, StaffRoles.Agent));
        builder.Services.AddScoped<CustomerServiceDesk>();
        builder.Services.AddSingleton<HumanConversations>();
        builder.Services.AddScoped<AgentAssignment>();
        builder.Services.AddScoped<IShopperBot, IntentBot>();
        builder.Services.AddSingleton<WeComRobot>();
        builder.Services.AddHttpClient(WeComRobot.HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(10));
        return builder;
    }

    public static IEndpointRouteBuilder MapCustomerService(this IEndpointRouteBuilder app)
    {
        var desk = app.MapGroup("/api/admin/customer-service").WithTags("Admin: customer service").RequireAuthorization(AgentPolicy);
        desk.MapGet("/queue", AgentWorkspace.Queue).WithSummary("Conversations waiting for an agent, oldest first");
        desk.MapGet("/conversations/mine", AgentWorkspace.Mine).WithSummary("Conversations assigned to the signed-in agent");
        desk.MapGet("/conversations/{id:long}", AgentWorkspace.Get).WithSummary("A conversation with its full history, bot turns included");
        desk.MapPost("/conversations/{id:long}/claim", AgentWorkspace.Claim).WithSummary("Take a conversation");
        desk.MapPost("/conversations/{id:long}/replies", ReplyToShopper.Handle).WithSummary("Reply through the customer-service message API (48-hour window)");
        desk.MapPost("/conversations/{id:long}/close", CloseConversation.Handle).WithSummary("Close with a resolution code");
        desk.MapPut("/conversations/{id:long}/intent", AgentWorkspace.Label).WithSummary("Label the conversation's real intent (bot accuracy)");
        desk.MapPut("/presence", AgentWorkspace.SetPresence).WithSummary("Go online or offline");
        desk.MapGet("/agents", AgentWorkspace.Agents).WithSummary("Agents, online status and load");
        desk.MapGet("/events", WorkspaceEvents.Stream).WithSummary("Server-Sent Events for the workspace page: the lists and the open conversation's new turns");
        desk.MapGet("/metrics", ServiceMetrics.Get).WithSummary("Reply times, resolution rate, keyword-match rate, bot intent accuracy");
        return app;
    }
}
