namespace WxMall.WeChatEmulator.Control;

public sealed record CreateUserRequest(string? Nickname, int Sex = 0, bool Follow = false, string? PhoneNumber = null);

public sealed record SendTextRequest(string Content);

public sealed record MenuTapRequest(string? Key, string? Url);

public sealed record ScanRequest(string Code);

public sealed record SubscribeAuthorizationRequest(string TemplateId, int Count = 1);

public sealed record PayRequest(string Reference, string? User);

public sealed record SignatureFaultsRequest(int ClockSkewSeconds = 0, bool SignTest = false, bool Forge = false);

public sealed record QuotaRequest(int Limit);

public sealed record ExpireTokensRequest(string AppId);
