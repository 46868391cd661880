using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using WxMall.WeChatEmulator.Accounts;
using WxMall.WeChatEmulator.Hosting;

namespace WxMall.WeChatEmulator.OfficialAccount;

/// <summary>POST /cgi-bin/tags/create, GET /cgi-bin/tags/get, POST /cgi-bin/tags/members/batchtagging|batchuntagging.</summary>
internal static class TagEndpoints
{
    public static void MapTags(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/cgi-bin/tags/create", (HttpContext context, OfficialAccountState state) =>
            ApiCall.PostAsync(context, "tags", (_, body) =>
            {
                if (!body.Root.TryGetProperty("tag", out var tag) || tag.ValueKind != JsonValueKind.Object
                    || !tag.TryGetProperty("name", out var nameElement) || nameElement.ValueKind != JsonValueKind.String
                    || nameElement.GetString()!.Length == 0)
                {
                    return WeChatReply.ArgumentInvalid("tag.name");
                }

                var name = nameElement.GetString()!;
                if (name.Length > 30)
                {
                    return WeChatReply.Error(45158, "tag name too long");
                }

                var tags = state.Tags();
                if (tags.Values.Contains(name, StringComparer.Ordinal))
                {
                    return WeChatReply.Error(45157, "invalid tag name");
                }

                if (tags.Count >= 100)
                {
                    return WeChatReply.Error(45056, "too many tags now, no need to add new");
                }

                return WeChatReply.Data(new { tag = new { id = state.AddTag(name), name } });
            }));

        routes.MapGet("/cgi-bin/tags/get", (HttpContext context, OfficialAccountState state, UserDirectory users) =>
            ApiCall.Get(context, "tags", _ =>
            {
                var all = users.All();
                return WeChatReply.Data(new
                {
                    tags = state.Tags().OrderBy(pair => pair.Key)
                        .Select(pair => new { id = pair.Key, name = pair.Value, count = all.Count(user => user.TagIds.Contains(pair.Key)) }),
                });
            }));

        routes.MapPost("/cgi-bin/tags/members/batchtagging", (HttpContext context, OfficialAccountState state, UserDirectory users) =>
            ApiCall.PostAsync(context, "tags", (_, body) => ChangeMembers(body, state, users, add: true)));

        routes.MapPost("/cgi-bin/tags/members/batchuntagging", (HttpContext context, OfficialAccountState state, UserDirectory users) =>
            ApiCall.PostAsync(context, "tags", (_, body) => ChangeMembers(body, state, users, add: false)));
    }

    private static IResult ChangeMembers(JsonBody body, OfficialAccountState state, UserDirectory users, bool add)
    {
        if (!body.Root.TryGetProperty("openid_list", out var list) || list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
        {
            return WeChatReply.ArgumentInvalid("openid_list");
        }

        if (list.GetArrayLength() > 50)
        {
            return WeChatReply.Error(40032, "invalid openid_list size");
        }

        if (!body.Root.TryGetProperty("tagid", out var tagElement) || !tagElement.TryGetInt32(out var tagId) || !state.Tags().ContainsKey(tagId))
        {
            return WeChatReply.Error(45159, "invalid tag id");
        }

        var members = new List<EmulatedUser>();
        foreach (var item in list.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || users.FindByOfficialAccountOpenId(item.GetString()) is not { } user)
            {
                return WeChatReply.InvalidOpenId();
            }

            members.Add(user);
        }

        foreach (var user in members)
        {
            users.Update(user, changed =>
            {
                changed.TagIds.Remove(tagId);
                if (add)
                {
                    changed.TagIds.Add(tagId);
                }
            });
        }

        return WeChatReply.Ok();
    }
}
