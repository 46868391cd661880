using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WxMall.Data;
using WxMall.Infrastructure;

namespace WxMall.OfficialAccount;

public sealed record ShortLinkView(string Code, string TargetPath, string Campaign, int Clicks, DateTimeOffset CreatedAt);

/// <summary><c>GET /s/{code}</c>: records the tap against the campaign and redirects to the store page.</summary>
public static class ShortLinks
{
    public static async Task<Results<RedirectHttpResult, ProblemHttpResult>> Follow(string code, MallDb db, StoreLinks links, IWriteGate writeGate, TimeProvider clock, CancellationToken cancellationToken)
    {
        var link = await db.ShortLinks.AsNoTracking().Where(l => l.Code == code).Select(l => new { l.TargetPath, l.Campaign }).FirstOrDefaultAsync(cancellationToken);
        if (link is null)
        {
            return Problems.NotFound("链接不存在或已失效，请回到公众号菜单重新进入");
        }

        db.ShortLinkClicks.Add(new ShortLinkClick { Code = code, Campaign = link.Campaign, At = clock.GetUtcNow() });
        await using (await writeGate.EnterAsync(cancellationToken))
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        var separator = link.TargetPath.Contains('?', StringComparison.Ordinal) ? "&" : "?";
        return TypedResults.Redirect(new Uri(links.Absolute(link.TargetPath + separator + "campaign=" + Uri.EscapeDataString(link.Campaign))).AbsoluteUri);
    }

    /// <summary>Every short link with its click count, for the marketing report.</summary>
    public static async Task<Ok<List<ShortLinkView>>> List(MallDb db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await db.ShortLinks.AsNoTracking().OrderBy(l => l.Id)
            .Select(l => new ShortLinkView(l.Code, l.TargetPath, l.Campaign, db.ShortLinkClicks.Count(c => c.Code == l.Code), l.CreatedAt))
            .ToListAsync(cancellationToken));
}
