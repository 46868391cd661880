using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;
using WxMall.WeChat.Pay;
using WxMall.WeChat.Pay.Client;
using WxMall.WeChat.Pay.Crypto;
using WxMall.WeChat.Pay.Notifications;
using WxMall.WeChat.Pay.Transactions;
using WxMall.WeChat.Tests.Pay.Support;

namespace WxMall.WeChat.Tests.Pay;

public sealed class WeChatPayServiceCollectionTests
{
    private static void Configure(WeChatPayOptions options)
    {
        options.MerchantId = "1900000109";
        options.AppIds.Add("wxd678efh567hg6787");
        options.MerchantCertificateSerial = PublishedPayKeys.GoTestCertificateSerial;
        options.MerchantPrivateKeyPem = PublishedPayKeys.GoTestPrivateKeyPem;
        options.ApiV3Key = NotificationFactory.ApiV3Key;
        options.PublicKeyId = TestPlatform.PublicKeyId;
        options.PublicKeyPem = TestPlatform.PublicKey.PublicKeyPem;
        options.PlatformCertificatePems.Add(TestPlatform.Certificate.CertificatePem!);
        options.BaseAddress = new Uri("http://emulator.test/");
        options.NotifyUrl = new Uri("https://mall.example.com/pay/notify");
    }

    [Fact]
    public async Task Add_wechat_pay_wires_one_key_store_shared_by_the_client_verifier_and_parser()
    {
        var handler = new PayRecordingHandler(_ => PayResponses.Signed(
            TestPlatform.PublicKey, DateTimeOffset.UtcNow.ToUnixTimeSeconds(), HttpStatusCode.OK, """{"out_trade_no":"T1","trade_state":"NOTPAY"}"""));
        var services = new ServiceCollection();
        services.AddWeChatPay(Configure);
        services.Configure<HttpClientFactoryOptions>(nameof(WeChatPayClient), options =>
            options.HttpMessageHandlerBuilderActions.Add(builder => builder.PrimaryHandler = handler));
        await using var provider = services.BuildServiceProvider();

        var keys = provider.GetRequiredService<WeChatPayKeyStore>();
        var client = provider.GetRequiredService<WeChatPayClient>();
        var result = await client.GetTransactionByIdAsync(new GetTransactionByIdRequest { TransactionId = "42" }, TestContext.Current.CancellationToken);

        Assert.Same(keys, provider.GetRequiredService<WeChatPayKeyStore>());
        Assert.Same(keys.VerifierKeys, provider.GetRequiredService<WeChatPaySignatureVerifier>().Keys);
        Assert.NotNull(provider.GetRequiredService<WeChatPayNotificationParser>());
        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.Equal("http://emulator.test/v3/pay/transactions/id/42?mchid=1900000109", Assert.Single(handler.Requests).Uri.AbsoluteUri);
        Assert.Equal(TestPlatform.PublicKeyId, handler.Requests[0].Headers["Wechatpay-Serial"]);
    }

    [Fact]
    public async Task Missing_verification_keys_fail_options_validation()
    {
        var services = new ServiceCollection();
        services.AddWeChatPay(options => options.MerchantId = "1900000109");
        await using var provider = services.BuildServiceProvider();

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<WeChatPayKeyStore>());

        Assert.Contains("public key", exception.Message, StringComparison.Ordinal);
    }
}
