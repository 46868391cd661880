using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace WxMall.Inventory;

/// <summary>Stock counters of one SKU. Changed only by guarded set-based updates in <see cref="StockService"/>.</summary>
public sealed class StockItem
{
    public int SkuId { get; set; }
    public int Available { get; set; }
    public int Reserved { get; set; }
    public int Sold { get; set; }
}

public enum StockMovementKind
{
    /// <summary>Goods received into available stock (seed, restock).</summary>
    Receive = 1,
    /// <summary>Staff correction of available stock.</summary>
    Adjust = 2,
    /// <summary>Available → reserved, when an order is placed.</summary>
    Reserve = 3,
    /// <summary>Reserved → available, when an unpaid order is cancelled or times out.</summary>
    Release = 4,
    /// <summary>Reserved → sold, when an order is paid.</summary>
    Commit = 5,
    /// <summary>Sold → available, when returned goods are restocked.</summary>
    Restock = 6,
}

/// <summary>One line of the stock ledger. The deltas of all lines of a SKU sum to its counters.</summary>
public sealed class StockMovement
{
    public long Id { get; set; }
    public int SkuId { get; set; }
    public StockMovementKind Kind { get; set; }
    public int AvailableDelta { get; set; }
    public int ReservedDelta { get; set; }
    public int SoldDelta { get; set; }
    public string? OrderNumber { get; set; }
    public required string Reason { get; set; }
    public required string Actor { get; set; }
    public DateTimeOffset At { get; set; }
}

internal sealed class StockItemConfiguration : IEntityTypeConfiguration<StockItem>
{
    public void Configure(EntityTypeBuilder<StockItem> builder)
    {
        builder.HasKey(s => s.SkuId);
        builder.Property(s => s.SkuId).ValueGeneratedNever();
        builder.HasOne<Catalog.Sku>().WithOne().HasForeignKey<StockItem>(s => s.SkuId);
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("CK_Stock_Available", "\"Available\" >= 0");
            t.HasCheckConstraint("CK_Stock_Reserved", "\"Reserved\" >= 0");
            t.HasCheckConstraint("CK_Stock_Sold", "\"Sold\" >= 0");
        });
    }
}

internal sealed class StockMovementConfiguration : IEntityTypeConfiguration<StockMovement>
{
    public void Configure(EntityTypeBuilder<StockMovement> builder)
    {
        builder.HasIndex(m => new { m.SkuId, m.Id });
        builder.HasIndex(m => m.OrderNumber);

        // Stock for an order is reserved, released or committed once per SKU, however often a message is delivered.
        builder.HasIndex(m => new { m.OrderNumber, m.SkuId, m.Kind }).IsUnique();
        builder.Property(m => m.OrderNumber).HasMaxLength(32);
        builder.Property(m => m.Reason).HasMaxLength(200);
        builder.Property(m => m.Actor).HasMaxLength(80);
        builder.Property(m => m.Kind).HasConversion<string>().HasMaxLength(20);
    }
}
