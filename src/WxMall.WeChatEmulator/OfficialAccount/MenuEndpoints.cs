using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using WxMall.WeChatEmulator.Accounts;
using WxMall.WeChatEmulator.Hosting;

namespace WxMall.WeChatEmulator.OfficialAccount;

/// <summary>POST /cgi-bin/menu/create, GET /cgi-bin/menu/get, GET /cgi-bin/get_current_selfmenu_info, GET /cgi-bin/menu/delete.</summary>
internal static class MenuEndpoints
{
    public static void MapMenus(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/cgi-bin/menu/create", (HttpContext context, AppRegistry apps, OfficialAccountState state) =>
            ApiCall.PostAsync(context, "menu_create", (_, body) =>
            {
                var (code, message) = MenuRules.Validate(body.Root, apps);
                if (code != 0)
                {
                    return WeChatReply.Error(code, message);
                }

                state.SetMenu((JsonArray)JsonNode.Parse(body.Root.GetProperty("button").GetRawText())!);
                return WeChatReply.Ok();
            }));

        routes.MapGet("/cgi-bin/menu/get", (HttpContext context, OfficialAccountState state) =>
            ApiCall.Get(context, "menu_get", _ => state.MenuButtons is null
                ? WeChatReply.Error(46003, "menu no exist")
                : WeChatReply.Data(new { menu = new { button = state.MenuButtons.DeepClone(), menuid = state.MenuId } })));

        routes.MapGet("/cgi-bin/get_current_selfmenu_info", (HttpContext context, OfficialAccountState state) =>
            ApiCall.Get(context, "menu_get", _ => WeChatReply.Data(new
            {
                is_menu_open = state.MenuButtons is null ? 0 : 1,
                selfmenu_info = new { button = SelfMenuShape(state.MenuButtons) },
            })));

        routes.MapGet("/cgi-bin/menu/delete", (HttpContext context, OfficialAccountState state) =>
            ApiCall.Get(context, "menu_create", _ =>
            {
                state.SetMenu([]);
                return WeChatReply.Ok();
            }));
    }

    // get_current_selfmenu_info wraps sub buttons as {"list": [...]}.
    private static JsonArray SelfMenuShape(JsonArray? buttons)
    {
        var result = new JsonArray();
        foreach (var button in buttons ?? [])
        {
            var copy = (JsonObject)button!.DeepClone();
            if (copy["sub_button"] is JsonArray subButtons)
            {
                copy["sub_button"] = new JsonObject { ["list"] = subButtons.DeepClone() };
            }

            result.Add(copy);
        }

        return result;
    }
}
