using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using WxMall.WeChatEmulator.Accounts;
using WxMall.WeChatEmulator.Hosting;
using WxMall.WeChatEmulator.MiniProgram;
using WxMall.WeChatEmulator.OfficialAccount;
using WxMall.WeChatEmulator.Pay;
using WxMall.WeChatEmulator.Push;

namespace WxMall.WeChatEmulator.Control;

/// <summary>The JSON control API for tests and the phone page, under <c>/emulator</c> (documented in README.md).</summary>
internal static class ControlEndpoints
{
    public static void MapControl(this IEndpointRouteBuilder routes)
    {
        var control = routes.MapGroup("/emulator");

        control.MapGet("/accounts", (EmulatorOptions options, EmulatorKeys keys) => Results.Json(new
        {
            officialAccount = options.OfficialAccount,
            miniProgram = options.MiniProgram,
            merchant = new
            {
                options.Merchant.MerchantId,
                options.Merchant.ApiV3Key,
                options.Merchant.CertificateSerial,
                merchantPrivateKeyPem = keys.MerchantPrivateKeyPem,
                keys.PublicKeyId,
                keys.PublicKeyPem,
                keys.PlatformCertificateSerial,
                keys.PlatformCertificatePem,
            },
        }));

        control.MapGet("/users", (UserDirectory users) => Results.Json(users.All()));
        control.MapPost("/users", (CreateUserRequest request, UserDirectory users) =>
        {
            var user = users.Create(string.IsNullOrWhiteSpace(request.Nickname) ? "微信用户" : request.Nickname, request.Sex, request.Follow);
            if (request.PhoneNumber is { } phone)
            {
                users.Update(user, changed => changed.PhoneNumber = phone);
            }

            return Results.Json(user, statusCode: StatusCodes.Status201Created);
        });
        control.MapGet("/users/{user}", (string user, UserDirectory users) => users.Find(user) is { } found ? Results.Json(found) : UnknownUser(user));

        control.MapPost("/users/{user}/follow", async (string user, UserDirectory users, UserActions actions) =>
            users.Find(user) is { } found ? Results.Json(await actions.FollowAsync(found, scene: null)) : UnknownUser(user));
        control.MapPost("/users/{user}/unfollow", async (string user, UserDirectory users, UserActions actions) =>
            users.Find(user) is { } found ? Results.Json(await actions.UnfollowAsync(found)) : UnknownUser(user));
        control.MapPost("/users/{user}/messages", async (string user, SendTextRequest request, UserDirectory users, MessagePusher pusher) =>
            users.Find(user) is { } found ? Results.Json(await pusher.SendTextAsync(found, request.Content)) : UnknownUser(user));
        control.MapPost("/users/{user}/menu", async (string user, MenuTapRequest request, UserDirectory users, UserActions actions) =>
            users.Find(user) is { } found ? Results.Json(await actions.TapMenuAsync(found, request)) : UnknownUser(user));
        control.MapPost("/users/{user}/scan", async (string user, ScanRequest request, UserDirectory users, UserActions actions) =>
            users.Find(user) is { } found ? Results.Json(await actions.ScanAsync(found, request.Code)) : UnknownUser(user));
        control.MapGet("/users/{user}/conversation", (string user, long? after, UserDirectory users) =>
            users.Find(user) is { } found ? Results.Json(users.Conversation(found, after ?? 0)) : UnknownUser(user));
        control.MapPost("/users/{user}/subscribe-authorizations", (string user, SubscribeAuthorizationRequest request, UserDirectory users) =>
        {
            if (users.Find(user) is not { } found)
            {
                return UnknownUser(user);
            }

            users.Update(found, changed => changed.SubscribeAuthorizations[request.TemplateId] = changed.SubscribeAuthorizations.GetValueOrDefault(request.TemplateId) + request.Count);
            return Results.Json(found.SubscribeAuthorizations);
        });
        control.MapPost("/users/{user}/miniprogram/login", (string user, UserDirectory users, MiniProgramState state) =>
            users.Find(user) is { } found ? Results.Json(new { code = state.IssueLoginCode(found) }) : UnknownUser(user));
        control.MapPost("/users/{user}/miniprogram/phone-code", (string user, UserDirectory users, MiniProgramState state) =>
            users.Find(user) is { } found ? Results.Json(new { code = state.IssuePhoneCode(found) }) : UnknownUser(user));

        control.MapGet("/menu", (OfficialAccountState state) => Results.Json(state.MenuButtons ?? []));
        control.MapGet("/pushes", (MessagePusher pusher) => Results.Json(pusher.Records()));

        control.MapPost("/pay/pay", (PayRequest request, PayerActions payer) =>
            payer.Pay(request.Reference, request.User) is { } failure
                ? Results.Json(new { ok = false, message = failure }, statusCode: StatusCodes.Status409Conflict)
                : Results.Json(new { ok = true, message = "支付成功" }));
        control.MapPost("/pay/cancel", (PayRequest request, PayerActions payer) =>
            payer.Cancel(request.Reference) is { } failure
                ? Results.Json(new { ok = false, message = failure }, statusCode: StatusCodes.Status404NotFound)
                : Results.Json(new { ok = true, message = "已取消支付" }));
        control.MapGet("/pay/orders", (PayLedger ledger) => Results.Json(ledger.Orders().Select(order => new
        {
            order.OutTradeNumber,
            order.PrepayId,
            order.CodeUrl,
            order.TradeType,
            order.State,
            order.TotalFen,
            order.Description,
            order.TransactionId,
            order.ExpiresAt,
            order.PayerOpenId,
            order.PaidByOpenId,
        })));
        control.MapGet("/pay/refunds", (PayLedger ledger) => Results.Json(ledger.Refunds().Select(PayJsonShapes.Refund)));
        control.MapGet("/pay/notifications", (NotificationDispatcher dispatcher) => Results.Json(dispatcher.Records()));

        control.MapGet("/faults", (FaultBook faults) => Results.Json(new
        {
            rules = faults.Rules(),
            notifications = faults.Notifications,
            clockSkewSeconds = faults.ClockSkew.TotalSeconds,
            signTest = faults.SignTestResponses,
            forge = faults.ForgeResponseSignatures,
        }));
        control.MapPost("/faults", (FaultRule rule, FaultBook faults) =>
        {
            faults.Add(rule);
            return Results.Json(faults.Rules());
        });
        control.MapDelete("/faults", (FaultBook faults, NotificationDispatcher dispatcher) =>
        {
            faults.Clear();
            dispatcher.HoldForReorder(0);
            return Results.NoContent();
        });
        control.MapPut("/faults/notifications", (NotificationFaults notifications, FaultBook faults, NotificationDispatcher dispatcher) =>
        {
            faults.Notifications = notifications;
            dispatcher.HoldForReorder(notifications.Reorder);
            return Results.Json(notifications);
        });
        control.MapPut("/faults/signatures", (SignatureFaultsRequest request, FaultBook faults) =>
        {
            faults.ClockSkew = TimeSpan.FromSeconds(request.ClockSkewSeconds);
            faults.SignTestResponses = request.SignTest;
            faults.ForgeResponseSignatures = request.Forge;
            return Results.Json(request);
        });
        control.MapPut("/quotas/{api}", (string api, QuotaRequest request, QuotaLedger quotas) =>
        {
            quotas.SetLimit(api, request.Limit);
            return Results.Json(new { api, limit = request.Limit });
        });
        control.MapPost("/tokens/expire", (ExpireTokensRequest request, AccessTokenIssuer issuer) =>
        {
            issuer.ExpireAll(request.AppId);
            return Results.NoContent();
        });
    }

    private static IResult UnknownUser(string user) =>
        Results.Problem($"No simulated user '{user}'. List them with GET /emulator/users or create one with POST /emulator/users.", statusCode: StatusCodes.Status404NotFound);
}
