using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WxMall.WeChat.Crypto;
using WxMall.WeChat.MiniProgram;
using WxMall.WeChat.OfficialAccount;
using WxMall.WeChat.Pay.Transactions;
using WxMall.WeChatEmulator.Tests.Support;

namespace WxMall.WeChatEmulator.Tests.Phone;

public sealed class PhoneTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task The_phone_page_and_the_js_sdk_script_are_served()
    {
        var page = await fixture.Http.GetStringAsync("/");
        Assert.Contains("微信模拟器", page, StringComparison.Ordinal);
        var script = await fixture.Http.GetStringAsync("open/js/jweixin-1.6.0.js");
        Assert.Contains("getBrandWCPayRequest", script, StringComparison.Ordinal);
        Assert.Contains("chooseWXPay", script, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_phone_has_a_mini_program_shell_whose_web_view_the_js_sdk_recognises()
    {
        var page = await fixture.Http.GetStringAsync("/");
        Assert.Contains(">小程序</button>", page, StringComparison.Ordinal);
        Assert.Contains("<iframe id=\"miniframe\" name=\"wxemu-miniprogram\">", page, StringComparison.Ordinal);
        Assert.Contains("class=\"capsule\"", page, StringComparison.Ordinal);
        Assert.Contains("app.startUrl", page, StringComparison.Ordinal);
        Assert.Contains("'/miniprogram/login'", page, StringComparison.Ordinal);
        Assert.Contains("data.type === 'wxemu-miniprogram'", page, StringComparison.Ordinal);

        using var accounts = JsonDocument.Parse(await fixture.Http.GetStringAsync("emulator/accounts"));
        var miniProgram = accounts.RootElement.GetProperty("miniProgram");
        Assert.Equal("http://localhost:5000/", miniProgram.GetProperty("startUrl").GetString());
        Assert.Equal(fixture.Options.MiniProgram.Name, miniProgram.GetProperty("name").GetString());

        using var response = await fixture.Http.GetAsync("open/js/jweixin-1.6.0.js");
        Assert.Equal("application/javascript", response.Content.Headers.ContentType!.MediaType);
        var script = await response.Content.ReadAsStringAsync();
        Assert.Contains("window.name === 'wxemu-miniprogram'", script, StringComparison.Ordinal);
        Assert.Contains("window.__wxjs_environment = 'miniprogram'", script, StringComparison.Ordinal);
        Assert.Contains("getEnv: function (callback) { callback && callback({ miniprogram: inMiniProgram }); }", script, StringComparison.Ordinal);
        foreach (var method in new[] { "navigateTo", "navigateBack", "postMessage" })
        {
            Assert.Contains($"{method}: miniProgramCall('{method}')", script, StringComparison.Ordinal);
        }

        Assert.Contains("type: 'wxemu-miniprogram'", script, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_shell_login_code_is_accepted_by_jscode2session()
    {
        var user = fixture.NewUser();
        using var response = await fixture.Http.PostAsync($"emulator/users/{user.UserId}/miniprogram/login", null);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var session = await fixture.MiniProgram.CodeToSessionAsync(new CodeToSessionRequest { JsCode = json.RootElement.GetProperty("code").GetString()! });
        Assert.True(session.Succeeded, session.ToString());
        Assert.Equal(user.MiniProgramOpenId, session.Value.OpenId);
        Assert.Equal(user.UnionId, session.Value.UnionId);
    }

    [Fact]
    public async Task Js_sdk_config_checks_the_signature_against_the_live_ticket()
    {
        var ticket = await fixture.OfficialAccount.GetJsApiTicketAsync(new GetJsApiTicketRequest());
        var url = "http://localhost:5000/checkout?id=1";
        var signature = JsSdkSignature.Compute(ticket.Value!.Ticket, "Wm3WZYTPz0wzccnW", "1414587457", url);
        Assert.Equal("config:ok", await ConfigAsync(signature, url));
        Assert.Equal("config:invalid signature", await ConfigAsync(signature, url + "&changed=1"));
    }

    [Fact]
    public async Task Payment_sheet_pays_only_with_a_valid_pay_sign()
    {
        var user = fixture.NewUser();
        var prepay = await fixture.Pay.CreateJsapiTransactionAsync(new CreateJsapiTransactionRequest
        {
            Description = "机械键盘",
            OutTradeNumber = "KB" + Guid.NewGuid().ToString("N")[..16],
            Amount = new PrepayAmount { TotalFen = 39_900 },
            Payer = new PrepayPayer { OpenId = user.OfficialAccountOpenId },
        });
        var parameters = fixture.Pay.CreateClientPaymentParameters(prepay.Value!.PrepayId);
        var body = new { appId = parameters.AppId, timeStamp = parameters.TimeStamp, nonceStr = parameters.NonceString, package = parameters.Package, signType = "RSA", paySign = parameters.PaySign, user = user.UserId };

        Assert.Equal("get_brand_wcpay_request:fail", await PayAsync(body with { paySign = Convert.ToBase64String(new byte[256]) }));
        Assert.Equal("get_brand_wcpay_request:ok", await PayAsync(body));
        var order = fixture.Emulator.Services.GetRequiredService<WxMall.WeChatEmulator.Pay.PayLedger>().Find(prepay.Value.PrepayId)!;
        Assert.Equal("SUCCESS", order.State);
    }

    [Fact]
    public async Task H5_prepay_checks_the_scene_and_its_h5_url_opens_the_payment_page()
    {
        var request = new CreateH5TransactionRequest
        {
            Description = "鼠标",
            OutTradeNumber = "MS" + Guid.NewGuid().ToString("N")[..16],
            Amount = new PrepayAmount { TotalFen = 19_900 },
            SceneInfo = new PrepaySceneInfo { PayerClientIp = "127.0.0.1", H5Info = new PrepayH5Info { Type = "Wap" } },
        };
        var h5 = await fixture.Pay.CreateH5TransactionAsync(request);
        Assert.True(h5.IsSuccess, h5.Error?.ToString());
        var page = await fixture.Http.GetStringAsync(new Uri(h5.Value!.H5Url + "&redirect_url=" + Uri.EscapeDataString("http://localhost:5000/done")));
        Assert.Contains("￥199.00", page, StringComparison.Ordinal);

        var withoutScene = await fixture.Pay.CreateH5TransactionAsync(request with { OutTradeNumber = "MS" + Guid.NewGuid().ToString("N")[..16], SceneInfo = new PrepaySceneInfo { PayerClientIp = "127.0.0.1" } });
        Assert.Equal("PARAM_ERROR", withoutScene.Error!.Code);
    }

    private async Task<string> ConfigAsync(string signature, string url)
    {
        using var response = await fixture.Http.PostAsJsonAsync("emulator/jssdk/config", new { appId = fixture.Options.OfficialAccount.AppId, timestamp = "1414587457", nonceStr = "Wm3WZYTPz0wzccnW", signature, url });
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("errMsg").GetString()!;
    }

    private async Task<string> PayAsync(object body)
    {
        using var response = await fixture.Http.PostAsJsonAsync("emulator/jssdk/pay", body);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("errMsg").GetString()!;
    }
}
