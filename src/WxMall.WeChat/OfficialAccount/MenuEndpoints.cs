using System.Text.Json.Serialization;
using WxMall.WeChat.Http;

namespace WxMall.WeChat.OfficialAccount;

/// <summary>A custom-menu button; a top-level button with <see cref="SubButtons"/> carries only a name.</summary>
public sealed record MenuButton
{
    /// <summary><c>type</c>: <c>click</c>, <c>view</c>, <c>miniprogram</c>, <c>scancode_push</c>, …; null for a parent button.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; init; }

    /// <summary><c>name</c>: at most 16 bytes top-level, 60 bytes below.</summary>
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    /// <summary><c>key</c>: required for <c>click</c>, at most 128 bytes; comes back as the CLICK event's EventKey.</summary>
    [JsonPropertyName("key")]
    public string? Key { get; init; }

    /// <summary><c>url</c>: required for <c>view</c>; for <c>miniprogram</c> the fallback page for old clients.</summary>
    [JsonPropertyName("url")]
    public string? Url { get; init; }

    /// <summary><c>appid</c> of the linked mini-program.</summary>
    [JsonPropertyName("appid")]
    public string? MiniProgramAppId { get; init; }

    /// <summary><c>pagepath</c> in the mini-program.</summary>
    [JsonPropertyName("pagepath")]
    public string? PagePath { get; init; }

    /// <summary><c>media_id</c> for <c>media_id</c> buttons.</summary>
    [JsonPropertyName("media_id")]
    public string? MediaId { get; init; }

    /// <summary><c>article_id</c> for <c>article_id</c> buttons.</summary>
    [JsonPropertyName("article_id")]
    public string? ArticleId { get; init; }

    /// <summary><c>sub_button</c>: 1 to 5 buttons.</summary>
    [JsonPropertyName("sub_button")]
    public IReadOnlyList<MenuButton>? SubButtons { get; init; }

    /// <summary>A <c>click</c> button.</summary>
    public static MenuButton Click(string name, string key) => new() { Type = "click", Name = name, Key = key };

    /// <summary>A <c>view</c> button opening a URL.</summary>
    public static MenuButton View(string name, string url) => new() { Type = "view", Name = name, Url = url };

    /// <summary>A <c>miniprogram</c> button.</summary>
    public static MenuButton MiniProgram(string name, string appId, string pagePath, string fallbackUrl) =>
        new() { Type = "miniprogram", Name = name, MiniProgramAppId = appId, PagePath = pagePath, Url = fallbackUrl };

    /// <summary>A parent button holding sub-buttons.</summary>
    public static MenuButton Parent(string name, params MenuButton[] subButtons) => new() { Name = name, SubButtons = subButtons };
}

/// <summary>
/// POST /cgi-bin/menu/create — replaces the custom menu (1,000 calls a day)
/// (developers.weixin.qq.com/doc/offiaccount/Custom_Menus/Creating_Custom-Defined_Menu.html).
/// </summary>
public sealed record CreateMenuRequest
{
    /// <summary><c>button</c>: 1 to 3 top-level buttons.</summary>
    [JsonPropertyName("button")]
    public required IReadOnlyList<MenuButton> Buttons { get; init; }
}

/// <summary>Response of POST /cgi-bin/menu/create.</summary>
public sealed record CreateMenuResponse : WeChatResponse;

/// <summary>
/// GET /cgi-bin/menu/get — the menu created through the API, with conditional menus
/// (developers.weixin.qq.com/doc/offiaccount/Custom_Menus/Querying_Custom_Menus.html).
/// </summary>
public sealed record GetMenuRequest;

/// <summary>Response of GET /cgi-bin/menu/get.</summary>
public sealed record GetMenuResponse : WeChatResponse
{
    /// <summary><c>menu</c>: the default menu.</summary>
    [JsonPropertyName("menu")]
    public MenuDefinition? Menu { get; init; }

    /// <summary><c>conditionalmenu</c>: personalised menus.</summary>
    [JsonPropertyName("conditionalmenu")]
    public IReadOnlyList<MenuDefinition>? ConditionalMenus { get; init; }
}

/// <summary>A menu as returned by menu/get.</summary>
public sealed record MenuDefinition
{
    /// <summary><c>button</c>.</summary>
    [JsonPropertyName("button")]
    public IReadOnlyList<MenuButton> Buttons { get; init; } = [];

    /// <summary><c>menuid</c>.</summary>
    [JsonPropertyName("menuid")]
    public long? MenuId { get; init; }

    /// <summary><c>matchrule</c> of a conditional menu (tag_id, sex, client_platform_type, country, province, city, language).</summary>
    [JsonPropertyName("matchrule")]
    public IReadOnlyDictionary<string, System.Text.Json.JsonElement>? MatchRule { get; init; }
}
