using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using WxMall.WeChat.Pay;
using WxMall.WeChat.Pay.Client;
using WxMall.WeChat.Pay.Crypto;

namespace WxMall.WeChat.Tests.Pay.Support;

/// <summary>
/// A client wired to a recording handler: merchant key = the published Go test key (so the Authorization
/// signature can be checked with its published certificate), WeChat Pay = a generated platform key,
/// fixed clock and nonces.
/// </summary>
internal sealed class PayClientHarness : IDisposable
{
    public const long Now = 1_750_000_000;
    public const string MerchantId = "1900000109";
    public const string AppId = "wxd678efh567hg6787";
    public const string ApiV3Key = "0123456789ABCDEF0123456789abcdef";

    private int nonceCounter;

    public PayClientHarness(
        Func<PayRecordedRequest, HttpResponseMessage>? respond = null,
        TestPlatform? platform = null,
        Action<WeChatPayOptions>? configure = null,
        string apiV3Key = ApiV3Key)
    {
        Platform = platform ?? TestPlatform.PublicKey;
        Options = new WeChatPayOptions
        {
            MerchantId = MerchantId,
            MerchantCertificateSerial = PublishedPayKeys.GoTestCertificateSerial,
            MerchantPrivateKeyPem = PublishedPayKeys.GoTestPrivateKeyPem,
            ApiV3Key = apiV3Key,
            NotifyUrl = new Uri("https://mall.example.com/pay/notify"),
            RefundNotifyUrl = new Uri("https://mall.example.com/pay/refund-notify"),
            RetryBaseDelay = TimeSpan.Zero,
        };
        Options.AppIds.Add(AppId);
        if (Platform.CertificatePem is null)
        {
            Options.PublicKeyId = Platform.Serial;
            Options.PublicKeyPem = Platform.PublicKeyPem;
        }
        else
        {
            Options.PlatformCertificatePems.Add(Platform.CertificatePem);
        }

        configure?.Invoke(Options);
        Keys = WeChatPayKeyStore.FromOptions(Options);
        Clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(Now));
        Handler = new PayRecordingHandler(respond ?? (_ => PayResponses.Signed(Platform, Now, HttpStatusCode.OK, "{}")));
        Client = new WeChatPayClient(
            new HttpClient(Handler), Options, Keys, Clock, nonceFactory: () => "NONCE" + (++nonceCounter).ToString("D27", System.Globalization.CultureInfo.InvariantCulture));
    }

    public TestPlatform Platform { get; }

    public WeChatPayOptions Options { get; }

    public WeChatPayKeyStore Keys { get; }

    public FakeTimeProvider Clock { get; }

    public PayRecordingHandler Handler { get; }

    public WeChatPayClient Client { get; }

    public PayRecordedRequest SingleRequest => Assert.Single(Handler.Requests);

    public static string ExpectedNonce(int number) => "NONCE" + number.ToString("D27", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Asserts the Authorization header is exactly what WeChat Pay expects for this request and that its
    /// signature verifies with the merchant certificate's public key.
    /// </summary>
    public static void AssertSignedAuthorization(PayRecordedRequest request, int nonceNumber)
    {
        var nonce = ExpectedNonce(nonceNumber);
        var message = PayRequestSignature.BuildMessage(request.Method, request.Uri.PathAndQuery, Now, nonce, request.Body ?? []);
        using var certificate = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(PublishedPayKeys.GoTestCertificatePem);
        using var publicKey = certificate.GetRSAPublicKey()!;
        var authorization = request.Headers["Authorization"];
        var signature = authorization[(authorization.IndexOf("signature=\"", StringComparison.Ordinal) + 11)..^1];

        Assert.Equal(
            $"WECHATPAY2-SHA256-RSA2048 mchid=\"{MerchantId}\",nonce_str=\"{nonce}\",timestamp=\"{Now}\",serial_no=\"{PublishedPayKeys.GoTestCertificateSerial}\",signature=\"{signature}\"",
            authorization);
        Assert.True(
            publicKey.VerifyData(message, Convert.FromBase64String(signature), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            "The Authorization signature does not verify over " + Encoding.UTF8.GetString(message));
    }

    public void Dispose()
    {
        Keys.Dispose();
        Handler.Dispose();
    }
}
