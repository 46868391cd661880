using System.Text;
using WxMall.Infrastructure;

namespace WxMall.OfficialAccount;

/// <summary>
/// A menu button as staff edit it. A <c>view</c> button gives either a full <see cref="Url"/> or a store page
/// (<see cref="StorePath"/>) with a <see cref="Campaign"/>: the store then points the button at its own short link
/// <c>/s/{code}</c>, which records the tap and redirects.
/// </summary>
public sealed record MenuButtonInput(
    string? Name, string? Type = null, string? Key = null, string? Url = null, string? StorePath = null, string? Campaign = null,
    string? AppId = null, string? PagePath = null, IReadOnlyList<MenuButtonInput>? SubButtons = null);

/// <summary>WeChat's custom-menu rules (menu/create, wechat-protocol.md §5.1), checked before anything is saved or published.</summary>
public static class MenuRules
{
    public const int MaximumTopButtons = 3;
    public const int MaximumSubButtons = 5;
    public const int TopNameBytes = 16;
    public const int SubNameBytes = 60;
    public const int KeyBytes = 128;
    public const int UrlBytes = 1024;

    private static readonly HashSet<string> KeyTypes = new(StringComparer.Ordinal)
    {
        "click", "scancode_push", "scancode_waitmsg", "pic_sysphoto", "pic_photo_or_album", "pic_weixin", "location_select",
    };

    public static Validation Check(IReadOnlyList<MenuButtonInput>? buttons)
    {
        var validation = new Validation();
        if (buttons is null || buttons.Count is 0 or > MaximumTopButtons)
        {
            return validation.Require(false, "buttons", $"一级菜单需要 1 到 {MaximumTopButtons} 个，当前 {buttons?.Count ?? 0} 个");
        }

        for (var i = 0; i < buttons.Count; i++)
        {
            var button = buttons[i];
            var field = $"buttons[{i}]";
            CheckName(validation, field, button.Name, TopNameBytes, "一级菜单");
            if (button.SubButtons is { Count: > 0 } subs)
            {
                validation.Require(subs.Count <= MaximumSubButtons, field + ".subButtons", $"“{button.Name}”的二级菜单最多 {MaximumSubButtons} 个，当前 {subs.Count} 个");
                validation.Require(button.Type is null, field + ".type", $"“{button.Name}”有二级菜单，只能填名称，不能设置类型");
                for (var j = 0; j < subs.Count; j++)
                {
                    CheckName(validation, $"{field}.subButtons[{j}]", subs[j].Name, SubNameBytes, "二级菜单");
                    CheckAction(validation, $"{field}.subButtons[{j}]", subs[j]);
                }
            }
            else
            {
                CheckAction(validation, field, button);
            }
        }

        return validation;
    }

    private static void CheckName(Validation validation, string field, string? name, int maximumBytes, string level)
    {
        var bytes = Encoding.UTF8.GetByteCount(name ?? string.Empty);
        validation.Require(!string.IsNullOrWhiteSpace(name) && bytes <= maximumBytes, field + ".name",
            $"{level}名称必填，且不超过 {maximumBytes} 字节（约 {maximumBytes / 3} 个汉字）：“{name}”为 {bytes} 字节");
    }

    private static void CheckAction(Validation validation, string field, MenuButtonInput button)
    {
        var label = button.Name ?? field;
        switch (button.Type)
        {
            case "view":
                var hasUrl = !string.IsNullOrWhiteSpace(button.Url);
                var hasStorePath = !string.IsNullOrWhiteSpace(button.StorePath);
                validation.Require(hasUrl ^ hasStorePath, field + ".url", $"“{label}”是网页菜单：填写 storePath（本店页面，如 /search?q=游戏本，会生成带活动码的短链）或 url，二选一");
                validation.Require(!hasUrl || (Uri.TryCreate(button.Url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && Encoding.UTF8.GetByteCount(button.Url!) <= UrlBytes),
                    field + ".url", $"“{label}”的 url 必须是 http(s) 绝对地址，且不超过 {UrlBytes} 字节");
                validation.Require(!hasStorePath || (button.StorePath!.StartsWith('/') && button.StorePath.Length <= 500), field + ".storePath", $"“{label}”的 storePath 必须以 / 开头，且不超过 500 个字符");
                validation.Require(!hasStorePath || (!string.IsNullOrWhiteSpace(button.Campaign) && button.Campaign.Length <= 64), field + ".campaign", $"“{label}”需要活动码 campaign（不超过 64 个字符），用于统计点击");
                break;
            case "miniprogram":
                validation.Require(!string.IsNullOrWhiteSpace(button.AppId) && !button.AppId.Any(char.IsAsciiLetterUpper), field + ".appId", $"“{label}”是小程序菜单：appId 必填且为小写");
                validation.Require(!string.IsNullOrWhiteSpace(button.PagePath), field + ".pagePath", $"“{label}”是小程序菜单：pagePath 必填");
                validation.Require(!string.IsNullOrWhiteSpace(button.Url) && Encoding.UTF8.GetByteCount(button.Url) <= UrlBytes, field + ".url", $"“{label}”是小程序菜单：url（旧版微信的备用网页）必填，且不超过 {UrlBytes} 字节");
                break;
            case { } type when KeyTypes.Contains(type):
                validation.Require(!string.IsNullOrWhiteSpace(button.Key) && Encoding.UTF8.GetByteCount(button.Key) <= KeyBytes, field + ".key", $"“{label}”需要 key，且不超过 {KeyBytes} 字节");
                break;
            default:
                validation.Require(false, field + ".type", $"“{label}”的类型必须是 click、view、miniprogram 或扫码/拍照/位置类之一（当前：{button.Type ?? "未填"}）");
                break;
        }
    }
}
