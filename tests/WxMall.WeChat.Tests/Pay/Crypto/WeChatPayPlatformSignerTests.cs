using System.Text;
using Microsoft.Extensions.Time.Testing;
using WxMall.WeChat.Pay.Crypto;
using WxMall.WeChat.Tests.Pay.Support;

namespace WxMall.WeChat.Tests.Pay.Crypto;

public sealed class WeChatPayPlatformSignerTests
{
    [Fact]
    public void Platform_signer_reproduces_the_published_wechatpay_go_notification_signature()
    {
        using var signer = WeChatPayPlatformSigner.FromPem(PublishedPayKeys.GoTestCertificateSerial, PublishedPayKeys.GoTestPrivateKeyPem);

        var headers = signer.Sign(PublishedPayNotification.Timestamp, PublishedPayNotification.Nonce, Encoding.UTF8.GetBytes(PublishedPayNotification.Body));

        Assert.Equal(PublishedPayNotification.Headers(), headers);
    }

    [Fact]
    public void Probe_from_the_platform_signer_is_refused_by_the_verifier()
    {
        using var signer = WeChatPayPlatformSigner.FromPem(PublishedPayKeys.GoTestCertificateSerial, PublishedPayKeys.GoTestPrivateKeyPem);
        var verifier = new WeChatPaySignatureVerifier(
            new PayVerifierKeyStore([PayPlatformKey.FromCertificatePem(PublishedPayKeys.GoTestCertificatePem)]),
            new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_750_000_000)));
        var body = Encoding.UTF8.GetBytes("{}");

        Assert.True(verifier.Verify(signer.Sign(1_750_000_000, "n", body), body).IsValid);
        Assert.Equal(PayFailureReason.ProbeSignature, verifier.Verify(signer.SignProbe(1_750_000_000, "n", body), body).Failure);
    }
}
