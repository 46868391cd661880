using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using WxMall.Data;

namespace WxMall.Catalog;

/// <summary>A searchable, in-memory snapshot of the products on sale. Stock is not part of it: it is read live.</summary>
public sealed record CatalogSnapshot(IReadOnlyList<IndexedProduct> Products, IReadOnlyList<Category> Categories, IReadOnlyList<Brand> Brands)
{
    public static readonly CatalogSnapshot Empty = new([], [], []);
}

public sealed record IndexedProduct(
    int Id, string Code, string Name, string Subtitle, string CategoryCode, string CategoryName, string BrandCode,
    string BrandName, string Keywords, bool Featured, DateTimeOffset CreatedAt, IReadOnlyList<IndexedSku> Skus)
{
    /// <summary>The name as search text, for ranking matches in the name above matches elsewhere.</summary>
    public string NameText { get; } = ChineseQuery.Normalise(Name);

    public long MinPriceFen => Skus.Min(s => s.PriceFen);
}

public sealed record IndexedSku(
    int Id, string Code, string Name, long PriceFen, long ListPriceFen, SkuSpecs Specs, string SearchText, string? GpuChip);

/// <summary>
/// Holds the snapshot and rebuilds it after an admin change (<see cref="Invalidate"/>) or, so that other
/// instances' changes show up, when it is older than <see cref="MaxAge"/>.
/// </summary>
public sealed partial class CatalogIndex(IServiceScopeFactory scopes, TimeProvider clock) : IDisposable
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);
    private readonly SemaphoreSlim rebuildLock = new(1, 1);
    private volatile Holder? current;

    public void Invalidate() => current = null;

    public void Dispose() => rebuildLock.Dispose();

    public async ValueTask<CatalogSnapshot> GetAsync(CancellationToken cancellationToken = default)
    {
        var holder = current;
        if (holder is not null && clock.GetUtcNow() - holder.BuiltAt < MaxAge)
        {
            return holder.Snapshot;
        }

        await rebuildLock.WaitAsync(cancellationToken);
        try
        {
            holder = current;
            if (holder is not null && clock.GetUtcNow() - holder.BuiltAt < MaxAge)
            {
                return holder.Snapshot;
            }

            var snapshot = await BuildAsync(cancellationToken);
            current = new Holder(snapshot, clock.GetUtcNow());
            return snapshot;
        }
        finally
        {
            rebuildLock.Release();
        }
    }

    private async Task<CatalogSnapshot> BuildAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MallDb>();
        var categories = await db.Categories.AsNoTracking().OrderBy(c => c.Sort).ToListAsync(cancellationToken);
        var brands = await db.Brands.AsNoTracking().OrderBy(b => b.Code).ToListAsync(cancellationToken);
        var products = await db.Products.AsNoTracking()
            .Where(p => p.OnSale)
            .Include(p => p.Skus).Include(p => p.Category).Include(p => p.Brand)
            .AsSplitQuery()
            .ToListAsync(cancellationToken);

        var indexed = products
            .Where(p => p.Skus.Count > 0)
            .OrderBy(p => p.Id)
            .Select(p => new IndexedProduct(
                p.Id, p.Code, p.Name, p.Subtitle, p.Category.Code, p.Category.Name, p.Brand.Code, p.Brand.Name,
                p.Keywords, p.Featured, p.CreatedAt,
                p.Skus.OrderBy(s => s.PriceFen).Select(s => new IndexedSku(
                    s.Id, s.Code, s.Name, s.PriceFen, s.ListPriceFen, s.Specs, SearchTextOf(p, s), GpuChipOf(s.Specs.Gpu))).ToList()))
            .ToList();
        return new CatalogSnapshot(indexed, categories, brands);
    }

    /// <summary>
    /// Everything a shopper might type about a SKU, normalised, plus derived words (4k, 2k, 32g, 1t, 27寸)
    /// so a query token can match by plain substring.
    /// </summary>
    internal static string SearchTextOf(Product product, Sku sku)
    {
        var specs = sku.Specs;
        var text = new StringBuilder();
        void Add(string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                text.Append(' ').Append(value);
            }
        }

        Add(product.Name);
        Add(product.Subtitle);
        Add(product.Keywords);
        Add(product.Brand.Name);
        Add(product.Brand.EnglishName);
        Add(product.Category.Name);
        Add(sku.Name);
        Add(specs.Cpu);
        Add(specs.Gpu);

        // Shoppers write model numbers with or without spaces: "rtx4070 super", "RTX 4070".
        Add(specs.Cpu?.Replace(" ", "", StringComparison.Ordinal));
        Add(specs.Gpu?.Replace(" ", "", StringComparison.Ordinal));
        Add(specs.StorageType);
        Add(specs.Panel);
        Add(specs.Socket);
        Add(specs.MemoryType);
        Add(specs.Interface);
        if (specs.RamGb is { } ram)
        {
            Add($"{ram}g {ram}gb");
        }

        if (specs.VramGb is { } vram)
        {
            Add($"{vram}g显存");
        }

        if (specs.StorageGb is { } storage)
        {
            Add(storage >= 1024 && storage % 1024 == 0 ? $"{storage / 1024}t {storage / 1024}tb" : $"{storage}g {storage}gb");
        }

        if (specs.ScreenInches is { } inches)
        {
            var size = inches.ToString("0.#", CultureInfo.InvariantCulture);
            Add($"{size}英寸 {size}寸 {size}吋");
        }

        if (specs.RefreshHz is { } hz)
        {
            Add($"{hz}hz");
        }

        Add(ResolutionWords(specs.Resolution));
        if (specs.TdpW is { } tdp)
        {
            Add($"{tdp}w");
        }

        return ChineseQuery.Normalise(text.ToString());
    }

    private static string? ResolutionWords(string? resolution) => resolution?.Replace('×', 'x') switch
    {
        null => null,
        var r when r.StartsWith("3840x", StringComparison.Ordinal) || r.StartsWith("3456x", StringComparison.Ordinal) => r + " 4k uhd 超高清",
        var r when r.StartsWith("2560x", StringComparison.Ordinal) || r.StartsWith("2880x", StringComparison.Ordinal) || r.StartsWith("3024x", StringComparison.Ordinal) => r + " 2k 2.5k qhd",
        var r when r.StartsWith("3440x", StringComparison.Ordinal) => r + " 2k 带鱼屏 准4k",
        var r when r.StartsWith("1920x", StringComparison.Ordinal) => r + " 1080p fhd 全高清",
        var r => r,
    };

    /// <summary>"NVIDIA GeForce RTX 4060 Ti 8GB" → "RTX 4060 Ti".</summary>
    internal static string? GpuChipOf(string? gpu)
    {
        if (gpu is null)
        {
            return null;
        }

        var match = GpuChipPattern().Match(gpu);
        return match.Success ? Regex.Replace(match.Value.Trim(), @"\s+", " ") : null;
    }

    [GeneratedRegex(@"\b(RTX|GTX|RX|Arc)\s?[A-Z]?\d{3,4}[A-Z]?(\s(Ti\sSuper|Ti|Super|XTX|XT|GRE))?", RegexOptions.IgnoreCase)]
    private static partial Regex GpuChipPattern();

    private sealed record Holder(CatalogSnapshot Snapshot, DateTimeOffset BuiltAt);
}
