using WxMall.Admin;
using WxMall.Admin.Console;
using WxMall.Analytics;
using WxMall.Cart;
using WxMall.Catalog;
using WxMall.Compliance;
using WxMall.CustomerService;
using WxMall.CustomerService.Bot;
using WxMall.Data;
using WxMall.Identity;
using WxMall.Infrastructure.Redis;
using WxMall.Integrations;
using WxMall.Inventory;
using WxMall.Members;
using WxMall.Messaging;
using WxMall.OfficialAccount;
using WxMall.Operations;
using WxMall.Ordering;
using WxMall.Payments;
using WxMall.Storefront;

if (args is ["wechat", ..])
{
    // Signature debugging for merchants: dotnet run --project src/WxMall -- wechat <command>
    return await WxMall.WeChat.Tools.WeChatCommandLine.RunAsync(args[1..], Console.Out, Console.Error);
}

if (args is ["cs", ..])
{
    // The customer-service bot's model from the shell: dotnet run --project src/WxMall -- cs classify --file FILE
    return await WxMall.CustomerService.Bot.BotCommandLine.RunAsync(args[1..], Console.Out, Console.Error);
}

// Settings are read once at start. Reloading them on change watches the whole content root, data/ included, and the
// watcher then wakes for every write SQLite makes to its database and WAL files: at checkout rates that cost several
// percent of the store's CPU. A later argument can still turn it back on.
var builder = WebApplication.CreateBuilder(["--hostBuilder:reloadConfigOnChange=false", .. args]);

builder.AddWebConventions();      // JSON, ProblemDetails, OpenAPI, health, limits
builder.AddData();                // MallDb on SQLite or PostgreSQL
builder.AddMessaging();           // Wolverine: outbox, durable queues, schedules, dead letters
builder.AddCompliance();          // personal data encryption
builder.AddDistributedCacheAndLocks(); // HybridCache; Redis L2 and distributed locks when configured
builder.AddAuth();                // member and staff cookies, roles
builder.AddWeChatConnection();    // the emulator in sandbox mode, or the real WeChat
builder.AddWeChatIdentity();      // WeChat sign-in, account linking and merging, JS-SDK configuration
builder.AddCatalog();
builder.AddInventory();
builder.AddMembers();
builder.AddOrdering();
builder.AddPayments();          // WeChat Pay: prepay, notifications, refunds, reconciliation
builder.AddAdmin();
builder.AddStorefront();          // H5 store pages (Razor Pages, also hosts the console's pages)
builder.AddAdminConsole();
builder.AddBot();                 // customer-service bot: intent model (trained in the background), recommendations
builder.AddOfficialAccount();     // message endpoint, auto-replies, menus, QR codes, order notices
builder.AddCustomerService();     // conversations, the bot's answers, human agents

var app = builder.Build();

app.UseWebConventions();
app.UseDeviceId();
app.UseAuthentication();
app.UseAuthorization();
app.UseReferrals();               // ?ref= in share links: first-touch attribution to the sharing member

app.MapCatalog();
app.MapCart();
app.MapMembers();
app.MapWeChatIdentity();
app.MapOrdering();
app.MapPayments();
app.MapAnalytics();               // sales by day and channel (from the paid-order events)
app.MapAdmin();
app.MapOfficialAccount();
app.MapCustomerService();
app.MapAdminConsole();
app.MapStorefront();

await app.InitializeDatabaseAsync();
await app.RunAsync();
return 0;

public partial class Program;
