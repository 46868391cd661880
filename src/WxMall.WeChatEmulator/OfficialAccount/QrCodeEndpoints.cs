using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using QRCoder;
using WxMall.WeChatEmulator.Hosting;

namespace WxMall.WeChatEmulator.OfficialAccount;

/// <summary>POST /cgi-bin/qrcode/create and GET /cgi-bin/showqrcode (the image; mp.weixin.qq.com in real life).</summary>
internal static class QrCodeEndpoints
{
    private const int MaximumExpireSeconds = 2_592_000;

    public static void MapQrCodes(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/cgi-bin/qrcode/create", (HttpContext context, OfficialAccountState state) =>
            ApiCall.PostAsync(context, "qrcode_create", (_, body) =>
            {
                var action = body.String("action_name");
                if (action is not ("QR_SCENE" or "QR_STR_SCENE" or "QR_LIMIT_SCENE" or "QR_LIMIT_STR_SCENE"))
                {
                    return WeChatReply.Error(40097, "invalid args: action_name");
                }

                if (!body.Root.TryGetProperty("action_info", out var info) || info.ValueKind != JsonValueKind.Object
                    || !info.TryGetProperty("scene", out var scene) || scene.ValueKind != JsonValueKind.Object)
                {
                    return WeChatReply.ArgumentInvalid("action_info");
                }

                string? sceneText = null;
                long? sceneId = null;
                if (action.EndsWith("STR_SCENE", StringComparison.Ordinal))
                {
                    sceneText = scene.TryGetProperty("scene_str", out var text) && text.ValueKind == JsonValueKind.String ? text.GetString() : null;
                    if (sceneText is null || sceneText.Length is < 1 or > 64)
                    {
                        return WeChatReply.ArgumentInvalid("scene_str");
                    }
                }
                else
                {
                    var maximum = action == "QR_LIMIT_SCENE" ? 100_000 : uint.MaxValue;
                    if (!scene.TryGetProperty("scene_id", out var id) || id.ValueKind != JsonValueKind.Number
                        || !id.TryGetInt64(out var value) || value < 1 || value > maximum)
                    {
                        return WeChatReply.ArgumentInvalid("scene_id");
                    }

                    sceneId = value;
                }

                int? expireSeconds = null;
                if (!action.StartsWith("QR_LIMIT", StringComparison.Ordinal))
                {
                    expireSeconds = 60;
                    if (body.Root.TryGetProperty("expire_seconds", out var expire))
                    {
                        if (expire.ValueKind != JsonValueKind.Number || !expire.TryGetInt32(out var seconds) || seconds < 1)
                        {
                            return WeChatReply.ArgumentInvalid("expire_seconds");
                        }

                        expireSeconds = Math.Min(seconds, MaximumExpireSeconds);
                    }
                }

                var code = state.AddQrCode(sceneText, sceneId, expireSeconds);
                return WeChatReply.Data(new { ticket = code.Ticket, expire_seconds = expireSeconds, url = code.Url });
            }));

        routes.MapGet("/cgi-bin/showqrcode", (string? ticket, OfficialAccountState state) =>
            state.FindQrCode(ticket) is { } code ? Results.File(RenderPng(code.Url), "image/png") : Results.NotFound());
    }

    internal static byte[] RenderPng(string content)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(content, QRCodeGenerator.ECCLevel.M);
        return new PngByteQRCode(data).GetGraphic(8);
    }
}
