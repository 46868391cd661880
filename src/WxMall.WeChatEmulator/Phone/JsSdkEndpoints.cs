using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using WxMall.WeChat.Crypto;
using WxMall.WeChat.Pay.Crypto;
using WxMall.WeChatEmulator.Accounts;
using WxMall.WeChatEmulator.OfficialAccount;
using WxMall.WeChatEmulator.Pay;

namespace WxMall.WeChatEmulator.Phone;

/// <summary>
/// What the WeChat client checks behind the JS-SDK: the wx.config signature (against the live jsapi tickets) and the
/// paySign of chooseWXPay / getBrandWCPayRequest (against the merchant's key) before the payment sheet pays.
/// Called cross-origin by the served jweixin script, so CORS is open on these two paths.
/// </summary>
internal static class JsSdkEndpoints
{
    public static void MapJsSdk(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/emulator/jssdk");
        group.AddEndpointFilter(async (context, next) =>
        {
            context.HttpContext.Response.Headers.AccessControlAllowOrigin = "*";
            return await next(context);
        });
        group.MapMethods("/{action}", ["OPTIONS"], (HttpResponse response) =>
        {
            response.Headers.AccessControlAllowHeaders = "content-type";
            response.Headers.AccessControlAllowMethods = "POST";
            return Results.NoContent();
        });

        group.MapPost("/config", (JsSdkConfigRequest request, AppRegistry apps, JsApiTickets tickets) =>
        {
            if (apps.Find(request.AppId) is not { Kind: AppKind.OfficialAccount })
            {
                return Results.Json(new { errMsg = "config:invalid appid" });
            }

            var valid = tickets.Valid(request.AppId!).Any(ticket =>
                JsSdkSignature.Compute(ticket, request.NonceStr ?? string.Empty, request.Timestamp ?? string.Empty, request.Url ?? string.Empty) == request.Signature);
            return Results.Json(new { errMsg = valid ? "config:ok" : "config:invalid signature" });
        });

        group.MapPost("/pay", (JsSdkPayRequest request, EmulatorKeys keys, PayerActions payer, UserDirectory users) =>
        {
            var package = request.Package ?? string.Empty;
            if (!package.StartsWith("prepay_id=", StringComparison.Ordinal) || request.PaySign is null)
            {
                return Results.Json(new { errMsg = "get_brand_wcpay_request:fail", reason = "package 或 paySign 缺失" });
            }

            var message = Encoding.UTF8.GetBytes(ClientPaymentSigner.BuildMessage(request.AppId ?? string.Empty, request.TimeStamp ?? string.Empty, request.NonceStr ?? string.Empty, package));
            Span<byte> signature = stackalloc byte[512];
            if (!Convert.TryFromBase64String(request.PaySign, signature, out var length) || !keys.MerchantVerificationKey.VerifySignature(message, signature[..length]))
            {
                return Results.Json(new { errMsg = "get_brand_wcpay_request:fail", reason = "支付验证签名失败" });
            }

            if (request.Cancel)
            {
                return Results.Json(new { errMsg = "get_brand_wcpay_request:cancel" });
            }

            var failure = payer.Pay(package["prepay_id=".Length..], users.Find(request.User)?.UserId);
            return Results.Json(failure is null
                ? new { errMsg = "get_brand_wcpay_request:ok", reason = (string?)null }
                : new { errMsg = "get_brand_wcpay_request:fail", reason = (string?)failure });
        });
    }
}

public sealed record JsSdkConfigRequest(string? AppId, string? Timestamp, string? NonceStr, string? Signature, string? Url);

public sealed record JsSdkPayRequest(string? AppId, string? TimeStamp, string? NonceStr, string? Package, string? SignType, string? PaySign, string? User, bool Cancel = false);
