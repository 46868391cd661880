using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace WxMall.Members;

public enum MemberLevel
{
    Regular = 0,
    Silver = 1,
    Gold = 2,
    Diamond = 3,
}

public sealed class Member
{
    public long Id { get; set; }

    /// <summary>Phone number encrypted with <see cref="Compliance.PersonalDataProtector"/>.</summary>
    public string? PhoneCipher { get; set; }

    /// <summary>Keyed hash of the phone number, so a member can be found by phone without decrypting every row.</summary>
    public string? PhoneLookup { get; set; }
    public string? PasswordHash { get; set; }
    public string Nickname { get; set; } = "";
    public MemberLevel Level { get; set; }
    public long PointsBalance { get; set; }
    public long TotalPaidFen { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Set when an account merge moved everything of this member into another one; it can no longer sign in.</summary>
    public long? MergedIntoMemberId { get; set; }
    public DateTimeOffset? MergedAt { get; set; }

    public bool IsMerged => MergedIntoMemberId is not null;

    /// <summary>The member's own code for share links (<c>?ref=</c>), made the first time it is needed and never changed.</summary>
    public string? ReferralCode { get; set; }

    /// <summary>Who brought this member to the store: the first referral link they came through (first touch).</summary>
    public long? ReferredByMemberId { get; set; }
    public DateTimeOffset? ReferredAt { get; set; }
}

public static class MemberLevels
{
    public static MemberLevel For(long totalPaidFen) => totalPaidFen switch
    {
        >= 50_000_00 => MemberLevel.Diamond,
        >= 20_000_00 => MemberLevel.Gold,
        >= 5_000_00 => MemberLevel.Silver,
        _ => MemberLevel.Regular,
    };

    public static string DisplayName(MemberLevel level) => level switch
    {
        MemberLevel.Silver => "银卡会员",
        MemberLevel.Gold => "金卡会员",
        MemberLevel.Diamond => "钻石会员",
        _ => "普通会员",
    };
}

public sealed class MemberAddress
{
    public long Id { get; set; }
    public long MemberId { get; set; }
    public required string RecipientNameCipher { get; set; }
    public required string PhoneCipher { get; set; }
    public required string Province { get; set; }
    public required string City { get; set; }
    public required string District { get; set; }
    public required string DetailCipher { get; set; }
    public bool IsDefault { get; set; }
}

public sealed class PointsEntry
{
    public long Id { get; set; }
    public long MemberId { get; set; }
    public long Delta { get; set; }
    public required string Reason { get; set; }
    public string? OrderNumber { get; set; }
    public DateTimeOffset At { get; set; }
}

internal sealed class MemberConfiguration : IEntityTypeConfiguration<Member>
{
    public void Configure(EntityTypeBuilder<Member> builder)
    {
        builder.HasIndex(m => m.PhoneLookup).IsUnique();
        builder.Property(m => m.PhoneCipher).HasMaxLength(200);
        builder.Property(m => m.PhoneLookup).HasMaxLength(64);
        builder.Property(m => m.PasswordHash).HasMaxLength(200);
        builder.Property(m => m.Nickname).HasMaxLength(60);
        builder.Property(m => m.ReferralCode).HasMaxLength(16);
        builder.HasIndex(m => m.ReferralCode).IsUnique();
        builder.HasIndex(m => m.ReferredByMemberId);
        builder.Ignore(m => m.IsMerged);
    }
}

internal sealed class MemberAddressConfiguration : IEntityTypeConfiguration<MemberAddress>
{
    public void Configure(EntityTypeBuilder<MemberAddress> builder)
    {
        builder.HasIndex(a => a.MemberId);
        builder.HasOne<Member>().WithMany().HasForeignKey(a => a.MemberId);
        builder.Property(a => a.RecipientNameCipher).HasMaxLength(300);
        builder.Property(a => a.PhoneCipher).HasMaxLength(200);
        builder.Property(a => a.Province).HasMaxLength(40);
        builder.Property(a => a.City).HasMaxLength(40);
        builder.Property(a => a.District).HasMaxLength(40);
        builder.Property(a => a.DetailCipher).HasMaxLength(800);
    }
}

internal sealed class PointsEntryConfiguration : IEntityTypeConfiguration<PointsEntry>
{
    public void Configure(EntityTypeBuilder<PointsEntry> builder)
    {
        builder.HasIndex(p => new { p.MemberId, p.Id });

        // At-least-once handlers award or return points for an order once per reason; they look rows up by order first.
        builder.HasIndex(p => new { p.OrderNumber, p.Reason, p.MemberId }).IsUnique();
        builder.HasOne<Member>().WithMany().HasForeignKey(p => p.MemberId);
        builder.Property(p => p.Reason).HasMaxLength(100);
        builder.Property(p => p.OrderNumber).HasMaxLength(32);
    }
}
