using WxMall.OfficialAccount;

namespace WxMall.CustomerService;

/// <summary>What the desk asks the bot: the shopper's text and who they are.</summary>
public sealed record BotQuestion(long ConversationId, long? MemberId, string Text);

/// <summary>
/// The bot's answer. <see cref="Failed"/> means it understood but could not help (no order to show, nothing matched):
/// the second failure in a conversation hands over to a human, as do <see cref="WantsHuman"/> and low confidence.
/// </summary>
public sealed record BotAnswer(ReplyContent Reply, string Intent, float Confidence, bool Failed, bool WantsHuman);

/// <summary>The bot that answers shoppers from live data (<see cref="IntentBot"/>).</summary>
public interface IShopperBot
{
    Task<BotAnswer> AnswerAsync(BotQuestion question, CancellationToken cancellationToken);
}
