using System.Text.Json;
using WxMall.WeChat.MiniProgram;
using WxMall.WeChat.OfficialAccount;
using WxMall.WeChat.Pay.Transactions;
using WxMall.WeChatEmulator.Tests.Support;

namespace WxMall.WeChatEmulator.Tests.MiniProgram;

public sealed class MiniProgramTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private async Task<string> CodeAsync(string userId, string kind)
    {
        using var json = JsonDocument.Parse(await fixture.ControlAsync($"users/{userId}/miniprogram/{kind}"));
        return json.RootElement.GetProperty("code").GetString()!;
    }

    [Fact]
    public async Task Login_code_gives_the_mini_program_openid_and_the_shared_unionid_once()
    {
        var user = fixture.NewUser();
        var code = await CodeAsync(user.UserId, "login");
        var session = await fixture.MiniProgram.CodeToSessionAsync(new CodeToSessionRequest { JsCode = code });
        Assert.True(session.Succeeded, session.ToString());
        Assert.Equal(user.MiniProgramOpenId, session.Value.OpenId);
        Assert.NotEqual(user.OfficialAccountOpenId, session.Value.OpenId);
        Assert.Equal(user.UnionId, session.Value.UnionId);
        Assert.Equal(40163, (await fixture.MiniProgram.CodeToSessionAsync(new CodeToSessionRequest { JsCode = code })).ErrorCode);
        Assert.Equal(40029, (await fixture.MiniProgram.CodeToSessionAsync(new CodeToSessionRequest { JsCode = "bogus" })).ErrorCode);
    }

    [Fact]
    public async Task Phone_number_and_one_time_subscribe_messages()
    {
        var user = fixture.NewUser();
        var phone = await fixture.MiniProgram.GetPhoneNumberAsync(new GetPhoneNumberRequest { Code = await CodeAsync(user.UserId, "phone-code") });
        Assert.True(phone.Succeeded, phone.ToString());
        Assert.Equal("13800138000", phone.Value.Phone!.PurePhoneNumber);

        var message = new SendSubscribeMessageRequest
        {
            OpenId = user.MiniProgramOpenId,
            TemplateId = "ShippedTemplate01",
            Data = new Dictionary<string, TemplateDataValue> { ["thing1"] = new("您的显卡已发货") },
        };
        Assert.Equal(43101, (await fixture.MiniProgram.SendSubscribeMessageAsync(message)).ErrorCode);
        await fixture.ControlAsync($"users/{user.UserId}/subscribe-authorizations", new { templateId = "ShippedTemplate01", count = 1 });
        Assert.True((await fixture.MiniProgram.SendSubscribeMessageAsync(message)).Succeeded);
        Assert.Equal(43101, (await fixture.MiniProgram.SendSubscribeMessageAsync(message)).ErrorCode);
    }

    [Fact]
    public async Task Codes_links_and_shipping_upload_with_the_one_reship_rule()
    {
        var code = await fixture.MiniProgram.GetUnlimitedWxaCodeAsync(new GetUnlimitedWxaCodeRequest { Scene = "sku=4090", Page = "pages/product/index" });
        Assert.True(code.Succeeded, code.ToString());
        Assert.Equal(41030, (await fixture.MiniProgram.GetUnlimitedWxaCodeAsync(new GetUnlimitedWxaCodeRequest { Scene = "a", Page = "/pages/x" })).ErrorCode);
        var link = await fixture.MiniProgram.GenerateUrlLinkAsync(new GenerateUrlLinkRequest { Path = "pages/index/index", Query = "from=sms", ExpireType = 1, ExpireIntervalDays = 30 });
        Assert.StartsWith("https://wxaurl.cn/", link.Value!.UrlLink, StringComparison.Ordinal);
        Assert.True((await fixture.MiniProgram.GenerateShortLinkAsync(new GenerateShortLinkRequest { PageUrl = "pages/index/index?from=moments" })).Succeeded);

        var user = fixture.NewUser();
        var outTradeNumber = "MP" + Guid.NewGuid().ToString("N")[..16];
        var prepay = await fixture.Pay.CreateJsapiTransactionAsync(new CreateJsapiTransactionRequest
        {
            AppId = fixture.Options.MiniProgram.AppId,
            Description = "CPU",
            OutTradeNumber = outTradeNumber,
            Amount = new PrepayAmount { TotalFen = 229_900 },
            Payer = new PrepayPayer { OpenId = user.MiniProgramOpenId },
        });
        Assert.True(prepay.IsSuccess, prepay.Error?.ToString());
        var shipping = new UploadShippingInfoRequest
        {
            OrderKey = new ShippingOrderKey { OrderNumberType = 1, MerchantId = fixture.Options.Merchant.MerchantId, OutTradeNumber = outTradeNumber },
            LogisticsType = 1,
            DeliveryMode = 1,
            Shipping = [new ShippingItem { TrackingNumber = "SF1234567890", ExpressCompany = "SF", ItemDescription = "CPU*1", Contact = new ShippingContact { ReceiverContact = "138****8000" } }],
            UploadTime = DateTimeOffset.UtcNow,
            Payer = new ShippingPayer(user.MiniProgramOpenId),
        };
        Assert.Equal(10060004, (await fixture.MiniProgram.UploadShippingInfoAsync(shipping)).ErrorCode);
        await fixture.ControlAsync("pay/pay", new { reference = prepay.Value!.PrepayId });
        Assert.Equal(10060005, (await fixture.MiniProgram.UploadShippingInfoAsync(shipping with { Payer = new ShippingPayer(user.OfficialAccountOpenId) })).ErrorCode);
        Assert.True((await fixture.MiniProgram.UploadShippingInfoAsync(shipping)).Succeeded);
        Assert.True((await fixture.MiniProgram.UploadShippingInfoAsync(shipping)).Succeeded);
        Assert.Equal(10060003, (await fixture.MiniProgram.UploadShippingInfoAsync(shipping)).ErrorCode);
        Assert.True((await fixture.MiniProgram.IsTradeManagedAsync(new IsTradeManagedRequest { AppId = fixture.Options.MiniProgram.AppId })).Value!.IsTradeManaged);
    }
}
