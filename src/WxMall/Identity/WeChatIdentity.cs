using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WxMall.Data;
using WxMall.Members;

namespace WxMall.Identity;

/// <summary>
/// One WeChat user as seen by one of our apps (official account, mini-program): openids are per app,
/// the unionid is the same person across all apps of the merchant. <see cref="MemberId"/> stays empty
/// while the shopper browses anonymously (silent OAuth) or only follows the official account.
/// </summary>
public sealed class WeChatIdentity
{
    public long Id { get; set; }
    public required string AppId { get; set; }
    public required string OpenId { get; set; }
    public string? UnionId { get; set; }
    public long? MemberId { get; set; }

    /// <summary>From <c>snsapi_userinfo</c> only; silent OAuth and the mini-program login do not give it.</summary>
    public string? Nickname { get; set; }
    public string? AvatarUrl { get; set; }
    public DateTimeOffset FirstSeenAt { get; set; }
    public DateTimeOffset LastSeenAt { get; set; }
}

internal sealed class WeChatIdentityConfiguration : IEntityTypeConfiguration<WeChatIdentity>
{
    public void Configure(EntityTypeBuilder<WeChatIdentity> builder)
    {
        builder.HasIndex(i => new { i.AppId, i.OpenId }).IsUnique();
        builder.HasIndex(i => i.UnionId);
        builder.HasIndex(i => i.MemberId);
        builder.HasOne<Member>().WithMany().HasForeignKey(i => i.MemberId);
        builder.Property(i => i.AppId).HasMaxLength(32);
        builder.Property(i => i.OpenId).HasMaxLength(64);
        builder.Property(i => i.UnionId).HasMaxLength(64);
        builder.Property(i => i.Nickname).HasMaxLength(64);
        builder.Property(i => i.AvatarUrl).HasMaxLength(512);
    }
}

/// <summary>Look-ups other capabilities need: who is this openid, and how do we reach this member in an app.</summary>
public static class WeChatIdentities
{
    public static Task<long?> MemberIdForAsync(this MallDb db, string appId, string openId, CancellationToken cancellationToken) =>
        db.WeChatIdentities.Where(i => i.AppId == appId && i.OpenId == openId)
            .Select(i => i.MemberId).FirstOrDefaultAsync(cancellationToken);

    public static Task<string?> OpenIdForAsync(this MallDb db, long memberId, string appId, CancellationToken cancellationToken) =>
        LatestOpenId.For(db)(db, memberId, appId, cancellationToken);

    // Compiled: every order notice reads it, twice (official account and mini-program).
    private static readonly CompiledPerModel<Func<MallDb, long, string, CancellationToken, Task<string?>>> LatestOpenId = new(() => EF.CompileAsyncQuery(
        (MallDb db, long memberId, string appId, CancellationToken _) => db.WeChatIdentities.Where(i => i.MemberId == memberId && i.AppId == appId)
            .OrderByDescending(i => i.LastSeenAt).Select(i => i.OpenId).FirstOrDefault()));
}
