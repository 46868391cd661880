using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using WxMall.WeChatEmulator.Accounts;

namespace WxMall.WeChatEmulator.OAuth;

/// <summary>The pages of open.weixin.qq.com/connect/oauth2/authorize: error, user picker, consent (Simplified Chinese).</summary>
internal static class AuthorizePage
{
    public static IResult Error(int code, string message) => Html("出错了", $"""
        <div class="card"><h2>Oops! Something went wrong:(</h2><p>{code}</p><p>{Encode(message)}</p></div>
        """);

    public static IResult PickUser(IReadOnlyList<EmulatedUser> users, HttpRequest request)
    {
        var items = new StringBuilder();
        foreach (var user in users)
        {
            items.Append("<li><a class=\"button\" href=\"").Append(Encode(WithUser(request, user.UserId))).Append("\">")
                .Append(Encode(user.Nickname)).Append("</a></li>");
        }

        return Html("选择微信用户", $"""
            <div class="card"><h2>模拟器：请选择以哪位微信用户的身份打开</h2><ul>{items}</ul>
            <p class="hint">真实微信里不会出现此页面；可在链接中加上 <code>emulator_user=用户ID</code> 跳过。</p></div>
            """);
    }

    public static IResult Consent(string accountName, EmulatedUser user, string allowUrl, string denyUrl) => Html("微信授权", $"""
        <div class="card"><h2>{Encode(accountName)}</h2>
        <p>申请获得以下权限：</p><p><b>获得你的公开信息（昵称、头像等）</b></p>
        <p class="hint">当前用户：{Encode(user.Nickname)}</p>
        <a class="button primary" id="allow" href="{Encode(allowUrl)}">允许</a>
        <a class="button" id="deny" href="{Encode(denyUrl)}">拒绝</a></div>
        """);

    public static string WithUser(HttpRequest request, string userId)
    {
        var query = request.Query.Where(pair => pair.Key != "emulator_user")
            .Select(pair => Uri.EscapeDataString(pair.Key) + "=" + Uri.EscapeDataString(pair.Value.ToString()))
            .Append("emulator_user=" + Uri.EscapeDataString(userId));
        return request.Path + "?" + string.Join('&', query);
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static IResult Html(string title, string body) => Results.Content($$"""
        <!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{title}}</title><style>
        body{font-family:-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;background:#ededed;margin:0;padding:24px}
        .card{background:#fff;border-radius:8px;padding:24px;max-width:420px;margin:auto;text-align:center}
        .button{display:block;margin:12px 0;padding:12px;border-radius:6px;background:#f2f2f2;color:#07c160;text-decoration:none}
        .primary{background:#07c160;color:#fff} .hint{color:#888;font-size:13px} ul{list-style:none;padding:0}
        </style></head><body>{{body}}</body></html>
        """, "text/html; charset=utf-8");
}
