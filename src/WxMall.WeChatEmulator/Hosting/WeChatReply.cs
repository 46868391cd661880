using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using WxMall.WeChatEmulator.Accounts;

namespace WxMall.WeChatEmulator.Hosting;

/// <summary>Answers the way api.weixin.qq.com does: HTTP 200, JSON, errors as errcode/errmsg with a request id suffix.</summary>
internal static class WeChatReply
{
    public const string ContentType = "application/json; encoding=utf-8";

    public static readonly JsonSerializerOptions Json = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static IResult Data(object body) => Results.Text(JsonSerializer.Serialize(body, body.GetType(), Json), ContentType);

    public static IResult Ok() => Data(new { errcode = 0, errmsg = "ok" });

    public static IResult Error(int errorCode, string message) =>
        Data(new { errcode = errorCode, errmsg = message + ", rid: " + OpenIdentifiers.RequestId() });

    public static IResult InvalidCredential() => Error(40001, "invalid credential, access_token is invalid or not latest");

    public static IResult MissingAccessToken() => Error(41001, "access_token missing");

    public static IResult ExpiredAccessToken() => Error(42001, "access_token expired");

    public static IResult BadJson() => Error(47001, "data format error");

    public static IResult EmptyBody() => Error(44002, "empty post data");

    public static IResult ArgumentInvalid(string field) => Error(47003, $"argument invalid! data.{field} invalid");

    public static IResult QuotaReached() => Error(45009, "reach max api daily quota limit");

    public static IResult InvalidOpenId() => Error(40003, "invalid openid");
}
