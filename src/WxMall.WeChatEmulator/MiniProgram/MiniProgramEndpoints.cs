using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using WxMall.WeChatEmulator.Accounts;
using WxMall.WeChatEmulator.Hosting;
using WxMall.WeChatEmulator.OfficialAccount;
using WxMall.WeChatEmulator.Pay;

namespace WxMall.WeChatEmulator.MiniProgram;

/// <summary>/sns/jscode2session, phone number, wxacode, links, subscribe messages, shipping info, trade management.</summary>
internal static class MiniProgramEndpoints
{
    public static void MapMiniProgram(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/sns/jscode2session", (HttpRequest request, AppRegistry apps, MiniProgramState state, UserDirectory users) =>
        {
            // Routing ignores case; WeChat does not (jsCode2Session answers 40066).
            if (request.Path.Value != "/sns/jscode2session")
            {
                return WeChatReply.Error(40066, "invalid url");
            }

            var query = request.Query;
            if (apps.Find(query["appid"]) is not { Kind: AppKind.MiniProgram } app)
            {
                return WeChatReply.Error(40013, "invalid appid");
            }

            if (app.AppSecret != query["secret"])
            {
                return WeChatReply.Error(40125, "invalid appsecret");
            }

            if (query["grant_type"] != "authorization_code")
            {
                return WeChatReply.Error(40002, "invalid grant_type");
            }

            var (errorCode, userId) = state.RedeemLoginCode(query["js_code"]);
            if (errorCode != 0 || users.Find(userId) is not { } user)
            {
                return errorCode == 40163 ? WeChatReply.Error(40163, "code been used") : WeChatReply.Error(40029, "invalid code");
            }

            return WeChatReply.Data(new { openid = user.MiniProgramOpenId, session_key = state.SessionKey(user), unionid = user.UnionId });
        });

        routes.MapPost("/wxa/business/getuserphonenumber", (HttpContext context, MiniProgramState state, UserDirectory users, TimeProvider timeProvider) =>
            ApiCall.PostAsync(context, "phone", (app, body) =>
            {
                var (errorCode, userId) = state.RedeemPhoneCode(body.String("code"));
                if (errorCode != 0 || users.Find(userId) is not { } user)
                {
                    return errorCode == 40163 ? WeChatReply.Error(40163, "code been used") : WeChatReply.Error(40029, "invalid code");
                }

                return WeChatReply.Data(new
                {
                    errcode = 0,
                    errmsg = "ok",
                    phone_info = new
                    {
                        phoneNumber = "+86" + user.PhoneNumber,
                        purePhoneNumber = user.PhoneNumber,
                        countryCode = 86,
                        watermark = new { timestamp = timeProvider.GetUtcNow().ToUnixTimeSeconds(), appid = app.AppId },
                    },
                });
            }));

        routes.MapPost("/wxa/getwxacodeunlimit", (HttpContext context, CancellationToken cancellationToken) =>
            ApiCall.PostAsync(context, "wxacode", (_, body) =>
            {
                var scene = body.String("scene");
                if (string.IsNullOrEmpty(scene) || scene.Length > 32 || scene.Contains('%', StringComparison.Ordinal))
                {
                    return WeChatReply.Error(40097, "invalid args: scene");
                }

                if (body.String("page") is { } page && (page.StartsWith('/') || page.Contains('?', StringComparison.Ordinal)))
                {
                    return WeChatReply.Error(41030, "invalid page");
                }

                // Real WeChat answers a JPEG; the emulator draws a PNG QR code carrying the scene.
                return Results.File(QrCodeEndpoints.RenderPng("wxacode:" + body.String("page") + "?scene=" + scene), "image/png");
            }));

        routes.MapPost("/wxa/generate_urllink", (HttpContext context, CancellationToken cancellationToken) =>
            ApiCall.PostAsync(context, "urllink", (_, body) => InvalidExpiry(body)
                ?? WeChatReply.Data(new { errcode = 0, errmsg = "ok", url_link = "https://wxaurl.cn/" + OpenIdentifiers.Random(12) })));

        routes.MapPost("/wxa/generatescheme", (HttpContext context, CancellationToken cancellationToken) =>
            ApiCall.PostAsync(context, "urllink", (_, body) => InvalidExpiry(body)
                ?? WeChatReply.Data(new { errcode = 0, errmsg = "ok", openlink = "weixin://dl/business/?t=" + OpenIdentifiers.Random(13) })));

        routes.MapPost("/wxa/genwxashortlink", (HttpContext context, CancellationToken cancellationToken) =>
            ApiCall.PostAsync(context, "shortlink", (_, body) =>
            {
                var pageUrl = body.String("page_url");
                return string.IsNullOrEmpty(pageUrl) || pageUrl.Length > 1024
                    ? WeChatReply.ArgumentInvalid("page_url")
                    : WeChatReply.Data(new { errcode = 0, errmsg = "ok", link = "#小程序://WxMall/" + OpenIdentifiers.Random(12) });
            }));

        routes.MapPost("/cgi-bin/message/subscribe/send", (HttpContext context, UserDirectory users) =>
            ApiCall.PostAsync(context, "subscribe_send", (_, body) =>
            {
                var user = users.FindByMiniProgramOpenId(body.String("touser"));
                if (user is null)
                {
                    return WeChatReply.InvalidOpenId();
                }

                var templateId = body.String("template_id");
                if (string.IsNullOrEmpty(templateId))
                {
                    return WeChatReply.Error(40037, "invalid template_id");
                }

                if (!body.Root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
                {
                    return WeChatReply.ArgumentInvalid("data");
                }

                foreach (var item in data.EnumerateObject())
                {
                    if (!item.Value.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.String
                        || item.Name.StartsWith("thing", StringComparison.Ordinal) && value.GetString()!.Length > 20)
                    {
                        return WeChatReply.Error(47003, $"argument invalid! data.{item.Name}.value invalid");
                    }
                }

                // One-time subscriptions: each authorisation allows exactly one send.
                var allowed = false;
                users.Update(user, changed =>
                {
                    if (changed.SubscribeAuthorizations.GetValueOrDefault(templateId) > 0)
                    {
                        changed.SubscribeAuthorizations[templateId]--;
                        allowed = true;
                    }
                });
                if (!allowed)
                {
                    return WeChatReply.Error(43101, "user refuse to accept the msg");
                }

                users.Record(user, "account", "subscribe", string.Join("；", data.EnumerateObject().Select(item => item.Value.GetProperty("value").GetString())), body.Root.GetRawText());
                return WeChatReply.Ok();
            }));

        routes.MapPost("/wxa/sec/order/upload_shipping_info", (HttpContext context, PayLedger ledger, MiniProgramState state, UserDirectory users, EmulatorOptions options) =>
            ApiCall.PostAsync(context, "shipping", (_, body) =>
            {
                if (!body.Root.TryGetProperty("order_key", out var orderKey) || orderKey.ValueKind != JsonValueKind.Object
                    || !orderKey.TryGetProperty("order_number_type", out var typeElement) || !typeElement.TryGetInt32(out var numberType))
                {
                    return WeChatReply.ArgumentInvalid("order_key");
                }

                var order = numberType == 2
                    ? ledger.FindByTransactionId(PrepayValidation.Text(orderKey, "transaction_id") ?? string.Empty)
                    : PrepayValidation.Text(orderKey, "mchid") == options.Merchant.MerchantId
                        ? ledger.FindByOutTradeNumber(PrepayValidation.Text(orderKey, "out_trade_no") ?? string.Empty)
                        : null;
                if (order is null)
                {
                    return WeChatReply.Error(10060001, "支付单不存在");
                }

                if (order.State is not ("SUCCESS" or "REFUND"))
                {
                    return WeChatReply.Error(10060004, "支付单处于不可发货的状态");
                }

                if (!body.Root.TryGetProperty("logistics_type", out var logistics) || !logistics.TryGetInt32(out var logisticsType) || logisticsType is < 1 or > 4
                    || !body.Root.TryGetProperty("delivery_mode", out var mode) || !mode.TryGetInt32(out var deliveryMode) || deliveryMode is < 1 or > 2
                    || !body.Root.TryGetProperty("shipping_list", out var shippingList) || shippingList.ValueKind != JsonValueKind.Array || shippingList.GetArrayLength() is < 1 or > 15
                    || string.IsNullOrEmpty(body.String("upload_time")))
                {
                    return WeChatReply.ArgumentInvalid("shipping");
                }

                var payer = body.Root.TryGetProperty("payer", out var payerElement) ? PrepayValidation.Text(payerElement, "openid") : null;
                if (payer is null || payer != order.PaidByOpenId)
                {
                    return WeChatReply.Error(10060005, "payer openid 与支付单不一致");
                }

                var result = state.Ship(order.OutTradeNumber);
                if (result != 0)
                {
                    return WeChatReply.Error(result, "该订单已重新发货过，不可再次发货");
                }

                if (users.FindByMiniProgramOpenId(payer) is { } user)
                {
                    users.Record(user, "account", "shipping", "您的订单已发货：" + order.Description, body.Root.GetRawText());
                }

                return WeChatReply.Ok();
            }));

        routes.MapPost("/wxa/sec/order/is_trade_managed", (HttpContext context, CancellationToken cancellationToken) =>
            ApiCall.PostAsync(context, "shipping", (app, body) => body.String("appid") == app.AppId
                ? WeChatReply.Data(new { errcode = 0, errmsg = "ok", is_trade_managed = true })
                : WeChatReply.Error(40013, "invalid appid")));

        routes.MapPost("/wxa/sec/order/is_trade_management_confirmation_completed", (HttpContext context, CancellationToken cancellationToken) =>
            ApiCall.PostAsync(context, "shipping", (app, body) => body.String("appid") == app.AppId
                ? WeChatReply.Data(new { errcode = 0, errmsg = "ok", completed = true })
                : WeChatReply.Error(40013, "invalid appid")));
    }

    private static IResult? InvalidExpiry(JsonBody body)
    {
        if (body.Root.TryGetProperty("expire_interval", out var interval) && (!interval.TryGetInt32(out var days) || days is < 1 or > 30))
        {
            return WeChatReply.ArgumentInvalid("expire_interval");
        }

        return body.Root.TryGetProperty("query", out var query) && query.ValueKind == JsonValueKind.String && query.GetString()!.Length > 1024
            ? WeChatReply.ArgumentInvalid("query")
            : null;
    }
}
