using WxMall.WeChat.Crypto;
using WxMall.WeChat.Http;
using WxMall.WeChat.Tokens;
using static WxMall.WeChat.Http.WeChatApiCall;

namespace WxMall.WeChat.MiniProgram;

/// <summary>
/// Typed client of the mini-program server API: login, phone number, codes and links, subscribe messages, shipping
/// upload and trade-management checks. WeChat errors come back in the <see cref="WeChatResult{T}"/>.
/// </summary>
public sealed class MiniProgramClient
{
    private readonly WeChatApiInvoker invoker;
    private readonly WeChatMiniProgramOptions options;

    internal MiniProgramClient(WeChatApiInvoker invoker, WeChatMiniProgramOptions options, Func<MiniProgramClient, WeChatTokenService> createTokens)
    {
        this.invoker = invoker;
        this.options = options;
        Tokens = createTokens(this);
        invoker.AccessTokens = Tokens;
    }

    /// <summary>The mini-program's cached access token.</summary>
    public WeChatTokenService Tokens { get; }

    /// <summary>Decrypts <c>encryptedData</c> with the user's session_key and checks the watermark names this mini-program.</summary>
    public MiniProgramDecryptResult DecryptUserData(string sessionKey, string initializationVector, string encryptedData) =>
        MiniProgramDataDecryptor.Decrypt(sessionKey, initializationVector, encryptedData, options.AppId);

    /// <summary>POST /cgi-bin/stable_token for the mini-program.</summary>
    internal Task<WeChatResult<OfficialAccount.StableAccessTokenResponse>> GetStableAccessTokenAsync(bool forceRefresh, CancellationToken cancellationToken) =>
        invoker.SendAsync<OfficialAccount.StableAccessTokenResponse>(
            Post("/cgi-bin/stable_token", new OfficialAccount.StableAccessTokenRequest { AppId = options.AppId, AppSecret = options.AppSecret, ForceRefresh = forceRefresh })
                with { RequiresAccessToken = false, Idempotent = !forceRefresh, Quota = WeChatQuota.StableAccessToken },
            cancellationToken);

    /// <summary>GET /sns/jscode2session.</summary>
    public Task<WeChatResult<CodeToSessionResponse>> CodeToSessionAsync(CodeToSessionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return invoker.SendAsync<CodeToSessionResponse>(
            Get("/sns/jscode2session", Parameter("appid", options.AppId), Parameter("secret", options.AppSecret), Parameter("js_code", request.JsCode), Parameter("grant_type", "authorization_code"))
                with { RequiresAccessToken = false, Idempotent = false },
            cancellationToken);
    }

    /// <summary>POST /wxa/business/getuserphonenumber.</summary>
    public Task<WeChatResult<GetPhoneNumberResponse>> GetPhoneNumberAsync(GetPhoneNumberRequest request, CancellationToken cancellationToken = default) =>
        invoker.SendAsync<GetPhoneNumberResponse>(Post("/wxa/business/getuserphonenumber", Required(request)), cancellationToken);

    /// <summary>POST /wxa/getwxacodeunlimit: the image bytes, or WeChat's JSON error as data.</summary>
    public async Task<WeChatResult<GetUnlimitedWxaCodeResponse>> GetUnlimitedWxaCodeAsync(GetUnlimitedWxaCodeRequest request, CancellationToken cancellationToken = default)
    {
        var result = await invoker.SendForBytesAsync(Post("/wxa/getwxacodeunlimit", Required(request)) with { Quota = WeChatQuota.UnlimitedWxaCode, Idempotent = true }, cancellationToken);
        return result.Succeeded
            ? WeChatResult.Success(new GetUnlimitedWxaCodeResponse { Image = result.Value.Content, ContentType = result.Value.ContentType })
            : result.ToFailure<GetUnlimitedWxaCodeResponse>();
    }

    /// <summary>POST /wxa/generate_urllink.</summary>
    public Task<WeChatResult<GenerateUrlLinkResponse>> GenerateUrlLinkAsync(GenerateUrlLinkRequest request, CancellationToken cancellationToken = default) =>
        invoker.SendAsync<GenerateUrlLinkResponse>(Post("/wxa/generate_urllink", Required(request)) with { Quota = WeChatQuota.SchemeAndUrlLink }, cancellationToken);

    /// <summary>POST /wxa/genwxashortlink.</summary>
    public Task<WeChatResult<GenerateShortLinkResponse>> GenerateShortLinkAsync(GenerateShortLinkRequest request, CancellationToken cancellationToken = default) =>
        invoker.SendAsync<GenerateShortLinkResponse>(Post("/wxa/genwxashortlink", Required(request)) with { Quota = WeChatQuota.ShortLink }, cancellationToken);

    /// <summary>POST /wxa/generatescheme.</summary>
    public Task<WeChatResult<GenerateSchemeResponse>> GenerateSchemeAsync(GenerateSchemeRequest request, CancellationToken cancellationToken = default) =>
        invoker.SendAsync<GenerateSchemeResponse>(Post("/wxa/generatescheme", Required(request)) with { Quota = WeChatQuota.SchemeAndUrlLink }, cancellationToken);

    /// <summary>POST /cgi-bin/message/subscribe/send.</summary>
    public Task<WeChatResult<SendSubscribeMessageResponse>> SendSubscribeMessageAsync(SendSubscribeMessageRequest request, CancellationToken cancellationToken = default) =>
        invoker.SendAsync<SendSubscribeMessageResponse>(Post("/cgi-bin/message/subscribe/send", Required(request)) with { Quota = WeChatQuota.SubscribeSend }, cancellationToken);

    /// <summary>POST /wxa/sec/order/upload_shipping_info.</summary>
    public Task<WeChatResult<UploadShippingInfoResponse>> UploadShippingInfoAsync(UploadShippingInfoRequest request, CancellationToken cancellationToken = default) =>
        invoker.SendAsync<UploadShippingInfoResponse>(Post("/wxa/sec/order/upload_shipping_info", Required(request)), cancellationToken);

    /// <summary>POST /wxa/sec/order/is_trade_managed.</summary>
    public Task<WeChatResult<IsTradeManagedResponse>> IsTradeManagedAsync(IsTradeManagedRequest request, CancellationToken cancellationToken = default) =>
        invoker.SendAsync<IsTradeManagedResponse>(Post("/wxa/sec/order/is_trade_managed", Required(request)) with { Idempotent = true }, cancellationToken);

    /// <summary>POST /wxa/sec/order/is_trade_management_confirmation_completed.</summary>
    public Task<WeChatResult<IsTradeManagementConfirmationCompletedResponse>> IsTradeManagementConfirmationCompletedAsync(IsTradeManagementConfirmationCompletedRequest request, CancellationToken cancellationToken = default) =>
        invoker.SendAsync<IsTradeManagementConfirmationCompletedResponse>(Post("/wxa/sec/order/is_trade_management_confirmation_completed", Required(request)) with { Idempotent = true }, cancellationToken);

    private static T Required<T>(T request)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        return request;
    }
}
