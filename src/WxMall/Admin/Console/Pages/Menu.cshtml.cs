using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using WxMall.Data;
using WxMall.OfficialAccount;
using WxMall.Storefront;
using WxMall.WeChat.OfficialAccount;

namespace WxMall.Admin.Console.Pages;

/// <summary>One button slot of the editor; empty slots are left out of the menu.</summary>
public sealed class MenuSlot
{
    public string? Name { get; set; }
    public string? Type { get; set; }
    public string? Key { get; set; }
    public string? Url { get; set; }
    public string? StorePath { get; set; }
    public string? Campaign { get; set; }
    public string? AppId { get; set; }
    public string? PagePath { get; set; }
    public List<MenuSlot> Subs { get; set; } = [];

    public bool IsEmpty => string.IsNullOrWhiteSpace(Name) && string.IsNullOrWhiteSpace(Key) && string.IsNullOrWhiteSpace(Url)
        && string.IsNullOrWhiteSpace(StorePath) && string.IsNullOrWhiteSpace(AppId) && string.IsNullOrWhiteSpace(PagePath)
        && Subs.All(s => s.IsEmpty);
}

/// <summary>
/// The official-account menu editor: three top slots of five sub-buttons each, checked by <see cref="MenuRules"/> on
/// save (errors next to the field), a phone preview beside the form (redrawn as you type by <c>menu-editor.js</c>),
/// and publishing through <see cref="ManageMenu.Publish"/> (menu/create). Store pages become campaign short links.
/// </summary>
[Authorize(Policy = OfficialAccountModule.StaffPolicy)]
public sealed partial class MenuModel(MallDb db, StoreLinks links, WeChatClients clients, IWriteGate writeGate, TimeProvider clock) : PageModel
{
    public static readonly IReadOnlyList<(string Value, string Name)> TopTypes =
        [("", "展开二级菜单（只填名称）"), ("click", "点击推送消息（click）"), ("view", "打开网页（view）"), ("miniprogram", "打开小程序（miniprogram）")];

    public static readonly IReadOnlyList<(string Value, string Name)> SubTypes = TopTypes.Skip(1).ToList();

    [BindProperty] public List<MenuSlot> Top { get; set; } = [];
    [TempData] public string? Done { get; set; }
    public MenuView? Draft { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Draft = (await ManageMenu.Get(db, cancellationToken)).Value;
        Top = await ToSlotsAsync(Draft!.Buttons, cancellationToken);
        Pad();
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken cancellationToken)
    {
        if (!await SaveAsync(cancellationToken))
        {
            return await RedisplayAsync(cancellationToken);
        }

        Done = "菜单草稿已保存（尚未发布到公众号）";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostPublishAsync(CancellationToken cancellationToken)
    {
        // What the preview shows is what gets published: save the form first, then publish that draft.
        if (!await SaveAsync(cancellationToken))
        {
            return await RedisplayAsync(cancellationToken);
        }

        var published = await ManageMenu.Publish(User, db, clients, writeGate, clock, cancellationToken);
        if (PageOutcome.Read<MenuView>(published.Result, ModelState) is null)
        {
            return await RedisplayAsync(cancellationToken);
        }

        Done = "菜单已发布到公众号，关注者打开聊天即可看到新菜单";
        return RedirectToPage();
    }

    public static string TypeName(string? type) => TopTypes.FirstOrDefault(t => t.Value == (type ?? "")).Name ?? type ?? "";

    private async Task<bool> SaveAsync(CancellationToken cancellationToken)
    {
        Pad();
        var (buttons, topSlots, subSlots) = ToInputs();
        var saved = await ManageMenu.Save(new MenuRequest(buttons), User, db, links, writeGate, clock, cancellationToken);
        if (saved.Result is ValidationProblem invalid)
        {
            // The API names fields by their place in the compacted list; the form by slot.
            foreach (var (field, messages) in invalid.ProblemDetails.Errors)
            {
                foreach (var message in messages)
                {
                    ModelState.AddModelError(FormField(field, topSlots, subSlots), message);
                }
            }

            return false;
        }

        return PageOutcome.Read<MenuView>(saved.Result, ModelState) is not null;
    }

    private async Task<IActionResult> RedisplayAsync(CancellationToken cancellationToken)
    {
        Draft = (await ManageMenu.Get(db, cancellationToken)).Value;
        Pad();
        return Page();
    }

    /// <summary>Always three top slots of five sub-slots, so the form has a place for every button WeChat allows.</summary>
    private void Pad()
    {
        Top = [.. Top.Take(MenuRules.MaximumTopButtons)];
        while (Top.Count < MenuRules.MaximumTopButtons)
        {
            Top.Add(new MenuSlot());
        }

        foreach (var slot in Top)
        {
            slot.Subs = [.. slot.Subs.Take(MenuRules.MaximumSubButtons)];
            while (slot.Subs.Count < MenuRules.MaximumSubButtons)
            {
                slot.Subs.Add(new MenuSlot());
            }
        }
    }

    private (List<MenuButtonInput> Buttons, List<int> TopSlots, List<List<int>> SubSlots) ToInputs()
    {
        var buttons = new List<MenuButtonInput>();
        var topSlots = new List<int>();
        var subSlots = new List<List<int>>();
        for (var i = 0; i < Top.Count; i++)
        {
            var slot = Top[i];
            if (slot.IsEmpty)
            {
                continue;
            }

            var subs = new List<MenuButtonInput>();
            var subIndexes = new List<int>();
            for (var j = 0; j < slot.Subs.Count; j++)
            {
                if (!slot.Subs[j].IsEmpty)
                {
                    subs.Add(ToInput(slot.Subs[j], []));
                    subIndexes.Add(j);
                }
            }

            buttons.Add(ToInput(slot, subs));
            topSlots.Add(i);
            subSlots.Add(subIndexes);
        }

        return (buttons, topSlots, subSlots);
    }

    private static MenuButtonInput ToInput(MenuSlot slot, List<MenuButtonInput> subs)
    {
        var type = string.IsNullOrWhiteSpace(slot.Type) ? null : slot.Type.Trim();
        var storePath = type == "view" && !string.IsNullOrWhiteSpace(slot.StorePath) ? slot.StorePath.Trim() : null;
        return new MenuButtonInput(
            slot.Name?.Trim(), type,
            Key: type is "click" ? slot.Key?.Trim() : null,
            Url: type is "view" or "miniprogram" ? Blank(slot.Url) : null,
            StorePath: storePath,
            Campaign: storePath is null ? null : slot.Campaign?.Trim(),
            AppId: type == "miniprogram" ? slot.AppId?.Trim() : null,
            PagePath: type == "miniprogram" ? slot.PagePath?.Trim() : null,
            SubButtons: subs.Count > 0 ? subs : null);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary><c>buttons[1].subButtons[0].url</c> → <c>Top[2].Subs[3].Url</c> (slots, not list positions).</summary>
    private static string FormField(string apiField, List<int> topSlots, List<List<int>> subSlots)
    {
        var match = ApiField().Match(apiField);
        if (!match.Success)
        {
            return apiField == "buttons" ? "Top" : string.Empty;
        }

        var top = int.Parse(match.Groups["top"].Value, CultureInfo.InvariantCulture);
        var field = "Top[" + (top < topSlots.Count ? topSlots[top] : top) + "]";
        if (match.Groups["sub"].Success)
        {
            var sub = int.Parse(match.Groups["sub"].Value, CultureInfo.InvariantCulture);
            field += ".Subs[" + (top < subSlots.Count && sub < subSlots[top].Count ? subSlots[top][sub] : sub) + "]";
        }
        else if (match.Groups["name"].Value == "subButtons")
        {
            return field + ".Subs";
        }

        return match.Groups["name"].Success ? field + "." + PageOutcome.FieldName("", match.Groups["name"].Value) : field;
    }

    [GeneratedRegex(@"^buttons\[(?<top>\d+)\](?:\.subButtons\[(?<sub>\d+)\])?(?:\.(?<name>\w+))?$")]
    private static partial Regex ApiField();

    /// <summary>The saved draft back into slots; a view button on one of the store's short links shows its page and campaign.</summary>
    private async Task<List<MenuSlot>> ToSlotsAsync(IReadOnlyList<MenuButton> buttons, CancellationToken cancellationToken)
    {
        var prefix = links.Absolute("/s/");
        var codes = buttons.SelectMany(b => (b.SubButtons ?? []).Append(b))
            .Where(b => b.Type == "view" && b.Url?.StartsWith(prefix, StringComparison.Ordinal) == true)
            .Select(b => b.Url![prefix.Length..]).Distinct().ToList();
        var shortLinks = await db.ShortLinks.AsNoTracking().Where(l => codes.Contains(l.Code))
            .ToDictionaryAsync(l => l.Code, l => (l.TargetPath, l.Campaign), cancellationToken);

        MenuSlot ToSlot(MenuButton button)
        {
            var slot = new MenuSlot
            {
                Name = button.Name, Type = button.Type, Key = button.Key, Url = button.Url, AppId = button.MiniProgramAppId, PagePath = button.PagePath,
                Subs = [.. (button.SubButtons ?? []).Select(ToSlot)],
            };
            if (button.Type == "view" && button.Url?.StartsWith(prefix, StringComparison.Ordinal) == true
                && shortLinks.TryGetValue(button.Url[prefix.Length..], out var link))
            {
                (slot.StorePath, slot.Campaign, slot.Url) = (link.TargetPath, link.Campaign, null);
            }

            return slot;
        }

        return [.. buttons.Select(ToSlot)];
    }
}
