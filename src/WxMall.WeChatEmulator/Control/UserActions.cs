using WxMall.WeChatEmulator.Accounts;
using WxMall.WeChatEmulator.OfficialAccount;
using WxMall.WeChatEmulator.Pay;
using WxMall.WeChatEmulator.Push;

namespace WxMall.WeChatEmulator.Control;

/// <summary>What a simulated user does in the WeChat client: follow, unfollow, tap the menu, scan a code.</summary>
public sealed class UserActions(UserDirectory users, MessagePusher pusher, OfficialAccountState state, PayLedger ledger, TimeProvider timeProvider)
{
    public async Task<PushRecord> FollowAsync(EmulatedUser user, OfficialAccountState.QrCode? scene)
    {
        ArgumentNullException.ThrowIfNull(user);
        users.Update(user, changed =>
        {
            changed.IsFollowing = true;
            changed.SubscribedAt = timeProvider.GetUtcNow();
            changed.SubscribeScene = scene is null ? "ADD_SCENE_SEARCH" : "ADD_SCENE_QR_CODE";
            changed.QrSceneId = (int)(scene?.SceneId ?? 0);
            changed.QrSceneText = scene?.SceneText ?? string.Empty;
        });
        users.Record(user, "user", "event", "关注了公众号");
        return await pusher.SendEventAsync(user, "subscribe", scene is null
            ? []
            : [("EventKey", "qrscene_" + scene.Scene, true), ("Ticket", scene.Ticket, true)]);
    }

    public async Task<PushRecord> UnfollowAsync(EmulatedUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        users.Update(user, changed =>
        {
            changed.IsFollowing = false;
            changed.SubscribedAt = null;
        });
        users.Record(user, "user", "event", "取消关注了公众号");
        return await pusher.SendEventAsync(user, "unsubscribe", []);
    }

    public async Task<object> TapMenuAsync(EmulatedUser user, Control.MenuTapRequest request)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(request);
        if (request.Url is { } url)
        {
            users.Record(user, "user", "event", "打开菜单链接 " + url);
            return await pusher.SendEventAsync(user, "VIEW", [("EventKey", url, true), ("MenuId", state.MenuId.ToString(System.Globalization.CultureInfo.InvariantCulture), false)]);
        }

        users.Record(user, "user", "event", "点击菜单 " + request.Key);
        return await pusher.SendEventAsync(user, "CLICK", [("EventKey", request.Key ?? string.Empty, true)]);
    }

    /// <summary>Scans a parametric QR code (follow or SCAN event) or a Native payment code_url (answers what to pay).</summary>
    public async Task<object> ScanAsync(EmulatedUser user, string code)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (code.StartsWith("weixin://wxpay/", StringComparison.Ordinal))
        {
            var order = ledger.Find(code);
            if (order is null || order.State != "NOTPAY" || order.ExpiresAt <= timeProvider.GetUtcNow())
            {
                return new { kind = "payment", ok = false, message = "二维码已过期，请刷新后重试" };
            }

            return new { kind = "payment", ok = true, reference = code, order.Description, order.TotalFen };
        }

        var qrCode = state.FindQrCode(code);
        if (qrCode is null)
        {
            return new { kind = "unknown", ok = false, message = "无法识别的二维码" };
        }

        if (!user.IsFollowing)
        {
            return await FollowAsync(user, qrCode);
        }

        users.Record(user, "user", "event", "扫描了带参数二维码");
        return await pusher.SendEventAsync(user, "SCAN", [("EventKey", qrCode.Scene, true), ("Ticket", qrCode.Ticket, true)]);
    }
}
