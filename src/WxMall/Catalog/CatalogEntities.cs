using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace WxMall.Catalog;

public sealed class Category
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public int Sort { get; set; }
}

public sealed class Brand
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public string? EnglishName { get; set; }
}

public sealed class Product
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public int CategoryId { get; set; }
    public Category Category { get; set; } = null!;
    public int BrandId { get; set; }
    public Brand Brand { get; set; } = null!;
    public required string Name { get; set; }
    public string Subtitle { get; set; } = "";
    public string Description { get; set; } = "";

    /// <summary>Space-separated Chinese search words (游戏本 电竞 …).</summary>
    public string Keywords { get; set; } = "";
    public bool Featured { get; set; }
    public bool OnSale { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }
    public List<Sku> Skus { get; set; } = [];
}

public sealed class Sku
{
    public int Id { get; set; }
    public int ProductId { get; set; }
    public Product Product { get; set; } = null!;
    public required string Code { get; set; }
    public required string Name { get; set; }

    /// <summary>Variant attributes as shown to the shopper, e.g. 颜色 → 碳晶灰, as a JSON object.</summary>
    public string AttributesJson { get; set; } = "{}";
    public long PriceFen { get; set; }
    public long ListPriceFen { get; set; }
    public SkuSpecs Specs { get; set; } = new();
}

/// <summary>Structured specs of one SKU (product specs merged with the SKU's own).</summary>
public sealed class SkuSpecs
{
    public string? Cpu { get; set; }
    public string? Gpu { get; set; }
    public int? RamGb { get; set; }
    public int? StorageGb { get; set; }
    public string? StorageType { get; set; }
    public double? ScreenInches { get; set; }
    public int? RefreshHz { get; set; }
    public string? Resolution { get; set; }
    public string? Panel { get; set; }
    public double? WeightKg { get; set; }
    public int? TdpW { get; set; }
    public string? Socket { get; set; }
    public int? VramGb { get; set; }
    public string? MemoryType { get; set; }
    public int? MemorySpeedMhz { get; set; }
    public int? Cores { get; set; }
    public string? Interface { get; set; }

    /// <summary>Free-form spec table rows (名称 → 值) as a JSON object.</summary>
    public string ExtraJson { get; set; } = "{}";
}

/// <summary>A physical store where shoppers can pick up orders (门店自提).</summary>
public sealed class PickupStore
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public required string City { get; set; }
    public required string Address { get; set; }
    public string Hours { get; set; } = "";
    public string Phone { get; set; } = "";
}

internal sealed class CategoryConfiguration : IEntityTypeConfiguration<Category>
{
    public void Configure(EntityTypeBuilder<Category> builder)
    {
        builder.HasIndex(c => c.Code).IsUnique();
        builder.Property(c => c.Code).HasMaxLength(40);
        builder.Property(c => c.Name).HasMaxLength(40);
    }
}

internal sealed class BrandConfiguration : IEntityTypeConfiguration<Brand>
{
    public void Configure(EntityTypeBuilder<Brand> builder)
    {
        builder.HasIndex(b => b.Code).IsUnique();
        builder.Property(b => b.Code).HasMaxLength(40);
        builder.Property(b => b.Name).HasMaxLength(60);
        builder.Property(b => b.EnglishName).HasMaxLength(60);
    }
}

internal sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> builder)
    {
        builder.HasIndex(p => p.Code).IsUnique();
        builder.Property(p => p.Code).HasMaxLength(80);
        builder.Property(p => p.Name).HasMaxLength(120);
        builder.Property(p => p.Subtitle).HasMaxLength(200);
        builder.Property(p => p.Description).HasMaxLength(2000);
        builder.Property(p => p.Keywords).HasMaxLength(400);
        builder.HasOne(p => p.Category).WithMany().HasForeignKey(p => p.CategoryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(p => p.Brand).WithMany().HasForeignKey(p => p.BrandId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(p => p.Skus).WithOne(s => s.Product).HasForeignKey(s => s.ProductId);
    }
}

internal sealed class SkuConfiguration : IEntityTypeConfiguration<Sku>
{
    public void Configure(EntityTypeBuilder<Sku> builder)
    {
        builder.HasIndex(s => s.Code).IsUnique();
        builder.Property(s => s.Code).HasMaxLength(100);
        builder.Property(s => s.Name).HasMaxLength(160);
        builder.Property(s => s.AttributesJson).HasMaxLength(1000);
        builder.ComplexProperty(s => s.Specs, specs =>
        {
            specs.Property(x => x.Cpu).HasMaxLength(80);
            specs.Property(x => x.Gpu).HasMaxLength(80);
            specs.Property(x => x.StorageType).HasMaxLength(40);
            specs.Property(x => x.Resolution).HasMaxLength(40);
            specs.Property(x => x.Panel).HasMaxLength(40);
            specs.Property(x => x.Socket).HasMaxLength(40);
            specs.Property(x => x.MemoryType).HasMaxLength(20);
            specs.Property(x => x.Interface).HasMaxLength(60);
            specs.Property(x => x.ExtraJson).HasMaxLength(2000);
        });
    }
}

internal sealed class PickupStoreConfiguration : IEntityTypeConfiguration<PickupStore>
{
    public void Configure(EntityTypeBuilder<PickupStore> builder)
    {
        builder.HasIndex(s => s.Code).IsUnique();
        builder.Property(s => s.Code).HasMaxLength(40);
        builder.Property(s => s.Name).HasMaxLength(80);
        builder.Property(s => s.City).HasMaxLength(40);
        builder.Property(s => s.Address).HasMaxLength(200);
        builder.Property(s => s.Hours).HasMaxLength(60);
        builder.Property(s => s.Phone).HasMaxLength(40);
    }
}
