using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using WxMall.WeChatEmulator.Accounts;
using WxMall.WeChatEmulator.Hosting;

namespace WxMall.WeChatEmulator.OfficialAccount;

/// <summary>GET /cgi-bin/user/info, POST /cgi-bin/user/info/batchget, GET /cgi-bin/user/get.</summary>
internal static class UserEndpoints
{
    public static void MapUsers(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/cgi-bin/user/info", (HttpContext context, UserDirectory users) =>
            ApiCall.Get(context, "user_info", _ =>
                users.FindByOfficialAccountOpenId(context.Request.Query["openid"]) is { } user
                    ? WeChatReply.Data(Describe(user))
                    : WeChatReply.InvalidOpenId()));

        routes.MapPost("/cgi-bin/user/info/batchget", (HttpContext context, UserDirectory users) =>
            ApiCall.PostAsync(context, "user_info", (_, body) =>
            {
                if (!body.Root.TryGetProperty("user_list", out var list) || list.ValueKind != JsonValueKind.Array)
                {
                    return WeChatReply.ArgumentInvalid("user_list");
                }

                if (list.GetArrayLength() is < 1 or > 100)
                {
                    return WeChatReply.Error(45035, "user_list size out of limit");
                }

                var described = new List<Dictionary<string, object?>>();
                foreach (var item in list.EnumerateArray())
                {
                    var openId = item.ValueKind == JsonValueKind.Object && item.TryGetProperty("openid", out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
                    if (users.FindByOfficialAccountOpenId(openId) is not { } user)
                    {
                        return WeChatReply.InvalidOpenId();
                    }

                    described.Add(Describe(user));
                }

                return WeChatReply.Data(new { user_info_list = described });
            }));

        routes.MapGet("/cgi-bin/user/get", (HttpContext context, UserDirectory users) =>
            ApiCall.Get(context, "user_get", _ =>
            {
                var followers = users.All().Where(user => user.IsFollowing).Select(user => user.OfficialAccountOpenId).Order(StringComparer.Ordinal).ToList();
                var next = context.Request.Query["next_openid"].ToString();
                var page = followers.Where(openId => string.CompareOrdinal(openId, next) > 0).Take(10_000).ToList();
                return WeChatReply.Data(new
                {
                    total = followers.Count,
                    count = page.Count,
                    data = page.Count == 0 ? null : new { openid = page },
                    next_openid = page.Count == 0 ? string.Empty : page[^1],
                });
            }));
    }

    // Since 2021-12-27 nickname, avatar and location are no longer returned by user/info.
    private static Dictionary<string, object?> Describe(EmulatedUser user) => user.IsFollowing
        ? new()
        {
            ["subscribe"] = 1,
            ["openid"] = user.OfficialAccountOpenId,
            ["language"] = "zh_CN",
            ["subscribe_time"] = user.SubscribedAt?.ToUnixTimeSeconds() ?? 0,
            ["unionid"] = user.UnionId,
            ["remark"] = user.Remark,
            ["groupid"] = 0,
            ["tagid_list"] = user.TagIds,
            ["subscribe_scene"] = user.SubscribeScene,
            ["qr_scene"] = user.QrSceneId,
            ["qr_scene_str"] = user.QrSceneText,
        }
        : new()
        {
            ["subscribe"] = 0,
            ["openid"] = user.OfficialAccountOpenId,
            ["unionid"] = user.UnionId,
            ["tagid_list"] = user.TagIds,
        };
}
