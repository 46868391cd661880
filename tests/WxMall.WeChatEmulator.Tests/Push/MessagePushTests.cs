using Microsoft.Extensions.DependencyInjection;
using WxMall.WeChat.Crypto;
using WxMall.WeChat.Messages;
using WxMall.WeChatEmulator.Push;
using WxMall.WeChatEmulator.Tests.Support;

namespace WxMall.WeChatEmulator.Tests.Push;

public sealed class MessagePushTests
{
    [Fact]
    public async Task A_text_message_is_pushed_encrypted_and_the_encrypted_passive_reply_is_shown_to_the_user()
    {
        await using var fixture = await EmulatorFixture.StartAsync(TimeProvider.System);
        var account = fixture.Options.OfficialAccount;
        var cryptor = MessageCryptor.Create(account.Token, account.AppId, account.EncodingAesKey);
        fixture.Store.MessageReply = request =>
        {
            var incoming = SafeXmlReader.Read(request.BodyText).Fields!;
            var opened = cryptor.Decrypt(request.Query["msg_signature"], request.Query["timestamp"], request.Query["nonce"], incoming["Encrypt"]);
            var fields = SafeXmlReader.Read(opened.Plaintext!).Fields!;
            var reply = PassiveReply.Text(fields["FromUserName"], fields["ToUserName"], DateTimeOffset.UtcNow, "您好，" + fields["Content"] + " 有现货");
            return cryptor.Encrypt(reply, "1714036504", "replynonce").ToReplyXml();
        };
        var user = fixture.NewUser();

        await fixture.ControlAsync($"users/{user.UserId}/messages", new { content = "RTX 4090" });

        var conversation = fixture.Emulator.Users.Conversation(user);
        Assert.Contains(conversation, entry => entry.Direction == "user" && entry.Summary == "RTX 4090");
        Assert.Contains(conversation, entry => entry.Kind == "passive_reply" && entry.Summary == "您好，RTX 4090 有现货");
        var record = fixture.Emulator.Services.GetRequiredService<MessagePusher>().Records().Single(item => item.UserId == user.UserId);
        Assert.Equal("delivered", record.Outcome);
        Assert.Single(record.Attempts);
    }

    [Fact]
    public async Task A_slow_store_gets_three_tries_and_the_user_sees_the_service_unavailable_notice()
    {
        await using var fixture = await EmulatorFixture.StartAsync(TimeProvider.System);
        fixture.Emulator.Services.GetRequiredService<MessagePusher>().Timeout = TimeSpan.FromMilliseconds(150);
        fixture.Store.MessageReply = _ =>
        {
            Thread.Sleep(600);
            return "success";
        };
        var user = fixture.NewUser();

        await fixture.ControlAsync($"users/{user.UserId}/messages", new { content = "在吗" });

        var record = fixture.Emulator.Services.GetRequiredService<MessagePusher>().Records().Single(item => item.UserId == user.UserId);
        Assert.Equal("failed", record.Outcome);
        Assert.Equal(3, record.Attempts.Count);
        Assert.Contains(fixture.Emulator.Users.Conversation(user), entry => entry.Summary == "该公众号暂时无法提供服务，请稍后再试");
        Assert.Equal(3, fixture.Store.MessagePushes.Count(request => request.Query["openid"] == user.OfficialAccountOpenId));
    }

    [Fact]
    public async Task Menu_click_and_follow_push_events()
    {
        await using var fixture = await EmulatorFixture.StartAsync(TimeProvider.System);
        var user = fixture.NewUser(follow: false);
        await fixture.ControlAsync($"users/{user.UserId}/follow");
        await fixture.ControlAsync($"users/{user.UserId}/menu", new { key = "CONTACT" });
        var kinds = fixture.Emulator.Services.GetRequiredService<MessagePusher>().Records().Where(item => item.UserId == user.UserId).Select(item => item.Kind).ToList();
        Assert.Equal(["event:subscribe", "event:CLICK"], kinds);
        Assert.True(fixture.Emulator.Users.Find(user.UserId)!.IsFollowing);
    }
}
