using System.Net;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using WxMall.WeChatEmulator.Pay;

namespace WxMall.WeChatEmulator.Phone;

/// <summary>The page behind an H5 <c>h5_url</c> (wx.tenpay.com checkmweb in real life): confirm or cancel, then back to redirect_url.</summary>
internal static class H5PayPage
{
    public static void MapH5Pay(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/h5pay/checkmweb", (string? prepay_id, string? redirect_url, PayLedger ledger) =>
        {
            var order = ledger.Find(prepay_id);
            if (order is null)
            {
                return Results.Content("<!DOCTYPE html><meta charset=\"utf-8\"><p>商家参数格式有误，请联系商家解决</p>", "text/html; charset=utf-8");
            }

            var back = JavaScriptEncoder.Default.Encode(redirect_url ?? string.Empty);
            var reference = JavaScriptEncoder.Default.Encode(order.PrepayId);
            var amount = (order.TotalFen / 100m).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
            return Results.Content($$"""
                <!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>微信支付</title></head>
                <body style="font-family:sans-serif;text-align:center;padding:24px;background:#ededed">
                <h3>微信支付（模拟器）</h3><p>{{WebUtility.HtmlEncode(order.Description)}}</p><p style="font-size:28px">￥{{amount}}</p>
                <select id="user"></select>
                <p><button id="pay" style="width:100%;padding:12px;background:#07c160;color:#fff;border:0;border-radius:6px">确认支付</button></p>
                <p><button id="cancel" style="width:100%;padding:12px;border:0;border-radius:6px">取消</button></p>
                <script>
                fetch('/emulator/users').then(function (r) { return r.json(); }).then(function (users) {
                  document.getElementById('user').innerHTML = users.map(function (u) { return '<option value="' + u.userId + '">' + u.nickname + '</option>'; }).join('');
                });
                function back() { var url = '{{back}}'; if (url) { location.href = url; } }
                document.getElementById('pay').onclick = function () {
                  fetch('/emulator/pay/pay', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ reference: '{{reference}}', user: document.getElementById('user').value }) })
                    .then(function (r) { return r.json(); }).then(function (r) { alert(r.message); back(); });
                };
                document.getElementById('cancel').onclick = back;
                </script></body></html>
                """, "text/html; charset=utf-8");
        });
    }
}
