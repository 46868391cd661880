using System.Security.Claims;
using WxMall.Data;
using WxMall.Identity;

namespace WxMall.Admin;

public static class AuditTrail
{
    /// <summary>Adds an audit line to the unit of work, so it is saved with the change it describes, or not at all.</summary>
    public static void Record(MallDb db, ClaimsPrincipal staff, TimeProvider clock, string action, string target, string detail = "") =>
        db.AuditLog.Add(new AuditEntry
        {
            At = clock.GetUtcNow(), Actor = staff.StaffName(), Action = action, Target = target,
            Detail = detail.Length > 2000 ? detail[..2000] : detail,
        });
}
