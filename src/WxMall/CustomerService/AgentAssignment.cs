using Microsoft.EntityFrameworkCore;
using WxMall.Admin;
using WxMall.Data;

namespace WxMall.CustomerService;

/// <summary>Gives waiting conversations to the least busy online agent (fewest open conversations, then the longest online).</summary>
public sealed class AgentAssignment(MallDb db, IWriteGate writeGate, TimeProvider clock)
{
    /// <summary>Assigns the conversation if an agent is online; returns the agent's staff id, or null (it stays in the queue).</summary>
    public async Task<int?> TryAssignAsync(Conversation conversation, CancellationToken cancellationToken, bool save = true)
    {
        if (conversation.Status != ConversationStatus.Waiting)
        {
            return conversation.AgentId;
        }

        var agentId = await LeastBusyOnlineAgentAsync(cancellationToken);
        if (agentId is null || !conversation.AssignTo(agentId.Value, clock.GetUtcNow()))
        {
            return null;
        }

        if (save)
        {
            await using (await writeGate.EnterAsync(cancellationToken))
            {
                await db.SaveChangesAsync(cancellationToken);
            }
        }

        return agentId;
    }

    /// <summary>Hands the queue, oldest first, to agents who are online (when an agent comes online).</summary>
    public async Task AssignWaitingAsync(CancellationToken cancellationToken)
    {
        var waiting = await db.Conversations.Where(c => c.Status == ConversationStatus.Waiting).OrderBy(c => c.HandedOverAt).Take(50).ToListAsync(cancellationToken);
        foreach (var conversation in waiting)
        {
            if (await TryAssignAsync(conversation, cancellationToken) is null)
            {
                return;
            }
        }
    }

    private async Task<int?> LeastBusyOnlineAgentAsync(CancellationToken cancellationToken)
    {
        var online = await db.AgentPresence.Where(p => p.Online)
            .Join(db.Staff.Where(s => s.IsActive && (s.Role == StaffRoles.Agent || s.Role == StaffRoles.Admin)), p => p.StaffId, s => s.Id, (p, s) => new { p.StaffId, p.ChangedAt })
            .ToListAsync(cancellationToken);
        if (online.Count == 0)
        {
            return null;
        }

        var ids = online.Select(o => o.StaffId).ToList();
        var load = await db.Conversations.Where(c => c.Status == ConversationStatus.WithAgent && c.AgentId != null && ids.Contains(c.AgentId.Value))
            .GroupBy(c => c.AgentId!.Value).Select(g => new { AgentId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.AgentId, g => g.Count, cancellationToken);

        // Conversations this unit of work just assigned are not in the database yet.
        foreach (var pending in db.ChangeTracker.Entries<Conversation>().Where(e => e.State == EntityState.Modified && e.Entity.Status == ConversationStatus.WithAgent && e.Entity.AgentId is not null))
        {
            load[pending.Entity.AgentId!.Value] = load.GetValueOrDefault(pending.Entity.AgentId.Value) + 1;
        }

        return online.OrderBy(o => load.GetValueOrDefault(o.StaffId)).ThenBy(o => o.ChangedAt).First().StaffId;
    }
}
