using System.Net.Http.Json;
using System.Text.Json;
using WxMall.WeChat.OfficialAccount;
using WxMall.WeChatEmulator.Tests.Support;

namespace WxMall.WeChatEmulator.Tests.OfficialAccount;

public sealed class AccessTokenTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private StableAccessTokenRequest Stable(bool force = false) => new()
    {
        AppId = fixture.Options.OfficialAccount.AppId,
        AppSecret = fixture.Options.OfficialAccount.AppSecret,
        ForceRefresh = force,
    };

    [Fact]
    public async Task Stable_token_is_the_same_until_force_refresh_which_voids_the_old_one()
    {
        var first = await fixture.OfficialAccount.GetStableAccessTokenAsync(Stable());
        var second = await fixture.OfficialAccount.GetStableAccessTokenAsync(Stable());
        Assert.True(first.Succeeded);
        Assert.Equal(first.Value.AccessToken, second.Value!.AccessToken);
        Assert.InRange(second.Value.ExpiresInSeconds, 300, 7200);

        var forced = await fixture.OfficialAccount.GetStableAccessTokenAsync(Stable(force: true));
        Assert.NotEqual(first.Value.AccessToken, forced.Value!.AccessToken);
        Assert.Equal(40001, await ErrorCodeAsync("cgi-bin/menu/get?access_token=" + first.Value.AccessToken));
        Assert.Equal(46003, await ErrorCodeAsync("cgi-bin/menu/get?access_token=" + forced.Value.AccessToken));

        // A second force refresh within 30 s is not honoured.
        var tooSoon = await fixture.OfficialAccount.GetStableAccessTokenAsync(Stable(force: true));
        Assert.Equal(forced.Value.AccessToken, tooSoon.Value!.AccessToken);
    }

    [Fact]
    public async Task Plain_token_keeps_the_previous_one_valid_and_wrong_credentials_get_real_errcodes()
    {
        var app = fixture.Options.OfficialAccount;
        var first = await fixture.OfficialAccount.GetAccessTokenAsync(new AccessTokenRequest { AppId = app.AppId, AppSecret = app.AppSecret });
        var second = await fixture.OfficialAccount.GetAccessTokenAsync(new AccessTokenRequest { AppId = app.AppId, AppSecret = app.AppSecret });
        Assert.NotEqual(first.Value!.AccessToken, second.Value!.AccessToken);
        Assert.Equal(46003, await ErrorCodeAsync("cgi-bin/menu/get?access_token=" + first.Value.AccessToken));

        var wrongSecret = await fixture.OfficialAccount.GetAccessTokenAsync(new AccessTokenRequest { AppId = app.AppId, AppSecret = "0000" });
        Assert.Equal(40125, wrongSecret.ErrorCode);
        var wrongApp = await fixture.OfficialAccount.GetAccessTokenAsync(new AccessTokenRequest { AppId = "wx0000000000000000", AppSecret = "0000" });
        Assert.Equal(40013, wrongApp.ErrorCode);
        Assert.Equal(41001, await ErrorCodeAsync("cgi-bin/menu/get"));
        Assert.Equal(40001, await ErrorCodeAsync("cgi-bin/menu/get?access_token=nonsense"));
    }

    [Fact]
    public async Task Expired_tokens_answer_42001_and_bad_bodies_answer_47001()
    {
        var app = fixture.Options.OfficialAccount;
        var token = await fixture.OfficialAccount.GetAccessTokenAsync(new AccessTokenRequest { AppId = app.AppId, AppSecret = app.AppSecret });
        await fixture.ControlAsync("tokens/expire", new { appId = app.AppId });
        Assert.Equal(42001, await ErrorCodeAsync("cgi-bin/menu/get?access_token=" + token.Value!.AccessToken));

        using var notJson = await fixture.Http.PostAsync("cgi-bin/stable_token", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(200, (int)notJson.StatusCode);
        Assert.Equal(47001, ReadErrorCode(await notJson.Content.ReadAsStringAsync()));
        using var nullForce = await fixture.Http.PostAsJsonAsync("cgi-bin/stable_token", new { grant_type = "client_credential", appid = app.AppId, secret = app.AppSecret, force_refresh = (bool?)null });
        Assert.Equal(47001, ReadErrorCode(await nullForce.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task A_mini_program_token_cannot_call_official_account_apis()
    {
        var app = fixture.Options.MiniProgram;
        using var response = await fixture.Http.PostAsJsonAsync("cgi-bin/stable_token", new { grant_type = "client_credential", appid = app.AppId, secret = app.AppSecret });
        using var token = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(48001, await ErrorCodeAsync("cgi-bin/menu/get?access_token=" + token.RootElement.GetProperty("access_token").GetString()));
    }

    [Fact]
    public async Task Daily_quota_answers_45009()
    {
        var app = fixture.Options.MiniProgram;
        using (await fixture.Http.PutAsJsonAsync("emulator/quotas/token", new { limit = 1 }))
        {
        }

        Assert.Null(await ErrorCodeOrNullAsync($"cgi-bin/token?grant_type=client_credential&appid={app.AppId}&secret={app.AppSecret}"));
        Assert.Equal(45009, await ErrorCodeAsync($"cgi-bin/token?grant_type=client_credential&appid={app.AppId}&secret={app.AppSecret}"));
        using (await fixture.Http.PutAsJsonAsync("emulator/quotas/token", new { limit = 2000 }))
        {
        }
    }

    private async Task<int> ErrorCodeAsync(string path) => await ErrorCodeOrNullAsync(path) ?? 0;

    private async Task<int?> ErrorCodeOrNullAsync(string path)
    {
        using var response = await fixture.Http.GetAsync(path);
        Assert.Equal(200, (int)response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text);
        return document.RootElement.TryGetProperty("errcode", out var code) ? code.GetInt32() : null;
    }

    private static int ReadErrorCode(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("errcode").GetInt32();
    }
}
