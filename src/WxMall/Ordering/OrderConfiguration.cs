using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace WxMall.Ordering;

internal sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> builder)
    {
        builder.HasIndex(o => o.Number).IsUnique();
        builder.HasIndex(o => new { o.MemberId, o.IdempotencyKey }).IsUnique();
        builder.HasIndex(o => new { o.MemberId, o.PlacedAt });
        builder.HasIndex(o => new { o.Status, o.PlacedAt });
        builder.Property(o => o.Number).HasMaxLength(32);
        builder.Property(o => o.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(o => o.Delivery).HasConversion<string>().HasMaxLength(20);
        builder.Property(o => o.RecipientNameCipher).HasMaxLength(300);
        builder.Property(o => o.RecipientPhoneCipher).HasMaxLength(200);
        builder.Property(o => o.RegionText).HasMaxLength(120);
        builder.Property(o => o.AddressDetailCipher).HasMaxLength(800);
        builder.Property(o => o.IdempotencyKey).HasMaxLength(64);
        builder.Property(o => o.PaymentTransactionId).HasMaxLength(64);
        builder.Property(o => o.Carrier).HasMaxLength(40);
        builder.Property(o => o.TrackingNumber).HasMaxLength(60);
        builder.Property(o => o.CancelReason).HasMaxLength(200);
        builder.Property(o => o.ReturnReason).HasMaxLength(500);
        builder.Property(o => o.ReturnRejection).HasMaxLength(200);
        builder.Property(o => o.Version).IsConcurrencyToken();
        builder.HasMany(o => o.Lines).WithOne().HasForeignKey(l => l.OrderId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Members.Member>().WithMany().HasForeignKey(o => o.MemberId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Catalog.PickupStore>().WithMany().HasForeignKey(o => o.PickupStoreId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class OrderLineConfiguration : IEntityTypeConfiguration<OrderLine>
{
    public void Configure(EntityTypeBuilder<OrderLine> builder)
    {
        builder.Property(l => l.ProductName).HasMaxLength(120);
        builder.Property(l => l.SkuName).HasMaxLength(160);
        builder.Ignore(l => l.LineTotalFen);
        builder.HasOne<Catalog.Sku>().WithMany().HasForeignKey(l => l.SkuId).OnDelete(DeleteBehavior.Restrict);
    }
}
