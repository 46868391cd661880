using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using WxMall.WeChat.Http;
using WxMall.WeChat.OfficialAccount;
using WxMall.WeChatEmulator.Tests.Support;

namespace WxMall.WeChatEmulator.Tests.OfficialAccount;

public sealed class OfficialAccountApiTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task Menu_round_trips_and_broken_button_rules_get_their_errcodes()
    {
        var menu = new CreateMenuRequest
        {
            Buttons =
            [
                new MenuButton { Type = "view", Name = "商城", Url = "http://localhost:5000/" },
                new MenuButton
                {
                    Name = "服务",
                    SubButtons =
                    [
                        new MenuButton { Type = "click", Name = "联系客服", Key = "CONTACT" },
                        new MenuButton { Type = "miniprogram", Name = "小程序", Url = "http://localhost:5000/", MiniProgramAppId = fixture.Options.MiniProgram.AppId, PagePath = "pages/index" },
                    ],
                },
            ],
        };
        var created = await fixture.OfficialAccount.CreateMenuAsync(menu);
        Assert.True(created.Succeeded, created.ToString());
        var read = await fixture.OfficialAccount.GetMenuAsync(new GetMenuRequest());
        Assert.True(read.Succeeded, read.ToString());
        Assert.Equal("CONTACT", read.Value.Menu!.Buttons[1].SubButtons![0].Key);

        var tooMany = await fixture.OfficialAccount.CreateMenuAsync(new CreateMenuRequest
        {
            Buttons = [.. Enumerable.Range(0, 4).Select(index => new MenuButton { Type = "click", Name = "按钮" + index, Key = "K" + index })],
        });
        Assert.Equal(40016, tooMany.ErrorCode);
        var longName = await fixture.OfficialAccount.CreateMenuAsync(new CreateMenuRequest { Buttons = [new MenuButton { Type = "click", Name = "一二三四五六七八九十", Key = "K" }] });
        Assert.Equal(40018, longName.ErrorCode);
        var foreignApp = await fixture.OfficialAccount.CreateMenuAsync(new CreateMenuRequest
        {
            Buttons = [new MenuButton { Type = "miniprogram", Name = "小程序", Url = "http://a/", MiniProgramAppId = "wx0000000000000000", PagePath = "p" }],
        });
        Assert.Equal(85005, foreignApp.ErrorCode);
    }

    [Fact]
    public async Task Template_message_reaches_the_user_and_the_job_finished_event_is_pushed_signed_and_encrypted()
    {
        var user = fixture.NewUser();
        var sent = await fixture.OfficialAccount.SendTemplateMessageAsync(new SendTemplateMessageRequest
        {
            OpenId = user.OfficialAccountOpenId,
            TemplateId = "PaySuccessTemplate01",
            Data = new Dictionary<string, TemplateDataValue> { ["amount1"] = new("¥6999.00"), ["thing2"] = new("游戏本") },
        });
        Assert.True(sent.Succeeded, sent.ToString());
        Assert.Contains(fixture.Emulator.Users.Conversation(user), entry => entry.Kind == "template" && entry.Summary.Contains("游戏本", StringComparison.Ordinal));

        var push = await StoreReceiver.WaitForAsync(() => fixture.Store.MessagePushes.FirstOrDefault(request => request.Query["openid"] == user.OfficialAccountOpenId));
        var token = fixture.Options.OfficialAccount.Token;
        Assert.Equal(Sha1Sorted(token, push.Query["timestamp"], push.Query["nonce"]), push.Query["signature"]);
        var encrypt = System.Xml.Linq.XDocument.Parse(push.BodyText).Root!.Element("Encrypt")!.Value;
        Assert.Equal(Sha1Sorted(token, push.Query["timestamp"], push.Query["nonce"], encrypt), push.Query["msg_signature"]);
        var plaintext = DecryptIndependently(fixture.Options.OfficialAccount.EncodingAesKey, encrypt, fixture.Options.OfficialAccount.AppId);
        Assert.Contains("<Event><![CDATA[TEMPLATESENDJOBFINISH]]></Event>", plaintext, StringComparison.Ordinal);
        Assert.Contains($"<MsgID>{sent.Value.MessageId}</MsgID>", plaintext, StringComparison.Ordinal);

        var notFollowing = fixture.NewUser(follow: false);
        var refused = await fixture.OfficialAccount.SendTemplateMessageAsync(new SendTemplateMessageRequest
        {
            OpenId = notFollowing.OfficialAccountOpenId,
            TemplateId = "PaySuccessTemplate01",
            Data = new Dictionary<string, TemplateDataValue> { ["thing2"] = new("游戏本") },
        });
        Assert.Equal(43004, refused.ErrorCode);
    }

    [Fact]
    public async Task Customer_service_message_needs_the_48_hour_window()
    {
        var user = fixture.NewUser();
        var message = new SendCustomerServiceMessageRequest { OpenId = user.OfficialAccountOpenId, MessageType = "text", Text = new("您好，有什么可以帮您？") };
        var outside = await fixture.OfficialAccount.SendCustomerServiceMessageAsync(message);
        Assert.Equal(45015, outside.ErrorCode);

        await fixture.ControlAsync($"users/{user.UserId}/messages", new { content = "有货吗" });
        for (var index = 0; index < 5; index++)
        {
            var inside = await fixture.OfficialAccount.SendCustomerServiceMessageAsync(message);
            Assert.True(inside.Succeeded, inside.ToString());
        }

        Assert.Equal(45047, (await fixture.OfficialAccount.SendCustomerServiceMessageAsync(message)).ErrorCode);
        Assert.Equal(40003, (await fixture.OfficialAccount.SendCustomerServiceMessageAsync(message with { OpenId = "oNobody" })).ErrorCode);
    }

    [Fact]
    public async Task Qr_codes_short_keys_users_and_tags()
    {
        var qr = await fixture.OfficialAccount.CreateQrCodeAsync(new CreateQrCodeRequest
        {
            ActionName = "QR_STR_SCENE",
            ExpireSeconds = 600,
            ActionInfo = new QrCodeActionInfo(new QrCodeScene { SceneText = "store-42" }),
        });
        Assert.True(qr.Succeeded, qr.ToString());
        Assert.Equal(600, qr.Value.ExpireSeconds);
        using var image = await fixture.Http.GetAsync(new Uri(fixture.OfficialAccount.GetQrCodeImageUrl(qr.Value.Ticket)));
        Assert.Equal("image/png", image.Content.Headers.ContentType!.MediaType);
        Assert.Equal(0x89, (await image.Content.ReadAsByteArrayAsync())[0]);
        using var unknown = await fixture.Http.GetAsync("cgi-bin/showqrcode?ticket=nope");
        Assert.Equal(404, (int)unknown.StatusCode);

        var stranger = fixture.NewUser(follow: false);
        await fixture.ControlAsync($"users/{stranger.UserId}/scan", new { code = qr.Value.Url });
        var info = await fixture.OfficialAccount.GetUserInfoAsync(new GetUserInfoRequest { OpenId = stranger.OfficialAccountOpenId });
        Assert.True(info.Succeeded, info.ToString());
        Assert.Equal(1, info.Value.Subscribed);
        Assert.Equal("ADD_SCENE_QR_CODE", info.Value.SubscribeScene);
        Assert.Equal("store-42", info.Value.QrSceneText);
        Assert.Equal(stranger.UnionId, info.Value.UnionId);

        var key = await fixture.OfficialAccount.GenerateShortKeyAsync(new GenerateShortKeyRequest { LongData = "campaign=double11" });
        Assert.Equal(15, key.Value!.ShortKey.Length);
        var fetched = await fixture.OfficialAccount.FetchShortKeyAsync(new FetchShortKeyRequest { ShortKey = key.Value.ShortKey });
        Assert.Equal("campaign=double11", fetched.Value!.LongData);
        Assert.Equal(9410012, (await fixture.OfficialAccount.FetchShortKeyAsync(new FetchShortKeyRequest { ShortKey = "missing" })).ErrorCode);

        var tag = await fixture.OfficialAccount.CreateTagAsync(new CreateTagRequest { Tag = new UserTag { Name = "装机玩家" } });
        Assert.True(tag.Succeeded, tag.ToString());
        Assert.Equal(45157, (await fixture.OfficialAccount.CreateTagAsync(new CreateTagRequest { Tag = new UserTag { Name = "装机玩家" } })).ErrorCode);
        var tagged = await fixture.OfficialAccount.TagUsersAsync(new TagUsersRequest { OpenIds = [stranger.OfficialAccountOpenId], TagId = tag.Value.Tag!.Id!.Value });
        Assert.True(tagged.Succeeded, tagged.ToString());
        var again = await fixture.OfficialAccount.GetUserInfoAsync(new GetUserInfoRequest { OpenId = stranger.OfficialAccountOpenId });
        Assert.Contains(tag.Value.Tag.Id!.Value, again.Value!.TagIds!);
    }

    [Fact]
    public async Task Jsapi_ticket_is_stable()
    {
        var first = await fixture.OfficialAccount.GetJsApiTicketAsync(new GetJsApiTicketRequest());
        var second = await fixture.OfficialAccount.GetJsApiTicketAsync(new GetJsApiTicketRequest());
        Assert.True(first.Succeeded, first.ToString());
        Assert.Equal(first.Value.Ticket, second.Value!.Ticket);
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5350:Do Not Use Weak Cryptographic Algorithms", Justification = "The WeChat message-server signature is SHA-1.")]
    internal static string Sha1Sorted(params string[] parts)
    {
        Array.Sort(parts, StringComparer.Ordinal);
        return Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(string.Concat(parts))));
    }

    // Plain .NET AES-256-CBC, independent of the library: random(16) + length(4, big-endian) + xml + appid, 32-byte padding.
    internal static string DecryptIndependently(string encodingAesKey, string encrypt, string appId)
    {
        var key = Convert.FromBase64String(encodingAesKey + "=");
        using var aes = Aes.Create();
        aes.Key = key;
        var plain = aes.DecryptCbc(Convert.FromBase64String(encrypt), key[..16], PaddingMode.None);
        var content = plain[..^plain[^1]];
        var length = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(content.AsSpan(16));
        Assert.Equal(appId, Encoding.UTF8.GetString(content.AsSpan(20 + length)));
        return Encoding.UTF8.GetString(content, 20, length);
    }
}
