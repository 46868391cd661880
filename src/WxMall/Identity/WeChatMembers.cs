using Microsoft.EntityFrameworkCore;
using WxMall.Data;
using WxMall.Members;

namespace WxMall.Identity;

/// <summary>What one WeChat sign-in told us about the person.</summary>
public sealed record WeChatProfile(string AppId, string OpenId, string? UnionId, string? Nickname, string? AvatarUrl);

/// <summary>
/// One person is one member: the unionid joins the openids of the official account, the H5 store and the
/// mini-program. These helpers only change tracked entities; the caller saves once, so nothing is half-written.
/// </summary>
public static class WeChatMembers
{
    public const string DefaultNickname = "微信用户";

    /// <summary>Finds or adds the (app, openid) row and refreshes what WeChat told us this time.</summary>
    public static async Task<WeChatIdentity> RecordAsync(MallDb db, WeChatProfile profile, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var identity = await db.WeChatIdentities.FirstOrDefaultAsync(i => i.AppId == profile.AppId && i.OpenId == profile.OpenId, cancellationToken);
        if (identity is null)
        {
            identity = new WeChatIdentity { AppId = profile.AppId, OpenId = profile.OpenId, FirstSeenAt = now };
            db.WeChatIdentities.Add(identity);
        }

        identity.UnionId = profile.UnionId ?? identity.UnionId;
        identity.Nickname = Truncate(profile.Nickname, 64) ?? identity.Nickname;
        identity.AvatarUrl = Truncate(profile.AvatarUrl, 512) ?? identity.AvatarUrl;
        identity.LastSeenAt = now;
        return identity;
    }

    /// <summary>The member this person already is: through this openid, or through any openid with the same unionid.</summary>
    public static async Task<Member?> FindMemberAsync(MallDb db, WeChatIdentity identity, CancellationToken cancellationToken)
    {
        var memberId = identity.MemberId;
        if (memberId is null && identity.UnionId is { } unionId)
        {
            memberId = await db.WeChatIdentities.Where(i => i.UnionId == unionId && i.MemberId != null)
                .OrderByDescending(i => i.LastSeenAt).Select(i => i.MemberId).FirstOrDefaultAsync(cancellationToken);
        }

        var member = memberId is null ? null : await db.Members.FirstOrDefaultAsync(m => m.Id == memberId, cancellationToken);

        // Identities move with a merge, so this is a safety net for rows written by an older release.
        while (member?.MergedIntoMemberId is { } target)
        {
            member = await db.Members.FirstOrDefaultAsync(m => m.Id == target, cancellationToken);
        }

        return member;
    }

    public static Member NewMember(string? nickname, DateTimeOffset now) => new()
    {
        Nickname = Truncate(string.IsNullOrWhiteSpace(nickname) ? DefaultNickname : nickname.Trim(), 60)!,
        CreatedAt = now,
    };

    /// <summary>
    /// Ties this identity, and every identity of the same unionid that has no member yet, to a saved member.
    /// </summary>
    public static async Task AttachAsync(MallDb db, WeChatIdentity identity, long memberId, CancellationToken cancellationToken)
    {
        if (identity.UnionId is { } unionId)
        {
            var siblings = await db.WeChatIdentities.Where(i => i.UnionId == unionId && i.MemberId == null).ToListAsync(cancellationToken);
            foreach (var sibling in siblings)
            {
                sibling.MemberId = memberId;
            }
        }

        identity.MemberId = memberId;
    }

    /// <summary>
    /// Runs a sign-in's writes in one transaction behind the write gate. Two first sign-ins of the same person at once
    /// (H5 and mini-program) can both insert; the loser's unique-index violation rolls back and it runs again,
    /// now finding the winner's rows.
    /// </summary>
    public static async Task<T> InTransactionAsync<T>(MallDb db, IWriteGate gate, Func<Task<T>> work, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var pass = await gate.EnterAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            try
            {
                var result = await work();
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return result;
            }
            catch (DbUpdateException) when (attempt == 1)
            {
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
            }
        }
    }

    private static string? Truncate(string? value, int length) =>
        value is null ? null : value.Length <= length ? value : value[..length];
}
