namespace WxMall.WeChat.Http;

/// <summary>Where API calls get their access token, and report one WeChat refused.</summary>
internal interface IAccessTokenSource
{
    Task<WeChatResult<Tokens.WeChatCredential>> GetAccessTokenAsync(CancellationToken cancellationToken);

    Task InvalidateAccessTokenAsync(string failingToken, CancellationToken cancellationToken);
}
