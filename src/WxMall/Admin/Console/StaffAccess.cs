using System.Security.Claims;

namespace WxMall.Admin.Console;

/// <summary>What each staff role may open in the console; the API policies in AuthModule stay the authority.</summary>
public static class StaffAccess
{
    public static string Role(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.Role) ?? "";

    public static bool Catalog(ClaimsPrincipal user) => Role(user) is StaffRoles.Admin or StaffRoles.Operator;

    public static bool Orders(ClaimsPrincipal user) => Role(user) is StaffRoles.Admin or StaffRoles.Operator or StaffRoles.Agent;

    /// <summary>Refunds, returns and reconciliation (the FinanceStaff policy).</summary>
    public static bool Finance(ClaimsPrincipal user) => Role(user) is StaffRoles.Admin or StaffRoles.Finance;

    /// <summary>The agent workspace (the customer-service policy).</summary>
    public static bool CustomerService(ClaimsPrincipal user) => Role(user) is StaffRoles.Admin or StaffRoles.Agent;

    /// <summary>The official account's menu and auto-reply rules (the catalog policy: administrators and operators).</summary>
    public static bool OfficialAccount(ClaimsPrincipal user) => Catalog(user);

    public static bool AdminOnly(ClaimsPrincipal user) => Role(user) is StaffRoles.Admin;

    /// <summary>Full names, phones and addresses: only roles that fulfil orders, and every view is audit-logged.</summary>
    public static bool RevealPersonalData(ClaimsPrincipal user) => Role(user) is StaffRoles.Admin or StaffRoles.Operator;

    public static string RoleName(string role) => role switch
    {
        StaffRoles.Admin => "管理员",
        StaffRoles.Operator => "运营",
        StaffRoles.Agent => "客服",
        StaffRoles.Finance => "财务",
        _ => role,
    };
}
