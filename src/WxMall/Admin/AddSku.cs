using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WxMall.Catalog;
using WxMall.Data;
using WxMall.Infrastructure;
using WxMall.Inventory;

namespace WxMall.Admin;

/// <summary>A new SKU; <c>ramGb</c> and <c>storageGb</c> set what differs from the product's other SKUs (the search facets use them).</summary>
public sealed record AddSkuRequest(string? Code, string? Name, long PriceFen, long? ListPriceFen, int Stock, int? RamGb = null, int? StorageGb = null);

public sealed record AddedSkuView(string Code, string Name, long PriceFen, long ListPriceFen, int Available);

/// <summary>
/// A merchant adds a variant (another memory size, another colour) to a product that is already listed. The SKU starts
/// with the specs of the product's cheapest SKU, which are the product's own, with the memory and storage given; its
/// first stock is received through <see cref="StockService"/>. The SKU, its counters, the ledger line and the audit entry are one transaction.
/// </summary>
public static class AddSku
{
    public static async Task<Results<Created<AddedSkuView>, ValidationProblem, ProblemHttpResult>> Handle(
        string code, AddSkuRequest request, MallDb db, StockService stock, CatalogIndex index, ClaimsPrincipal user, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var skuCode = request.Code?.Trim();
        var name = request.Name?.Trim();
        var validation = new Validation()
            .CheckNewSku("", skuCode, name, request.PriceFen, request.ListPriceFen, request.Stock)
            .Require(request.RamGb is null or (>= 1 and <= 1024), "ramGb", "内存需为 1 到 1024 GB 的整数，例如 32；不填则与本商品相同")
            .Require(request.StorageGb is null or (>= 1 and <= 65536), "storageGb", "硬盘需为 1 到 65536 GB 的整数，例如 1024（1TB）；不填则与本商品相同");
        if (!validation.IsValid)
        {
            return Problems.Invalid(validation);
        }

        var product = await db.Products.Where(p => p.Code == code).Select(p => new { p.Id, p.Code }).FirstOrDefaultAsync(cancellationToken);
        if (product is null)
        {
            return Problems.NotFound($"商品 {code} 不存在");
        }

        if (await db.Skus.AnyAsync(s => s.Code == skuCode, cancellationToken))
        {
            return Problems.Invalid("code", $"规格编码 {skuCode} 已被使用，请换一个编码");
        }

        var specs = await db.Skus.AsNoTracking().Where(s => s.ProductId == product.Id).OrderBy(s => s.PriceFen).Select(s => s.Specs)
            .FirstOrDefaultAsync(cancellationToken);
        specs ??= new SkuSpecs();
        specs.RamGb = request.RamGb ?? specs.RamGb;
        specs.StorageGb = request.StorageGb ?? specs.StorageGb;
        var sku = new Sku
        {
            ProductId = product.Id, Code = skuCode!, Name = name!, PriceFen = request.PriceFen,
            ListPriceFen = request.ListPriceFen ?? request.PriceFen, Specs = specs,
        };
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Skus.Add(sku);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another operator added the same code a moment earlier: the unique index is the final word. Roll back first,
            // as PostgreSQL refuses every statement in a transaction after an error.
            await transaction.RollbackAsync(cancellationToken);
            if (!await CodeTakenAsync(db, skuCode!, cancellationToken))
            {
                throw;
            }

            return Problems.Invalid("code", $"规格编码 {skuCode} 已被使用，请换一个编码");
        }

        await stock.OpenAsync(sku.Id, request.Stock, "新规格入库", user.Identity!.Name!, cancellationToken);
        AuditTrail.Record(db, user, clock, "sku.create", $"sku:{sku.Code}",
            $"product:{product.Code}; {sku.Name}; price={sku.PriceFen}; stock={request.Stock}");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        index.Invalidate();
        return TypedResults.Created($"/api/admin/skus/{sku.Code}/stock", new AddedSkuView(sku.Code, sku.Name, sku.PriceFen, sku.ListPriceFen, request.Stock));
    }

    // Asked after the rollback, on a fresh query outside the change tracker.
    private static async Task<bool> CodeTakenAsync(MallDb db, string code, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        return await db.Skus.AsNoTracking().AnyAsync(s => s.Code == code, cancellationToken);
    }
}
