using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using WxMall.Data;

namespace WxMall.CustomerService;

/// <summary>
/// Answers "is this shopper with a human?" (a conversation waiting for or assigned to an agent) for every pushed
/// text, where keyword rules and the bot must stay quiet. On SQLite this process is the database's only writer, so
/// it keeps the set in memory: loaded once, then refreshed for a shopper after each handover and each close is
/// saved. On PostgreSQL several instances may hand over behind this one's back, so there every question reads the
/// database.
/// </summary>
public sealed class HumanConversations(IServiceScopeFactory scopes, DatabaseOptions database) : IDisposable
{
    private readonly bool onlyWriter = database.Provider == DatabaseProvider.Sqlite;
    private readonly ConcurrentDictionary<string, byte> openIds = new(StringComparer.Ordinal);

    // Loading and refreshing take turns; asking never waits for them once loaded.
    private readonly SemaphoreSlim changing = new(1, 1);
    private volatile bool loaded;

    public async ValueTask<bool> IsWithHumanAsync(string openId, Func<MallDb> db, CancellationToken cancellationToken)
    {
        if (!onlyWriter)
        {
            return await WithHumanQuery(db(), openId).AnyAsync(cancellationToken);
        }

        if (!loaded)
        {
            await LoadAsync(cancellationToken);
        }

        return openIds.ContainsKey(openId);
    }

    /// <summary>Call after a handover is saved, before the shopper is told.</summary>
    public Task HandedOverAsync(string openId) => RefreshAsync(openId);

    /// <summary>Call after a conversation is closed and saved: the shopper is back with keyword rules and the bot.</summary>
    public Task ClosedAsync(string openId) => RefreshAsync(openId);

    /// <summary>
    /// Reads the shopper's saved state, one change at a time: whichever of a handover and a close refreshes last
    /// reads the database after both were saved, so the set ends as the database is.
    /// </summary>
    private async Task RefreshAsync(string openId)
    {
        if (!onlyWriter)
        {
            return;
        }

        await changing.WaitAsync(CancellationToken.None);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            if (await WithHumanQuery(scope.ServiceProvider.GetRequiredService<MallDb>(), openId).AnyAsync(CancellationToken.None))
            {
                openIds[openId] = 0;
            }
            else
            {
                openIds.TryRemove(openId, out _);
            }
        }
        finally
        {
            changing.Release();
        }
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        await changing.WaitAsync(cancellationToken);
        try
        {
            if (loaded)
            {
                return;
            }

            await using var scope = scopes.CreateAsyncScope();
            var withHuman = await scope.ServiceProvider.GetRequiredService<MallDb>().Conversations
                .Where(c => c.Status == ConversationStatus.Waiting || c.Status == ConversationStatus.WithAgent)
                .Select(c => c.OpenId).Distinct().ToListAsync(cancellationToken);
            foreach (var openId in withHuman)
            {
                openIds[openId] = 0;
            }

            loaded = true;
        }
        finally
        {
            changing.Release();
        }
    }

    public void Dispose() => changing.Dispose();

    private static IQueryable<Conversation> WithHumanQuery(MallDb db, string openId) =>
        db.Conversations.Where(c => c.OpenId == openId && (c.Status == ConversationStatus.Waiting || c.Status == ConversationStatus.WithAgent));
}
