using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using WxMall.Admin;
using WxMall.Data;
using WxMall.Infrastructure;

namespace WxMall.CustomerService;

public sealed record CloseRequest(string Resolution);

/// <summary>An agent closes a conversation with a resolution code; the shopper's next message starts a new one with the bot.</summary>
public static class CloseConversation
{
    public static readonly IReadOnlySet<string> Resolutions = new HashSet<string>(StringComparer.Ordinal)
    {
        "resolved", "unresolved", "duplicate", "no_response", "spam",
    };

    public static async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> Handle(
        long id, CloseRequest request, ClaimsPrincipal user, MallDb db, IWriteGate writeGate, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!Resolutions.Contains(request.Resolution ?? string.Empty))
        {
            return Problems.Invalid("resolution", $"结案代码必须是以下之一：{string.Join("、", Resolutions.Order(StringComparer.Ordinal))}（resolved 表示已解决）");
        }

        var conversation = await db.Conversations.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (conversation is null)
        {
            return Problems.NotFound($"会话 {id} 不存在");
        }

        if (conversation.Close(request.Resolution!, clock.GetUtcNow()) is { } refusal)
        {
            return Problems.Conflict(refusal);
        }

        AuditTrail.Record(db, user, clock, "cs.close", $"conversation:{id}", request.Resolution!);
        await using (await writeGate.EnterAsync(cancellationToken))
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        // Keyword rules answer this shopper again. The console page calls this handler directly as well, so the
        // singleton comes from the context's application services rather than a new parameter.
        await db.GetService<HumanConversations>().ClosedAsync(conversation.OpenId);
        return TypedResults.NoContent();
    }
}
