using System.Collections.Concurrent;

namespace WxMall.OfficialAccount;

/// <summary>
/// The pushes this process took in the last half minute or so, by de-duplication key, with the answer each one got:
/// WeChat retries a push it got no answer to within 5 s (three tries, about 15 s), and a retry that lands here gets
/// the first answer without a database read. Two concurrent tries share one answer. This sits in front of the durable
/// record (the unique index on <see cref="Data.MallDb.ReceivedMessages"/>), which still decides who owns a push that
/// reaches several instances or outlives a restart.
/// </summary>
public sealed class RecentPushes(TimeProvider clock)
{
    /// <summary>
    /// Entries live between one and two of these: longer than WeChat's three tries, short enough that a sustained
    /// 2,000 messages/s keeps some tens of MB.
    /// </summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(30);

    private readonly Lock rotating = new();
    private volatile Generation current = new(clock.GetUtcNow());
    private volatile Generation previous = new(clock.GetUtcNow());

    /// <summary>
    /// Claims the key for the caller, or returns the answer of the try that claimed it first (awaiting it when that
    /// try is still being answered). A caller that claims the key must later call <see cref="Answered"/> or
    /// <see cref="Release"/> on the returned claim.
    /// </summary>
    public Claim TryClaim(string key)
    {
        var generation = CurrentGeneration();
        if (previous.Answers.TryGetValue(key, out var earlier))
        {
            return new Claim(key, earlier.Task, Owner: false, generation);
        }

        var mine = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var winner = generation.Answers.GetOrAdd(key, mine);
        return new Claim(key, winner.Task, Owner: ReferenceEquals(winner, mine), generation);
    }

    /// <summary>Remembers the answer; tries that waited on the claim get it too.</summary>
    public static void Answered(Claim claim, string answer)
    {
        if (claim.Generation.Answers.TryGetValue(claim.Key, out var pending))
        {
            pending.TrySetResult(answer);
        }
    }

    /// <summary>Gives the key up (the answer failed): a waiting try and later retries answer on their own.</summary>
    public static void Release(Claim claim)
    {
        if (claim.Generation.Answers.TryRemove(claim.Key, out var pending))
        {
            pending.TrySetCanceled();
        }
    }

    private Generation CurrentGeneration()
    {
        var generation = current;
        var now = clock.GetUtcNow();
        if (now - generation.StartedAt < Window)
        {
            return generation;
        }

        lock (rotating)
        {
            if (ReferenceEquals(generation, current))
            {
                previous = generation;
                current = new Generation(now);
            }

            return current;
        }
    }

    public readonly record struct Claim(string Key, Task<string> Answer, bool Owner, Generation Generation);

    public sealed class Generation(DateTimeOffset startedAt)
    {
        public DateTimeOffset StartedAt { get; } = startedAt;

        public ConcurrentDictionary<string, TaskCompletionSource<string>> Answers { get; } = new(StringComparer.Ordinal);
    }
}
