using WxMall.WeChat.Http;
using WxMall.WeChat.Tokens;
using static WxMall.WeChat.Http.WeChatApiCall;

namespace WxMall.WeChat.OfficialAccount;

/// <summary>
/// Typed client of the official-account API (api.weixin.qq.com). One method per endpoint; WeChat errors come back
/// in the <see cref="WeChatResult{T}"/>, transport faults throw. Calls that need an access token get it from
/// <see cref="Tokens"/> and retry once with a fresh one after 40001/40014/42001.
/// </summary>
public sealed class OfficialAccountClient
{
    private readonly WeChatApiInvoker invoker;
    private readonly WeChatOfficialAccountOptions options;

    internal OfficialAccountClient(WeChatApiInvoker invoker, WeChatOfficialAccountOptions options, Func<OfficialAccountClient, WeChatTokenService> createTokens)
    {
        this.invoker = invoker;
        this.options = options;
        Tokens = createTokens(this);
        invoker.AccessTokens = Tokens;
    }

    /// <summary>The account's cached access token and jsapi ticket.</summary>
    public WeChatTokenService Tokens { get; }

    /// <summary>The image URL of a QR code ticket: GET https://mp.weixin.qq.com/cgi-bin/showqrcode?ticket=… (no access token).</summary>
    public string GetQrCodeImageUrl(string ticket)
    {
        ArgumentException.ThrowIfNullOrEmpty(ticket);
        return options.MediaPlatformBaseUrl.TrimEnd('/') + "/cgi-bin/showqrcode?ticket=" + Uri.EscapeDataString(ticket);
    }

    /// <summary>POST /cgi-bin/stable_token.</summary>
    public Task<WeChatResult<StableAccessTokenResponse>> GetStableAccessTokenAsync(StableAccessTokenRequest request, CancellationToken cancellationToken = default) =>
        invoker.SendAsync<StableAccessTokenResponse>(
            WeChatApiCall.Post("/cgi-bin/stable_token", Required(request)) with { RequiresAccessToken = false, Idempotent = !request.ForceRefresh, Quota = WeChatQuota.StableAccessToken },
            cancellationToken);

    /// <summary>GET /cgi-bin/token.</summary>
    public Task<WeChatResult<AccessTokenResponse>> GetAccessTokenAsync(AccessTokenRequest request, CancellationToken cancellationToken = default) =>
        invoker.SendAsync<AccessTokenResponse>(
            WeChatApiCall.Get("/cgi-bin/token", Parameter("grant_type", "client_credential"), Parameter("appid", Required(request).AppId), Parameter("secret", request.AppSecret))
                with { RequiresAccessToken = false, Quota = WeChatQuota.AccessToken },
            cancellationToken);

    /// <summary>GET /cgi-bin/ticket/getticket.</summary>
    public Task<WeChatResult<GetJsApiTicketResponse>> GetJsApiTicketAsync(GetJsApiTicketRequest request, CancellationToken cancellationToken = default) =>
        invoker.SendAsync<GetJsApiTicketResponse>(WeChatApiCall.Get("/cgi-bin/ticket/getticket", Parameter("type", Required(request).TicketType)), cancellationToken);

    /// <summary>POST /cgi-bin/menu/create.</summary>
    public Task<WeChatResult<CreateMenuResponse>> CreateMenuAsync(CreateMenuRequest request, CancellationToken cancellationToken = default) =>
        invoker.SendAsync<CreateMenuResponse>(WeChatApiCall.Post("/cgi-bin/menu/create", Required(request)) with { Quota = WeChatQuota.MenuCreate }, cancellationToken);

    /// <summary>GET /cgi-bin/menu/get.</summary>
    public Task<WeChatResult<GetMenuResponse>> GetMenuAsync(GetMenuRequest request, CancellationToken cancellationToken = default)
    {
        Required(request);
        return invoker.SendAsync<GetMenuResponse>(WeChatApiCall.Get("/cgi-bin/menu/get") with { Quota = WeChatQuota.MenuGet }, cancellationToken);
    }

    /// <summary>POST /cgi-bin/message/template/send.</summary>
    public Task<WeChatResult<SendTemplateMessageResponse>> SendTemplateMessageAsync(SendTemplateMessageRequest request, CancellationToken cancellationToken = default) =>
        invoker.SendAsync<SendTemplateMessageResponse>(WeChatApiCall.Post("/cgi-bin/message/template/send", Required(request)) with { Quota = WeChatQuota.TemplateSend }, cancellationToken);

    /// <summary>POST /cgi-bin/message/custom/send.</summary>
    public Task<WeChatResult<SendCustomerServiceMessageResponse>> SendCustomerServiceMessageAsync(SendCustomerServiceMessageRequest request, CancellationToken cancellationToken = default) =>
        invoker.SendAsync<SendCustomerServiceMessageResponse>(WeChatApiCall.Post("/cgi-bin/message/custom/send", Required(request)) with { Quota = WeChatQuota.CustomerServiceSend }, cancellationToken);

    /// <summary>POST /cgi-bin/message/custom/typing.</summary>
    public Task<WeChatResult<SetCustomerServiceTypingResponse>> SetCustomerServiceTypingAsync(SetCustomerServiceTypingRequest request, CancellationToken cancellationToken = default) =>
        invoker.SendAsync<SetCustomerServiceTypingResponse>(WeChatApiCall.Post("/cgi-bin/message/custom/typing", Required(request)), cancellationToken);

    /// <summary>POST /cgi-bin/qrcode/create.</summary>
    public Task<WeChatResult<CreateQrCodeResponse>> CreateQrCodeAsync(CreateQrCodeRequest request, CancellationToken cancellationToken = default) =>
        invoker.SendAsync<CreateQrCodeResponse>(WeChatApiCall.Post("/cgi-bin/qrcode/create", Required(request)) with { Quota = WeChatQuota.QrCodeCreate }, cancellationToken);

    /// <summary>POST /cgi-bin/shorten/gen.</summary>
    public Task<WeChatResult<GenerateShortKeyResponse>> GenerateShortKeyAsync(GenerateShortKeyRequest request, CancellationToken cancellationToken = default) =>
        invoker.SendAsync<GenerateShortKeyResponse>(WeChatApiCall.Post("/cgi-bin/shorten/gen", Required(request)), cancellationToken);

    /// <summary>POST /cgi-bin/shorten/fetch.</summary>
    public Task<WeChatResult<FetchShortKeyResponse>> FetchShortKeyAsync(FetchShortKeyRequest request, CancellationToken cancellationToken = default) =>
        invoker.SendAsync<FetchShortKeyResponse>(WeChatApiCall.Post("/cgi-bin/shorten/fetch", Required(request)) with { Idempotent = true }, cancellationToken);

    /// <summary>GET /cgi-bin/user/info.</summary>
    public Task<WeChatResult<GetUserInfoResponse>> GetUserInfoAsync(GetUserInfoRequest request, CancellationToken cancellationToken = default) =>
        invoker.SendAsync<GetUserInfoResponse>(
            WeChatApiCall.Get("/cgi-bin/user/info", Parameter("openid", Required(request).OpenId), Parameter("lang", request.Language)) with { Quota = WeChatQuota.UserInfo },
            cancellationToken);

    /// <summary>POST /cgi-bin/user/info/batchget.</summary>
    public Task<WeChatResult<BatchGetUserInfoResponse>> BatchGetUserInfoAsync(BatchGetUserInfoRequest request, CancellationToken cancellationToken = default) =>
        invoker.SendAsync<BatchGetUserInfoResponse>(WeChatApiCall.Post("/cgi-bin/user/info/batchget", Required(request)) with { Quota = WeChatQuota.UserInfo, Idempotent = true }, cancellationToken);

    /// <summary>GET /cgi-bin/user/get.</summary>
    public Task<WeChatResult<GetFollowersResponse>> GetFollowersAsync(GetFollowersRequest request, CancellationToken cancellationToken = default) =>
        invoker.SendAsync<GetFollowersResponse>(WeChatApiCall.Get("/cgi-bin/user/get", Parameter("next_openid", Required(request).NextOpenId ?? string.Empty)) with { Quota = WeChatQuota.UserList }, cancellationToken);

    /// <summary>POST /cgi-bin/tags/create.</summary>
    public Task<WeChatResult<CreateTagResponse>> CreateTagAsync(CreateTagRequest request, CancellationToken cancellationToken = default) =>
        invoker.SendAsync<CreateTagResponse>(WeChatApiCall.Post("/cgi-bin/tags/create", Required(request)), cancellationToken);

    /// <summary>GET /cgi-bin/tags/get.</summary>
    public Task<WeChatResult<GetTagsResponse>> GetTagsAsync(GetTagsRequest request, CancellationToken cancellationToken = default)
    {
        Required(request);
        return invoker.SendAsync<GetTagsResponse>(WeChatApiCall.Get("/cgi-bin/tags/get"), cancellationToken);
    }

    /// <summary>POST /cgi-bin/tags/members/batchtagging.</summary>
    public Task<WeChatResult<TagUsersResponse>> TagUsersAsync(TagUsersRequest request, CancellationToken cancellationToken = default) =>
        invoker.SendAsync<TagUsersResponse>(WeChatApiCall.Post("/cgi-bin/tags/members/batchtagging", Required(request)) with { Idempotent = true }, cancellationToken);

    /// <summary>POST /cgi-bin/tags/members/batchuntagging.</summary>
    public Task<WeChatResult<UntagUsersResponse>> UntagUsersAsync(UntagUsersRequest request, CancellationToken cancellationToken = default) =>
        invoker.SendAsync<UntagUsersResponse>(WeChatApiCall.Post("/cgi-bin/tags/members/batchuntagging", Required(request)) with { Idempotent = true }, cancellationToken);

    private static T Required<T>(T request)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        return request;
    }
}
