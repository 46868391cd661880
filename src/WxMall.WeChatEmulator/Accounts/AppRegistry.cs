namespace WxMall.WeChatEmulator.Accounts;

public enum AppKind
{
    OfficialAccount,
    MiniProgram,
}

/// <summary>An app WeChat knows: the official account or the mini-program.</summary>
public sealed record AppAccount(string AppId, string AppSecret, string OriginalId, AppKind Kind);

/// <summary>The apps configured in <see cref="EmulatorOptions"/>.</summary>
public sealed class AppRegistry(EmulatorOptions options)
{
    public AppAccount OfficialAccount { get; } = new(
        options.OfficialAccount.AppId, options.OfficialAccount.AppSecret, options.OfficialAccount.OriginalId, AppKind.OfficialAccount);

    public AppAccount MiniProgram { get; } = new(
        options.MiniProgram.AppId, options.MiniProgram.AppSecret, options.MiniProgram.OriginalId, AppKind.MiniProgram);

    public AppAccount? Find(string? appId) =>
        appId == OfficialAccount.AppId ? OfficialAccount : appId == MiniProgram.AppId ? MiniProgram : null;

    /// <summary>The user's openid under the given app.</summary>
    public static string OpenIdOf(EmulatedUser user, AppAccount app)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(app);
        return app.Kind == AppKind.OfficialAccount ? user.OfficialAccountOpenId : user.MiniProgramOpenId;
    }
}
