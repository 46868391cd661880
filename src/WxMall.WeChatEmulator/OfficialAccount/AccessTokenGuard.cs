using Microsoft.AspNetCore.Http;
using WxMall.WeChatEmulator.Accounts;
using WxMall.WeChatEmulator.Hosting;

namespace WxMall.WeChatEmulator.OfficialAccount;

/// <summary>Checks <c>?access_token=</c> like WeChat: missing 41001, unknown or replaced 40001, expired 42001.</summary>
public sealed class AccessTokenGuard(AccessTokenIssuer issuer, AppRegistry apps)
{
    internal bool TryAuthorize(HttpContext context, out AppAccount app, out IResult? error)
    {
        app = apps.OfficialAccount;
        var value = context.Request.Query["access_token"].ToString();
        if (string.IsNullOrEmpty(value))
        {
            error = WeChatReply.MissingAccessToken();
            return false;
        }

        var check = issuer.Check(value, out var appId);
        error = check switch
        {
            TokenCheck.Valid => null,
            TokenCheck.Expired => WeChatReply.ExpiredAccessToken(),
            _ => WeChatReply.InvalidCredential(),
        };
        if (error is not null || apps.Find(appId) is not { } found)
        {
            error ??= WeChatReply.InvalidCredential();
            return false;
        }

        app = found;
        return true;
    }
}
