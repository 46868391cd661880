using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using WxMall.Compliance;
using WxMall.Data;

namespace WxMall.Admin.Console;

public sealed record RevealedRecipient(string Name, string Phone, string Address);

/// <summary>
/// Shows an order's recipient in full to a role that fulfils orders, and writes who looked at whose data to the audit
/// log in the same save. Everywhere else the console shows the masked form.
/// </summary>
public static class PersonalDataReveal
{
    public static async Task<RevealedRecipient?> RecipientAsync(
        MallDb db, PersonalDataProtector protector, ClaimsPrincipal staff, TimeProvider clock, string orderNumber, CancellationToken cancellationToken)
    {
        if (!StaffAccess.RevealPersonalData(staff))
        {
            return null;
        }

        var order = await db.Orders.AsNoTracking().Where(o => o.Number == orderNumber)
            .Select(o => new { o.RecipientNameCipher, o.RecipientPhoneCipher, o.RegionText, o.AddressDetailCipher })
            .FirstOrDefaultAsync(cancellationToken);
        if (order?.RecipientNameCipher is null)
        {
            return null;
        }

        AuditTrail.Record(db, staff, clock, "personal-data.reveal", $"order:{orderNumber}", "收件人姓名、电话、地址");
        await db.SaveChangesAsync(cancellationToken);
        return new RevealedRecipient(
            protector.Decrypt(order.RecipientNameCipher),
            order.RecipientPhoneCipher is null ? "" : protector.Decrypt(order.RecipientPhoneCipher),
            order.RegionText + " " + (order.AddressDetailCipher is null ? "" : protector.Decrypt(order.AddressDetailCipher)));
    }
}
