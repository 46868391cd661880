using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WxMall.WeChat.Pay.Client;
using WxMall.WeChat.Pay.Crypto;
using WxMall.WeChat.Pay.Notifications;

namespace WxMall.WeChat.Pay;

/// <summary>Registers the WeChat Pay API v3 client, key store, verifier and notification parser.</summary>
public static class WeChatPayServiceCollectionExtensions
{
    /// <summary>
    /// Adds WeChat Pay. Keys are parsed once, when the key store is first resolved, and shared by every call.
    /// Registers: <see cref="WeChatPayKeyStore"/>, <see cref="WeChatPaySignatureVerifier"/>,
    /// <see cref="WeChatPayNotificationParser"/> (singletons) and a typed <see cref="WeChatPayClient"/>.
    /// </summary>
    public static IServiceCollection AddWeChatPay(this IServiceCollection services, Action<WeChatPayOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<WeChatPayOptions>()
            .Configure(configure)
            .Validate(options => !string.IsNullOrWhiteSpace(options.MerchantId), "WeChatPayOptions.MerchantId is required.")
            .Validate(
                options => options.PlatformCertificatePems.Count > 0 || !string.IsNullOrWhiteSpace(options.PublicKeyPem),
                "WeChat Pay needs a platform certificate or a WeChat Pay public key (PublicKeyId + PublicKeyPem) to verify responses.");
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(provider => WeChatPayKeyStore.FromOptions(provider.GetRequiredService<IOptions<WeChatPayOptions>>().Value));
        services.TryAddSingleton(provider => new WeChatPaySignatureVerifier(
            provider.GetRequiredService<WeChatPayKeyStore>().VerifierKeys,
            provider.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(provider => new WeChatPayNotificationParser(
            provider.GetRequiredService<WeChatPaySignatureVerifier>(),
            provider.GetRequiredService<WeChatPayKeyStore>().ResourceCipher,
            provider.GetRequiredService<IOptions<WeChatPayOptions>>().Value.MaximumNotificationBytes));

        // Retries live in the client (only 5xx / SYSTEM_ERROR, re-signed per attempt), so no resilience handler here.
        services.AddHttpClient(nameof(WeChatPayClient)).AddTypedClient((httpClient, provider) => new WeChatPayClient(
            httpClient,
            provider.GetRequiredService<IOptions<WeChatPayOptions>>().Value,
            provider.GetRequiredService<WeChatPayKeyStore>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetService<ILogger<WeChatPayClient>>()));
        return services;
    }
}
