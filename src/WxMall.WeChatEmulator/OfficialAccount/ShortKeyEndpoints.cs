using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using WxMall.WeChatEmulator.Hosting;

namespace WxMall.WeChatEmulator.OfficialAccount;

/// <summary>POST /cgi-bin/shorten/gen and POST /cgi-bin/shorten/fetch (short key hosting).</summary>
internal static class ShortKeyEndpoints
{
    private const int DefaultExpireSeconds = 2_592_000;

    public static void MapShortKeys(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/cgi-bin/shorten/gen", (HttpContext context, OfficialAccountState state) =>
            ApiCall.PostAsync(context, "shorten", (_, body) =>
            {
                var longData = body.String("long_data");
                if (body.IsWrongType("long_data", JsonValueKind.String) || string.IsNullOrEmpty(longData))
                {
                    return WeChatReply.ArgumentInvalid("long_data");
                }

                if (Encoding.UTF8.GetByteCount(longData) > 4096)
                {
                    return WeChatReply.Error(9410010, "long_data too long");
                }

                var expireSeconds = DefaultExpireSeconds;
                if (body.Root.TryGetProperty("expire_seconds", out var expire))
                {
                    if (expire.ValueKind != JsonValueKind.Number || !expire.TryGetInt32(out expireSeconds) || expireSeconds < 1)
                    {
                        return WeChatReply.ArgumentInvalid("expire_seconds");
                    }

                    if (expireSeconds > DefaultExpireSeconds)
                    {
                        return WeChatReply.Error(9410011, "expire_seconds too long");
                    }
                }

                return WeChatReply.Data(new { errcode = 0, errmsg = "ok", short_key = state.AddShortKey(longData, expireSeconds) });
            }));

        routes.MapPost("/cgi-bin/shorten/fetch", (HttpContext context, OfficialAccountState state, TimeProvider timeProvider) =>
            ApiCall.PostAsync(context, "shorten", (_, body) =>
            {
                if (state.FindShortKey(body.String("short_key")) is not { } found)
                {
                    return WeChatReply.Error(9410012, "short_key not found");
                }

                var remaining = (long)(found.CreatedAt.AddSeconds(found.ExpireSeconds) - timeProvider.GetUtcNow()).TotalSeconds;
                return WeChatReply.Data(new
                {
                    errcode = 0,
                    errmsg = "ok",
                    long_data = found.LongData,
                    create_time = found.CreatedAt.ToUnixTimeSeconds(),
                    expire_seconds = remaining,
                });
            }));
    }
}
