using Microsoft.EntityFrameworkCore;
using WxMall.Data;

namespace WxMall.Cart;

public static class CartStore
{
    public static async Task<ShoppingCart> LoadOrCreateAsync(MallDb db, string ownerKey, TimeProvider clock, CancellationToken cancellationToken)
    {
        var cart = await db.Carts.Include(c => c.Lines).FirstOrDefaultAsync(c => c.OwnerKey == ownerKey, cancellationToken);
        if (cart is null)
        {
            cart = new ShoppingCart { OwnerKey = ownerKey, UpdatedAt = clock.GetUtcNow() };
            db.Carts.Add(cart);
        }

        return cart;
    }

    /// <summary>On login the device's anonymous cart moves into the member's cart; quantities of the same SKU add up.</summary>
    public static async Task MergeDeviceCartAsync(MallDb db, string deviceId, long memberId, TimeProvider clock, CancellationToken cancellationToken)
    {
        var deviceCart = await db.Carts.Include(c => c.Lines)
            .FirstOrDefaultAsync(c => c.OwnerKey == ShoppingCart.ForDevice(deviceId), cancellationToken);
        if (deviceCart is null || deviceCart.Lines.Count == 0)
        {
            return;
        }

        var memberCart = await LoadOrCreateAsync(db, ShoppingCart.ForMember(memberId), clock, cancellationToken);
        memberCart.MergeFrom(deviceCart, clock.GetUtcNow());
        db.Carts.Remove(deviceCart);
        await db.SaveChangesAsync(cancellationToken);
    }
}
