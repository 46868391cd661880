using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using WxMall.WeChatEmulator.Accounts;
using WxMall.WeChatEmulator.Hosting;
using WxMall.WeChatEmulator.Push;

namespace WxMall.WeChatEmulator.OfficialAccount;

/// <summary>POST /cgi-bin/message/template/send (+ TEMPLATESENDJOBFINISH push), POST /cgi-bin/message/custom/send, custom/typing.</summary>
internal static class MessageSendEndpoints
{
    private static readonly HashSet<string> CustomTypes = new(StringComparer.Ordinal)
    {
        "text", "image", "voice", "video", "music", "news", "mpnewsarticle", "msgmenu", "miniprogrampage",
    };

    public static void MapMessageSending(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/cgi-bin/message/template/send", (HttpContext context, UserDirectory users, OfficialAccountState state, AppRegistry apps, MessagePusher pusher) =>
            ApiCall.PostAsync(context, "template_send", (_, body) =>
            {
                if (body.IsWrongType("touser", JsonValueKind.String) || body.IsWrongType("template_id", JsonValueKind.String)
                    || body.IsWrongType("data", JsonValueKind.Object) || body.IsWrongType("url", JsonValueKind.String)
                    || body.IsWrongType("miniprogram", JsonValueKind.Object))
                {
                    return WeChatReply.BadJson();
                }

                var user = users.FindByOfficialAccountOpenId(body.String("touser"));
                if (user is null)
                {
                    return WeChatReply.InvalidOpenId();
                }

                var templateId = body.String("template_id");
                if (string.IsNullOrEmpty(templateId) || templateId.Length > 64 || !templateId.All(character => char.IsAsciiLetterOrDigit(character) || character is '_' or '-'))
                {
                    return WeChatReply.Error(40037, "invalid template_id");
                }

                if (!body.Root.TryGetProperty("data", out var data))
                {
                    return WeChatReply.ArgumentInvalid("data");
                }

                foreach (var item in data.EnumerateObject())
                {
                    if (item.Value.ValueKind != JsonValueKind.Object || !item.Value.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.String)
                    {
                        return WeChatReply.ArgumentInvalid(item.Name + ".value");
                    }
                }

                if (body.Root.TryGetProperty("miniprogram", out var miniProgram)
                    && (!miniProgram.TryGetProperty("appid", out var miniAppId) || miniAppId.GetString() != apps.MiniProgram.AppId))
                {
                    return WeChatReply.Error(40165, "invalid weapp pagepath");
                }

                if (!user.IsFollowing)
                {
                    return WeChatReply.Error(43004, "require subscribe");
                }

                var messageId = state.NextMessageId();
                var summary = string.Join("；", data.EnumerateObject().Select(item => item.Value.GetProperty("value").GetString()));
                users.Record(user, "account", "template", summary, body.Root.GetRawText());
                pusher.EnqueueEvent(user, "TEMPLATESENDJOBFINISH", [("MsgID", messageId.ToString(System.Globalization.CultureInfo.InvariantCulture), false), ("Status", "success", true)]);
                return WeChatReply.Data(new { errcode = 0, errmsg = "ok", msgid = messageId });
            }));

        routes.MapPost("/cgi-bin/message/custom/send", (HttpContext context, UserDirectory users, OfficialAccountState state) =>
            ApiCall.PostAsync(context, "custom_send", (_, body) =>
            {
                if (body.IsWrongType("touser", JsonValueKind.String) || body.IsWrongType("msgtype", JsonValueKind.String))
                {
                    return WeChatReply.BadJson();
                }

                var user = users.FindByOfficialAccountOpenId(body.String("touser"));
                if (user is null)
                {
                    return WeChatReply.InvalidOpenId();
                }

                var type = body.String("msgtype");
                if (type is null || !CustomTypes.Contains(type))
                {
                    return WeChatReply.Error(40008, "invalid message type");
                }

                if (!body.Root.TryGetProperty(type, out var payload) || payload.ValueKind != JsonValueKind.Object)
                {
                    return WeChatReply.ArgumentInvalid(type);
                }

                if (type == "text" && (!payload.TryGetProperty("content", out var content) || content.ValueKind != JsonValueKind.String || content.GetString()!.Length == 0))
                {
                    return WeChatReply.Error(44003, "empty content");
                }

                if (type == "news" && payload.TryGetProperty("articles", out var articles) && articles.ValueKind == JsonValueKind.Array && articles.GetArrayLength() > 1)
                {
                    return WeChatReply.Error(45008, "article size out of limit");
                }

                var window = state.TryUseWindow(user.OfficialAccountOpenId);
                if (window == 45015)
                {
                    return WeChatReply.Error(45015, "response out of time limit or subscription is canceled");
                }

                if (window == 45047)
                {
                    return WeChatReply.Error(45047, "out of response count limit");
                }

                var summary = type == "text" ? payload.GetProperty("content").GetString()! : $"[{type}]";
                users.Record(user, "account", "customer_service", summary, body.Root.GetRawText());
                return WeChatReply.Ok();
            }));

        routes.MapPost("/cgi-bin/message/custom/typing", (HttpContext context, UserDirectory users) =>
            ApiCall.PostAsync(context, "custom_send", (_, body) =>
                users.FindByOfficialAccountOpenId(body.String("touser")) is null ? WeChatReply.InvalidOpenId()
                : body.String("command") is "Typing" or "CancelTyping" ? WeChatReply.Ok()
                : WeChatReply.ArgumentInvalid("command")));
    }
}
