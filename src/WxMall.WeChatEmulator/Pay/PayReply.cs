using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using WxMall.WeChatEmulator.Hosting;

namespace WxMall.WeChatEmulator.Pay;

/// <summary>A WeChat Pay v3 answer: JSON (or empty 204) signed with the <c>Wechatpay-*</c> headers and a <c>Request-ID</c>.</summary>
internal sealed class PayReply(int status, byte[] body) : IResult
{
    public static PayReply Json(int status, object body) => new(status, JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), WeChatReply.Json));

    public static PayReply NoContent() => new(StatusCodes.Status204NoContent, []);

    public static PayReply Error(int status, string code, string message, object? detail = null) =>
        Json(status, detail is null ? new { code, message } : new { code, message, detail });

    public static PayReply ParameterError(string field, string issue) =>
        Error(400, "PARAM_ERROR", $"参数错误：{field}", new { field, location = "body", issue });

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var signer = httpContext.RequestServices.GetRequiredService<PayResponseSigner>();
        var headers = signer.Sign(httpContext.Request.Headers["Wechatpay-Serial"].ToString(), body);
        var response = httpContext.Response;
        response.StatusCode = status;
        response.Headers["Request-ID"] = Accounts.OpenIdentifiers.RequestId();
        response.Headers["Wechatpay-Nonce"] = headers.Nonce;
        response.Headers["Wechatpay-Timestamp"] = headers.Timestamp;
        response.Headers["Wechatpay-Serial"] = headers.Serial;
        response.Headers["Wechatpay-Signature"] = headers.Signature;
        response.Headers["Wechatpay-Signature-Type"] = "WECHATPAY2-SHA256-RSA2048";
        if (body.Length > 0)
        {
            response.ContentType = "application/json; charset=utf-8";
            await response.Body.WriteAsync(body);
        }
    }
}
