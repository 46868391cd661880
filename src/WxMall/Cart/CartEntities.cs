using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace WxMall.Cart;

/// <summary>A cart owned either by a device (anonymous browsing) or by a member.</summary>
public sealed class ShoppingCart
{
    public long Id { get; set; }

    /// <summary><c>d:{deviceId}</c> for an anonymous device, <c>m:{memberId}</c> for a member.</summary>
    public required string OwnerKey { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public List<CartLine> Lines { get; set; } = [];

    public static string ForDevice(string deviceId) => "d:" + deviceId;

    public static string ForMember(long memberId) => "m:" + memberId;

    public void Add(int skuId, int quantity, DateTimeOffset now)
    {
        var line = Lines.FirstOrDefault(l => l.SkuId == skuId);
        if (line is null)
        {
            Lines.Add(new CartLine { SkuId = skuId, Quantity = quantity });
        }
        else
        {
            line.Quantity = Math.Min(CartRules.MaxQuantityPerLine, line.Quantity + quantity);
        }

        UpdatedAt = now;
    }

    /// <summary>Moves every line of <paramref name="other"/> into this cart, adding quantities of the same SKU.</summary>
    public void MergeFrom(ShoppingCart other, DateTimeOffset now)
    {
        foreach (var line in other.Lines)
        {
            Add(line.SkuId, line.Quantity, now);
        }
    }
}

public sealed class CartLine
{
    public long Id { get; set; }
    public long CartId { get; set; }
    public int SkuId { get; set; }
    public int Quantity { get; set; }
}

public static class CartRules
{
    public const int MaxQuantityPerLine = 99;
    public const int MaxLines = 50;
}

internal sealed class ShoppingCartConfiguration : IEntityTypeConfiguration<ShoppingCart>
{
    public void Configure(EntityTypeBuilder<ShoppingCart> builder)
    {
        builder.HasIndex(c => c.OwnerKey).IsUnique();
        builder.Property(c => c.OwnerKey).HasMaxLength(80);
        builder.HasMany(c => c.Lines).WithOne().HasForeignKey(l => l.CartId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CartLineConfiguration : IEntityTypeConfiguration<CartLine>
{
    public void Configure(EntityTypeBuilder<CartLine> builder)
    {
        builder.HasIndex(l => new { l.CartId, l.SkuId }).IsUnique();
        builder.HasOne<Catalog.Sku>().WithMany().HasForeignKey(l => l.SkuId);
    }
}
