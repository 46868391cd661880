using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using WxMall.Data;
using WxMall.Inventory;

namespace WxMall.Catalog;

/// <summary>Loads the computer catalog from <c>Catalog/Seed/catalog.json</c> into an empty database.</summary>
public static class CatalogSeed
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, "Catalog", "Seed", "catalog.json");

    public static async Task<bool> SeedAsync(MallDb db, TimeProvider clock, CancellationToken cancellationToken = default)
    {
        if (await db.Products.AnyAsync(cancellationToken))
        {
            return false;
        }

        await using var stream = File.OpenRead(DefaultPath);
        var file = await JsonSerializer.DeserializeAsync<SeedFile>(stream, JsonOptions, cancellationToken)
            ?? throw new InvalidOperationException("catalog.json is empty.");
        var now = clock.GetUtcNow();

        var categories = file.Categories.Select(c => new Category { Code = c.Code, Name = c.Name, Sort = c.Sort }).ToDictionary(c => c.Code);
        var brands = file.Brands.Select(b => new Brand { Code = b.Code, Name = b.Name, EnglishName = b.EnglishName }).ToDictionary(b => b.Code);
        db.Categories.AddRange(categories.Values);
        db.Brands.AddRange(brands.Values);
        db.PickupStores.AddRange(file.Stores.Select(s => new PickupStore
        {
            Code = s.Code, Name = s.Name, City = s.City, Address = s.Address, Hours = s.Hours ?? "", Phone = s.Phone ?? "",
        }));

        var stockBySku = new List<(Sku Sku, int Stock)>();
        foreach (var seed in file.Products)
        {
            var product = new Product
            {
                Code = seed.Code,
                Category = categories[seed.Category],
                Brand = brands[seed.Brand],
                Name = seed.Name,
                Subtitle = seed.Subtitle ?? "",
                Description = seed.Description ?? "",
                Keywords = string.Join(' ', seed.Keywords ?? []),
                Featured = seed.Featured,
                CreatedAt = now,
            };
            foreach (var skuSeed in seed.Skus)
            {
                var sku = new Sku
                {
                    Code = skuSeed.Code,
                    Name = skuSeed.Name,
                    AttributesJson = JsonSerializer.Serialize(skuSeed.Attributes ?? [], JsonOptions),
                    PriceFen = skuSeed.PriceFen,
                    ListPriceFen = Math.Max(skuSeed.ListPriceFen ?? skuSeed.PriceFen, skuSeed.PriceFen),
                    Specs = SeedSpecs.Merge(seed.Specs, skuSeed.Specs),
                };
                product.Skus.Add(sku);
                stockBySku.Add((sku, skuSeed.Stock));
            }

            db.Products.Add(product);
        }

        await db.SaveChangesAsync(cancellationToken);

        foreach (var (sku, stock) in stockBySku)
        {
            db.Stock.Add(new StockItem { SkuId = sku.Id, Available = stock });
            db.StockMovements.Add(new StockMovement
            {
                SkuId = sku.Id, Kind = StockMovementKind.Receive, AvailableDelta = stock,
                Reason = "初始库存", Actor = "seed", At = now,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    private sealed record SeedFile(
        List<SeedCategory> Categories, List<SeedBrand> Brands, List<SeedStore> Stores, List<SeedProduct> Products);

    private sealed record SeedCategory(string Code, string Name, int Sort);

    private sealed record SeedBrand(string Code, string Name, string? EnglishName);

    private sealed record SeedStore(string Code, string Name, string City, string Address, string? Hours, string? Phone);

    private sealed record SeedProduct(
        string Code, string Category, string Brand, string Name, string? Subtitle, List<string>? Keywords,
        string? Description, bool Featured, SeedSpecs? Specs, List<SeedSku> Skus);

    private sealed record SeedSku(
        string Code, string Name, Dictionary<string, string>? Attributes, long PriceFen, long? ListPriceFen, int Stock, SeedSpecs? Specs);
}

/// <summary>Spec fields as written in the seed file; a SKU's values override its product's.</summary>
internal sealed record SeedSpecs(
    string? Cpu, string? Gpu, int? RamGb, int? StorageGb, string? StorageType, double? ScreenInches, int? RefreshHz,
    string? Resolution, string? Panel, double? WeightKg, int? TdpW, string? Socket, int? VramGb, string? MemoryType,
    int? MemorySpeedMhz, int? Cores, string? Interface,
    [property: JsonPropertyName("extra")] Dictionary<string, string>? Extra)
{
    public static SkuSpecs Merge(SeedSpecs? product, SeedSpecs? sku)
    {
        var extra = new Dictionary<string, string>(product?.Extra ?? []);
        foreach (var (name, value) in sku?.Extra ?? [])
        {
            extra[name] = value;
        }

        return new SkuSpecs
        {
            Cpu = sku?.Cpu ?? product?.Cpu,
            Gpu = sku?.Gpu ?? product?.Gpu,
            RamGb = sku?.RamGb ?? product?.RamGb,
            StorageGb = sku?.StorageGb ?? product?.StorageGb,
            StorageType = sku?.StorageType ?? product?.StorageType,
            ScreenInches = sku?.ScreenInches ?? product?.ScreenInches,
            RefreshHz = sku?.RefreshHz ?? product?.RefreshHz,
            Resolution = sku?.Resolution ?? product?.Resolution,
            Panel = sku?.Panel ?? product?.Panel,
            WeightKg = sku?.WeightKg ?? product?.WeightKg,
            TdpW = sku?.TdpW ?? product?.TdpW,
            Socket = sku?.Socket ?? product?.Socket,
            VramGb = sku?.VramGb ?? product?.VramGb,
            MemoryType = sku?.MemoryType ?? product?.MemoryType,
            MemorySpeedMhz = sku?.MemorySpeedMhz ?? product?.MemorySpeedMhz,
            Cores = sku?.Cores ?? product?.Cores,
            Interface = sku?.Interface ?? product?.Interface,
            ExtraJson = JsonSerializer.Serialize(extra),
        };
    }
}
