using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WxMall.Data;

namespace WxMall.Catalog;

public sealed record SpecRow(string Name, string Value);

public sealed record SkuView(
    string Code, string Name, IReadOnlyDictionary<string, string> Attributes, long PriceFen, long ListPriceFen,
    int Available, string StockState, IReadOnlyList<SpecRow> Specs);

public sealed record ProductView(
    string Code, string Name, string Subtitle, string Description, string Category, string CategoryName,
    string Brand, string BrandName, IReadOnlyList<string> Images, IReadOnlyList<SkuView> Skus);

public static class ProductDetails
{
    /// <summary>Below this many units the page says 仅剩 N 件 rather than 有货.</summary>
    public const int LowStockThreshold = 5;

    public static async Task<ProductView?> LoadAsync(MallDb db, string code, CancellationToken cancellationToken)
    {
        var product = await db.Products.AsNoTracking()
            .Include(p => p.Category).Include(p => p.Brand).Include(p => p.Skus)
            .FirstOrDefaultAsync(p => p.Code == code && p.OnSale, cancellationToken);
        if (product is null)
        {
            return null;
        }

        var skuIds = product.Skus.Select(s => s.Id).ToList();
        var stock = await db.Stock.AsNoTracking().Where(s => skuIds.Contains(s.SkuId))
            .ToDictionaryAsync(s => s.SkuId, s => s.Available, cancellationToken);
        var skus = product.Skus.OrderBy(s => s.PriceFen).Select(s =>
        {
            var available = stock.GetValueOrDefault(s.Id);
            return new SkuView(
                s.Code, s.Name, JsonSerializer.Deserialize<Dictionary<string, string>>(s.AttributesJson) ?? [],
                s.PriceFen, s.ListPriceFen, available, StockState(available), SpecTable(s.Specs));
        }).ToList();
        return new ProductView(product.Code, product.Name, product.Subtitle, product.Description, product.Category.Code,
            product.Category.Name, product.Brand.Code, product.Brand.Name, ProductImages.UrlsFor(product.Code), skus);
    }

    public static string StockState(int available) => available switch
    {
        <= 0 => "缺货",
        < LowStockThreshold => $"仅剩 {available} 件",
        _ => "有货",
    };

    /// <summary>The spec table in Chinese, in the order a computer shopper reads it.</summary>
    public static IReadOnlyList<SpecRow> SpecTable(SkuSpecs specs)
    {
        var rows = new List<SpecRow>();
        void Add(string name, object? value, string suffix = "")
        {
            if (value is not null && !(value is string text && string.IsNullOrWhiteSpace(text)))
            {
                rows.Add(new SpecRow(name, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) + suffix));
            }
        }

        Add("处理器", specs.Cpu);
        Add("核心数", specs.Cores, " 核");
        Add("接口/插槽", specs.Socket);
        Add("显卡", specs.Gpu);
        Add("显存", specs.VramGb, " GB");
        Add("内存", specs.RamGb, " GB");
        Add("内存类型", specs.MemoryType);
        Add("内存频率", specs.MemorySpeedMhz, " MHz");
        Add("存储容量", specs.StorageGb is { } gb ? (gb >= 1024 && gb % 1024 == 0 ? $"{gb / 1024} TB" : $"{gb} GB") : null);
        Add("存储类型", specs.StorageType);
        Add("屏幕尺寸", specs.ScreenInches, " 英寸");
        Add("分辨率", specs.Resolution);
        Add("刷新率", specs.RefreshHz, " Hz");
        Add("面板", specs.Panel);
        Add("功耗", specs.TdpW, " W");
        Add("接口", specs.Interface);
        Add("重量", specs.WeightKg, " kg");
        foreach (var (name, value) in JsonSerializer.Deserialize<Dictionary<string, string>>(specs.ExtraJson) ?? [])
        {
            Add(name, value);
        }

        return rows;
    }
}
