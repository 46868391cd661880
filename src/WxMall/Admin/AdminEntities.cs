using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace WxMall.Admin;

public static class StaffRoles
{
    public const string Admin = "admin";
    public const string Operator = "operator";
    public const string Agent = "agent";
    public const string Finance = "finance";

    public static readonly IReadOnlyList<string> All = [Admin, Operator, Agent, Finance];
}

public sealed class StaffUser
{
    public int Id { get; set; }
    public required string UserName { get; set; }
    public required string PasswordHash { get; set; }
    public required string DisplayName { get; set; }
    public required string Role { get; set; }
    public bool IsActive { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>One admin write: who did what to which thing, and when.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Actor { get; set; }
    public required string Action { get; set; }
    public required string Target { get; set; }
    public string Detail { get; set; } = "";
}

internal sealed class StaffUserConfiguration : IEntityTypeConfiguration<StaffUser>
{
    public void Configure(EntityTypeBuilder<StaffUser> builder)
    {
        builder.HasIndex(s => s.UserName).IsUnique();
        builder.Property(s => s.UserName).HasMaxLength(60);
        builder.Property(s => s.PasswordHash).HasMaxLength(200);
        builder.Property(s => s.DisplayName).HasMaxLength(60);
        builder.Property(s => s.Role).HasMaxLength(20);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.HasIndex(a => a.At);
        builder.Property(a => a.Actor).HasMaxLength(60);
        builder.Property(a => a.Action).HasMaxLength(80);
        builder.Property(a => a.Target).HasMaxLength(120);
        builder.Property(a => a.Detail).HasMaxLength(2000);
    }
}
