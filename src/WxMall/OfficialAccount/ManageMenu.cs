using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WxMall.Admin;
using WxMall.Data;
using WxMall.Infrastructure;
using WxMall.WeChat.OfficialAccount;

namespace WxMall.OfficialAccount;

public sealed record MenuRequest(IReadOnlyList<MenuButtonInput>? Buttons);

public sealed record MenuView(IReadOnlyList<MenuButton> Buttons, DateTimeOffset? UpdatedAt, string? UpdatedBy, DateTimeOffset? PublishedAt);

/// <summary>Staff edit the menu (validated against WeChat's rules, store pages behind campaign short links) and publish it with menu/create.</summary>
public static class ManageMenu
{
    private const string CodeAlphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public static async Task<Ok<MenuView>> Get(MallDb db, CancellationToken cancellationToken)
    {
        var draft = await db.MenuDrafts.AsNoTracking().OrderBy(m => m.Id).FirstOrDefaultAsync(cancellationToken);
        return TypedResults.Ok(draft is null ? new MenuView([], null, null, null) : ToView(draft));
    }

    public static async Task<Results<Ok<MenuView>, ValidationProblem>> Save(
        MenuRequest request, ClaimsPrincipal user, MallDb db, StoreLinks links, IWriteGate writeGate, TimeProvider clock, CancellationToken cancellationToken)
    {
        var validation = MenuRules.Check(request.Buttons);
        if (!validation.IsValid)
        {
            return Problems.Invalid(validation);
        }

        var buttons = new List<MenuButton>();
        foreach (var input in request.Buttons!)
        {
            buttons.Add(input.SubButtons is { Count: > 0 } subs
                ? MenuButton.Parent(input.Name!.Trim(), [.. await ResolveAllAsync(subs, db, links, clock, cancellationToken)])
                : await ResolveAsync(input, db, links, clock, cancellationToken));
        }

        var draft = await db.MenuDrafts.OrderBy(m => m.Id).FirstOrDefaultAsync(cancellationToken);
        if (draft is null)
        {
            db.MenuDrafts.Add(draft = new MenuDraft());
        }

        draft.ButtonsJson = JsonSerializer.Serialize(buttons);
        draft.UpdatedAt = clock.GetUtcNow();
        draft.UpdatedBy = user.Identity?.Name ?? "unknown";
        AuditTrail.Record(db, user, clock, "oa.menu.save", "menu", draft.ButtonsJson);
        await using (await writeGate.EnterAsync(cancellationToken))
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return TypedResults.Ok(ToView(draft));
    }

    public static async Task<Results<Ok<MenuView>, ProblemHttpResult>> Publish(
        ClaimsPrincipal user, MallDb db, WeChatClients clients, IWriteGate writeGate, TimeProvider clock, CancellationToken cancellationToken)
    {
        var draft = await db.MenuDrafts.OrderBy(m => m.Id).FirstOrDefaultAsync(cancellationToken);
        if (draft is null || draft.ButtonsJson == "[]")
        {
            return Problems.Conflict("还没有菜单草稿：请先 PUT /api/admin/official-account/menu 保存菜单");
        }

        if (clients.OfficialAccount is not { } client)
        {
            return TypedResults.Problem("公众号未配置，无法发布菜单：请配置 WeChat:OfficialAccount。", statusCode: StatusCodes.Status503ServiceUnavailable, title: "未配置");
        }

        var result = await client.CreateMenuAsync(new CreateMenuRequest { Buttons = JsonSerializer.Deserialize<List<MenuButton>>(draft.ButtonsJson)! }, cancellationToken);
        if (!result.Succeeded)
        {
            return TypedResults.Problem($"微信拒绝了菜单（errcode {result.ErrorCode}：{result.ErrorMessage}）。40016 按钮个数、40018 名称长度、40019 key 长度、40020 url 长度、85005 小程序未关联。",
                statusCode: StatusCodes.Status502BadGateway, title: "发布失败");
        }

        draft.PublishedAt = clock.GetUtcNow();
        AuditTrail.Record(db, user, clock, "oa.menu.publish", "menu");
        await using (await writeGate.EnterAsync(cancellationToken))
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return TypedResults.Ok(ToView(draft));
    }

    private static async Task<List<MenuButton>> ResolveAllAsync(IEnumerable<MenuButtonInput> inputs, MallDb db, StoreLinks links, TimeProvider clock, CancellationToken cancellationToken)
    {
        var resolved = new List<MenuButton>();
        foreach (var input in inputs)
        {
            resolved.Add(await ResolveAsync(input, db, links, clock, cancellationToken));
        }

        return resolved;
    }

    private static async Task<MenuButton> ResolveAsync(MenuButtonInput input, MallDb db, StoreLinks links, TimeProvider clock, CancellationToken cancellationToken)
    {
        var name = input.Name!.Trim();
        return input.Type switch
        {
            "view" when input.StorePath is { Length: > 0 } path => MenuButton.View(name, links.Absolute("/s/" + await ShortLinkCodeAsync(db, path, input.Campaign!.Trim(), clock, cancellationToken))),
            "view" => MenuButton.View(name, input.Url!),
            "miniprogram" => MenuButton.MiniProgram(name, input.AppId!, input.PagePath!, input.Url!),
            _ => new MenuButton { Type = input.Type, Name = name, Key = input.Key },
        };
    }

    /// <summary>The short link for a page and campaign, reused when it exists so that click counts stay together.</summary>
    private static async Task<string> ShortLinkCodeAsync(MallDb db, string path, string campaign, TimeProvider clock, CancellationToken cancellationToken)
    {
        var existing = await db.ShortLinks.Where(l => l.TargetPath == path && l.Campaign == campaign).Select(l => l.Code).FirstOrDefaultAsync(cancellationToken)
            ?? db.ShortLinks.Local.Where(l => l.TargetPath == path && l.Campaign == campaign).Select(l => l.Code).FirstOrDefault();
        if (existing is not null)
        {
            return existing;
        }

        var code = RandomNumberGenerator.GetString(CodeAlphabet, 8);
        db.ShortLinks.Add(new ShortLink { Code = code, TargetPath = path, Campaign = campaign, CreatedAt = clock.GetUtcNow() });
        return code;
    }

    private static MenuView ToView(MenuDraft draft) =>
        new(JsonSerializer.Deserialize<List<MenuButton>>(draft.ButtonsJson) ?? [], draft.UpdatedAt, draft.UpdatedBy, draft.PublishedAt);
}
