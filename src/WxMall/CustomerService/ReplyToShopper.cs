using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WxMall.Admin;
using WxMall.Data;
using WxMall.Identity;
using WxMall.Infrastructure;
using WxMall.OfficialAccount;
using WxMall.WeChat.Http;
using WxMall.WeChat.OfficialAccount;
using WxMall.Storefront;

namespace WxMall.CustomerService;

public sealed record AgentReplyRequest(string Text);

/// <summary>
/// An agent answers a shopper through the customer-service message API. WeChat accepts it only within 48 hours of
/// the shopper's last message: outside it the agent gets a 409 saying so, and nothing is recorded as sent.
/// </summary>
public static class ReplyToShopper
{
    public const int MaximumTextLength = 600;

    public static async Task<Results<Ok<TurnView>, ProblemHttpResult, ValidationProblem>> Handle(
        long id, AgentReplyRequest request, ClaimsPrincipal user, MallDb db, IWriteGate writeGate, WeChatClients clients, TimeProvider clock, CancellationToken cancellationToken)
    {
        var text = request.Text?.Trim() ?? string.Empty;
        if (text.Length == 0 || text.Length > MaximumTextLength)
        {
            return Problems.Invalid("text", $"回复内容不能为空，且不超过 {MaximumTextLength} 个字");
        }

        var conversation = await db.Conversations.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (conversation is null)
        {
            return Problems.NotFound($"会话 {id} 不存在");
        }

        if (conversation.Status == ConversationStatus.Closed)
        {
            return Problems.Conflict("会话已关闭，不能再回复；顾客再次发消息会开启新会话");
        }

        var now = clock.GetUtcNow();
        if (!conversation.CanReplyAt(now))
        {
            return OutsideWindow(conversation);
        }

        if (clients.OfficialAccount is not { } client)
        {
            return TypedResults.Problem("公众号未配置，无法发送客服消息：请配置 WeChat:OfficialAccount。", statusCode: StatusCodes.Status503ServiceUnavailable, title: "未配置");
        }

        var staffId = await AgentWorkspace.StaffIdAsync(db, user, cancellationToken);
        var result = await client.SendCustomerServiceMessageAsync(SendCustomerServiceMessageRequest.ForText(conversation.OpenId, text), cancellationToken);
        if (!result.Succeeded)
        {
            return result.ErrorCode == CustomerServiceMessages.OutsideWindow
                ? OutsideWindow(conversation)
                : TypedResults.Problem(
                    result.Status == WeChatResultStatus.QuotaExceeded
                        ? "今日客服消息配额已用完，请明天再试或改用其他方式联系顾客。"
                        : $"微信拒绝了这条客服消息（errcode {result.ErrorCode}）：45047 表示已达对该顾客的条数上限，43004/40003 表示顾客已取消关注。",
                    statusCode: StatusCodes.Status502BadGateway, title: "发送失败");
        }

        // A reply also takes the conversation: an agent answering from the queue now owns it.
        if (conversation.Status == ConversationStatus.Waiting && staffId is { } agentId)
        {
            conversation.AssignTo(agentId, now);
        }

        conversation.RecordHumanReply(now);
        var turn = new ConversationTurn { ConversationId = id, Author = TurnAuthor.Agent, AgentName = user.StaffName(), Text = text, At = now };
        db.ConversationTurns.Add(turn);
        AuditTrail.Record(db, user, clock, "cs.reply", $"conversation:{id}");
        await using (await writeGate.EnterAsync(cancellationToken))
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return TypedResults.Ok(new TurnView(turn.Id, turn.Author, turn.AgentName, turn.Text, null, null, turn.At, null));
    }

    private static ProblemHttpResult OutsideWindow(Conversation conversation) => TypedResults.Problem(
        $"顾客最后一条消息在 {conversation.LastShopperMessageAt.ToOffset(Money.ChinaOffset):yyyy-MM-dd HH:mm}（北京时间），已超过微信 48 小时客服消息窗口，无法再主动回复；请等顾客再次发消息，或改用订单通知。",
        statusCode: StatusCodes.Status409Conflict, title: "超出 48 小时窗口");
}
