namespace WxMall.WeChatEmulator.Accounts;

/// <summary>One line of a user's conversation with the official account or mini-program, as the phone shows it.</summary>
public sealed record ConversationEntry
{
    public required long Sequence { get; init; }

    /// <summary><c>user</c> (sent by the user) or <c>account</c> (received by the user).</summary>
    public required string Direction { get; init; }

    /// <summary>text, event, passive_reply, template, customer_service, subscribe, shipping, push_failed.</summary>
    public required string Kind { get; init; }

    public required string Summary { get; init; }

    /// <summary>The wire payload (XML or JSON) as sent or received.</summary>
    public string? Payload { get; init; }

    public required DateTimeOffset At { get; init; }
}
