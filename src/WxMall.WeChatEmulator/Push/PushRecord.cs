namespace WxMall.WeChatEmulator.Push;

/// <summary>One message or event pushed to the store's message URL, its tries and the decrypted reply.</summary>
public sealed class PushRecord
{
    public required long Id { get; init; }

    public required string UserId { get; init; }

    public required string Kind { get; init; }

    /// <summary>The plaintext XML (before encryption).</summary>
    public required string Xml { get; init; }

    public List<PushAttempt> Attempts { get; } = [];

    /// <summary>The reply in plaintext (decrypted in safe mode); null when the store answered <c>success</c> or nothing.</summary>
    public string? Reply { get; set; }

    /// <summary>delivered, failed, skipped (no message URL) or pending.</summary>
    public string Outcome { get; set; } = "pending";
}

public sealed record PushAttempt(DateTimeOffset At, int? HttpStatus, string? Error, long ElapsedMilliseconds);
