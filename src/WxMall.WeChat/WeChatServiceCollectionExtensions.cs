using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WxMall.WeChat.Crypto;
using WxMall.WeChat.Http;
using WxMall.WeChat.Messages;
using WxMall.WeChat.MiniProgram;
using WxMall.WeChat.OAuth;
using WxMall.WeChat.OfficialAccount;
using WxMall.WeChat.Tokens;

namespace WxMall.WeChat;

/// <summary>Registers the WeChat clients, the token service, the message server and their defaults.</summary>
public static class WeChatServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="OfficialAccountClient"/>, <see cref="WebOAuthClient"/> and <see cref="MessageServer"/> for one
    /// official account, plus defaults the host may replace: <see cref="TimeProvider"/>, <see cref="HybridCache"/>
    /// (an <c>IDistributedCache</c> such as Redis becomes its shared layer), an in-process <see cref="IWeChatLockProvider"/>
    /// and the <see cref="WeChatQuotaLimiter"/>.
    /// </summary>
    public static IServiceCollection AddWeChatOfficialAccount(this IServiceCollection services, Action<WeChatOfficialAccountOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<WeChatOfficialAccountOptions>()
            .Configure(configure)
            .Validate(options => !string.IsNullOrEmpty(options.AppId) && !string.IsNullOrEmpty(options.AppSecret),
                "WeChat official account: set AppId and AppSecret (configuration or user-secrets).");
        AddShared(services);

        services.TryAddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<WeChatOfficialAccountOptions>>().Value;
            var timeProvider = provider.GetRequiredService<TimeProvider>();
            var invoker = CreateInvoker(provider, options.ApiBaseUrl, options.AppId, options.Http, options.Quotas);
            return new OfficialAccountClient(invoker, options, client => new WeChatTokenService(
                options.AppId,
                async (forceRefresh, cancellationToken) => ToCredential(
                    await client.GetStableAccessTokenAsync(new StableAccessTokenRequest { AppId = options.AppId, AppSecret = options.AppSecret, ForceRefresh = forceRefresh }, cancellationToken),
                    response => (response.AccessToken, response.ExpiresInSeconds), timeProvider),
                async cancellationToken => ToCredential(
                    await client.GetJsApiTicketAsync(new GetJsApiTicketRequest(), cancellationToken),
                    response => (response.Ticket, response.ExpiresInSeconds), timeProvider),
                provider.GetRequiredService<HybridCache>(),
                provider.GetRequiredService<IWeChatLockProvider>(),
                timeProvider,
                options.Tokens,
                provider.GetRequiredService<ILoggerFactory>().CreateLogger<WeChatTokenService>()));
        });

        services.TryAddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<WeChatOfficialAccountOptions>>().Value;
            return new WebOAuthClient(CreateInvoker(provider, options.ApiBaseUrl, options.AppId, options.Http, options.Quotas), options);
        });

        services.TryAddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<WeChatOfficialAccountOptions>>().Value;
            if (string.IsNullOrEmpty(options.MessageToken))
            {
                throw new InvalidOperationException("WeChat official account: set MessageToken (the Token of the message-server settings) to receive messages.");
            }

            var cryptor = string.IsNullOrEmpty(options.EncodingAesKey)
                ? null
                : MessageCryptor.Create(options.MessageToken, options.AppId, options.EncodingAesKey, options.PreviousEncodingAesKey);
            return new MessageServer(options.MessageToken, cryptor, provider.GetRequiredService<TimeProvider>());
        });

        return services;
    }

    /// <summary>Registers <see cref="MiniProgramClient"/> for one mini-program, with the same shared defaults.</summary>
    public static IServiceCollection AddWeChatMiniProgram(this IServiceCollection services, Action<WeChatMiniProgramOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<WeChatMiniProgramOptions>()
            .Configure(configure)
            .Validate(options => !string.IsNullOrEmpty(options.AppId) && !string.IsNullOrEmpty(options.AppSecret),
                "WeChat mini-program: set AppId and AppSecret (configuration or user-secrets).");
        AddShared(services);

        services.TryAddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<WeChatMiniProgramOptions>>().Value;
            var timeProvider = provider.GetRequiredService<TimeProvider>();
            var invoker = CreateInvoker(provider, options.ApiBaseUrl, options.AppId, options.Http, options.Quotas);
            return new MiniProgramClient(invoker, options, client => new WeChatTokenService(
                options.AppId,
                async (forceRefresh, cancellationToken) => ToCredential(
                    await client.GetStableAccessTokenAsync(forceRefresh, cancellationToken),
                    response => (response.AccessToken, response.ExpiresInSeconds), timeProvider),
                fetchJsApiTicket: null,
                provider.GetRequiredService<HybridCache>(),
                provider.GetRequiredService<IWeChatLockProvider>(),
                timeProvider,
                options.Tokens,
                provider.GetRequiredService<ILoggerFactory>().CreateLogger<WeChatTokenService>()));
        });

        return services;
    }

    private static void AddShared(IServiceCollection services)
    {
        services.AddLogging();
        services.AddHybridCache();
        services.AddHttpClient(WeChatApiInvoker.HttpClientName);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IWeChatLockProvider, InProcessWeChatLockProvider>();
        services.TryAddSingleton<WeChatQuotaLimiter>();
    }

    private static WeChatApiInvoker CreateInvoker(IServiceProvider provider, string baseUrl, string appId, WeChatHttpOptions http, WeChatQuotaOptions quotas)
    {
        var factory = provider.GetRequiredService<IHttpClientFactory>();
        return new WeChatApiInvoker(
            () => factory.CreateClient(WeChatApiInvoker.HttpClientName),
            baseUrl,
            appId,
            http,
            quotas,
            provider.GetRequiredService<WeChatQuotaLimiter>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILoggerFactory>().CreateLogger<WeChatApiInvoker>());
    }

    private static WeChatResult<WeChatCredential> ToCredential<T>(WeChatResult<T> result, Func<T, (string Value, int ExpiresInSeconds)> read, TimeProvider timeProvider)
        where T : class
    {
        if (!result.Succeeded)
        {
            return result.ToFailure<WeChatCredential>();
        }

        var (value, expiresIn) = read(result.Value);
        return string.IsNullOrEmpty(value) || expiresIn <= 0
            ? WeChatResult.Malformed<WeChatCredential>("WeChat answered without a token or with no lifetime.")
            : WeChatResult.Success(new WeChatCredential(value, timeProvider.GetUtcNow().AddSeconds(expiresIn)));
    }
}
