using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace WxMall.CustomerService;

public enum ConversationStatus
{
    /// <summary>The bot answers.</summary>
    Bot = 0,

    /// <summary>Handed over, in the queue, no agent online yet.</summary>
    Waiting = 1,

    /// <summary>Assigned to an agent.</summary>
    WithAgent = 2,
    Closed = 3,
}

/// <summary>One shopper's conversation with the store; a new one starts after the last is closed.</summary>
public sealed class Conversation
{
    public long Id { get; set; }
    public required string OpenId { get; init; }
    public long? MemberId { get; set; }
    public ConversationStatus Status { get; private set; }
    public int? AgentId { get; private set; }
    public DateTimeOffset StartedAt { get; init; }

    /// <summary>The shopper's last message: the customer-service API may answer for 48 hours after it.</summary>
    public DateTimeOffset LastShopperMessageAt { get; set; }
    public DateTimeOffset? FirstAutomaticReplyAt { get; set; }
    public DateTimeOffset? HandedOverAt { get; private set; }
    public string? HandoverReason { get; private set; }
    public DateTimeOffset? AssignedAt { get; private set; }
    public DateTimeOffset? FirstHumanReplyAt { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }
    public string? Resolution { get; private set; }

    /// <summary>Answers the bot could not give (no order found, nothing matched); the second hands over.</summary>
    public int FailedAnswers { get; set; }

    /// <summary>The bot's intent for the shopper's first classified message.</summary>
    public string? BotIntent { get; set; }

    /// <summary>The intent an agent says the conversation really had (bot accuracy).</summary>
    public string? LabelledIntent { get; set; }

    public static readonly TimeSpan ReplyWindow = TimeSpan.FromHours(48);

    public bool IsOpen => Status != ConversationStatus.Closed;

    public bool CanReplyAt(DateTimeOffset now) => now - LastShopperMessageAt < ReplyWindow;

    /// <summary>Puts the conversation in the agents' queue; false when it already is with a human or closed.</summary>
    public bool HandOver(string reason, DateTimeOffset at)
    {
        if (Status != ConversationStatus.Bot)
        {
            return false;
        }

        Status = ConversationStatus.Waiting;
        HandedOverAt = at;
        HandoverReason = reason;
        return true;
    }

    public bool AssignTo(int agentId, DateTimeOffset at)
    {
        if (Status is not (ConversationStatus.Waiting or ConversationStatus.WithAgent))
        {
            return false;
        }

        Status = ConversationStatus.WithAgent;
        AgentId = agentId;
        AssignedAt = at;
        return true;
    }

    public void RecordHumanReply(DateTimeOffset at) => FirstHumanReplyAt ??= at;

    public string? Close(string resolution, DateTimeOffset at)
    {
        if (Status == ConversationStatus.Closed)
        {
            return "会话已经关闭";
        }

        Status = ConversationStatus.Closed;
        Resolution = resolution;
        ClosedAt = at;
        return null;
    }
}

public enum TurnAuthor
{
    Shopper = 0,
    Bot = 1,
    Agent = 2,

    /// <summary>Keyword rules, greetings, menu replies and notices from the store.</summary>
    Store = 3,
}

/// <summary>One message in a conversation, in either direction.</summary>
public sealed class ConversationTurn
{
    public long Id { get; set; }
    public long ConversationId { get; init; }
    public TurnAuthor Author { get; init; }

    /// <summary>The agent's user name for agent turns.</summary>
    public string? AgentName { get; init; }
    public required string Text { get; init; }
    public string? Intent { get; init; }
    public float? Confidence { get; init; }

    /// <summary>The pushed message a shopper turn came from (a retried answer does not record it twice).</summary>
    public long? ReceivedMessageId { get; init; }
    public DateTimeOffset At { get; init; }

    /// <summary>Why sending this turn through the customer-service API failed, if it did.</summary>
    public string? DeliveryError { get; set; }
}

/// <summary>Whether a customer-service agent takes conversations now.</summary>
public sealed class AgentPresence
{
    public int StaffId { get; set; }
    public bool Online { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
}

internal sealed class CustomerServiceConfiguration :
    IEntityTypeConfiguration<Conversation>, IEntityTypeConfiguration<ConversationTurn>, IEntityTypeConfiguration<AgentPresence>
{
    public void Configure(EntityTypeBuilder<Conversation> builder)
    {
        builder.HasIndex(c => new { c.OpenId, c.Status });
        builder.HasIndex(c => new { c.Status, c.HandedOverAt });
        builder.HasIndex(c => c.AgentId);
        builder.Property(c => c.OpenId).HasMaxLength(64);
        builder.Property(c => c.HandoverReason).HasMaxLength(60);
        builder.Property(c => c.Resolution).HasMaxLength(40);
        builder.Property(c => c.BotIntent).HasMaxLength(32);
        builder.Property(c => c.LabelledIntent).HasMaxLength(32);
    }

    public void Configure(EntityTypeBuilder<ConversationTurn> builder)
    {
        builder.HasIndex(t => t.ConversationId);
        builder.HasIndex(t => t.ReceivedMessageId);
        builder.Property(t => t.AgentName).HasMaxLength(60);
        builder.Property(t => t.Text).HasMaxLength(2048);
        builder.Property(t => t.Intent).HasMaxLength(32);
        builder.Property(t => t.DeliveryError).HasMaxLength(300);
    }

    public void Configure(EntityTypeBuilder<AgentPresence> builder)
    {
        builder.HasKey(p => p.StaffId);
    }
}
