using System.Text.Json;
using WxMall.WeChat.MiniProgram;
using WxMall.WeChat.OfficialAccount;
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
}
