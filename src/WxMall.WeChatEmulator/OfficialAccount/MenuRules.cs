using System.Text;
using System.Text.Json;
using WxMall.WeChatEmulator.Accounts;

namespace WxMall.WeChatEmulator.OfficialAccount;

/// <summary>The button rules of POST /cgi-bin/menu/create, with WeChat's error codes (40016–40027, 85005).</summary>
internal static class MenuRules
{
    private static readonly HashSet<string> Types = new(StringComparer.Ordinal)
    {
        "click", "view", "miniprogram", "scancode_push", "scancode_waitmsg", "pic_sysphoto", "pic_photo_or_album",
        "pic_weixin", "location_select", "media_id", "article_id", "article_view_limited",
    };

    /// <returns>(0, "") when valid, else the errcode and errmsg.</returns>
    public static (int Code, string Message) Validate(JsonElement root, AppRegistry apps)
    {
        if (!root.TryGetProperty("button", out var buttons) || buttons.ValueKind != JsonValueKind.Array
            || buttons.GetArrayLength() is < 1 or > 3)
        {
            return (40016, "invalid button size");
        }

        foreach (var button in buttons.EnumerateArray())
        {
            if (button.ValueKind != JsonValueKind.Object)
            {
                return (47001, "data format error");
            }

            if (button.TryGetProperty("sub_button", out var subButtons) && subButtons.ValueKind == JsonValueKind.Array && subButtons.GetArrayLength() > 0)
            {
                if (ByteLength(button, "name") is < 1 or > 16)
                {
                    return (40018, "invalid button name size");
                }

                if (subButtons.GetArrayLength() > 5)
                {
                    return (40023, "invalid sub button size");
                }

                foreach (var subButton in subButtons.EnumerateArray())
                {
                    if (subButton.ValueKind != JsonValueKind.Object || subButton.TryGetProperty("sub_button", out var nested) && nested.ValueKind == JsonValueKind.Array && nested.GetArrayLength() > 0)
                    {
                        return (40022, "invalid sub menu level");
                    }

                    var failure = ValidateLeaf(subButton, apps, sub: true);
                    if (failure.Code != 0)
                    {
                        return failure;
                    }
                }
            }
            else
            {
                var failure = ValidateLeaf(button, apps, sub: false);
                if (failure.Code != 0)
                {
                    return failure;
                }
            }
        }

        return (0, string.Empty);
    }

    private static (int Code, string Message) ValidateLeaf(JsonElement button, AppRegistry apps, bool sub)
    {
        var type = Text(button, "type");
        if (type is null || !Types.Contains(type))
        {
            return sub ? (40024, "invalid sub button type") : (40017, "invalid button type");
        }

        if (ByteLength(button, "name") is < 1 || ByteLength(button, "name") > (sub ? 60 : 16))
        {
            return sub ? (40025, "invalid sub button name size") : (40018, "invalid button name size");
        }

        if (type is "click" or "scancode_push" or "scancode_waitmsg" or "pic_sysphoto" or "pic_photo_or_album" or "pic_weixin" or "location_select"
            && ByteLength(button, "key") is < 1 or > 128)
        {
            return sub ? (40026, "invalid sub button key size") : (40019, "invalid button key size");
        }

        if (type is "view" or "miniprogram" && ByteLength(button, "url") is < 1 or > 1024)
        {
            return sub ? (40027, "invalid sub button url size") : (40020, "invalid button url size");
        }

        if (type == "miniprogram")
        {
            if (Text(button, "appid") != apps.MiniProgram.AppId)
            {
                return (85005, "appid not bind weapp");
            }

            if (string.IsNullOrEmpty(Text(button, "pagepath")))
            {
                return (47003, "argument invalid! data.pagepath invalid");
            }
        }

        if (type is "media_id" or "article_id" or "article_view_limited"
            && string.IsNullOrEmpty(Text(button, "media_id")) && string.IsNullOrEmpty(Text(button, "article_id")))
        {
            return (40007, "invalid media_id");
        }

        return (0, string.Empty);
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static int ByteLength(JsonElement element, string name) =>
        Text(element, name) is { } text ? Encoding.UTF8.GetByteCount(text) : 0;
}
