using System.Text;
using Microsoft.Extensions.Time.Testing;
using WxMall.WeChat.Pay.Crypto;
using WxMall.WeChat.Tests.Pay.Support;

namespace WxMall.WeChat.Tests.Pay.Crypto;

public sealed class WeChatPaySignatureVerifierTests
{
    private const long Now = 1_750_000_000;
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"prepay_id\":\"wx201410272009395522657a690389285100\"}");

    private static FakeTimeProvider ClockAt(long unixSeconds) => new(DateTimeOffset.FromUnixTimeSeconds(unixSeconds));

    private static WeChatPaySignatureVerifier Verifier(long now, params PayPlatformKey[] keys) =>
        new(new PayVerifierKeyStore(keys), ClockAt(now));

    [Fact]
    public void Published_wechatpay_go_notification_verifies_with_its_platform_certificate()
    {
        var verifier = Verifier(PublishedPayNotification.Timestamp, PayPlatformKey.FromCertificatePem(PublishedPayKeys.GoTestCertificatePem));

        var check = verifier.Verify(PublishedPayNotification.Headers(), Encoding.UTF8.GetBytes(PublishedPayNotification.Body));

        Assert.True(check.IsValid, check.Message);
        Assert.Equal(PublishedPayKeys.GoTestCertificateSerial, check.Serial);
    }

    [Fact]
    public void Certificate_serial_with_a_leading_zero_byte_matches_the_serial_wechat_pay_sends()
    {
        using var certificate = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(PublishedPayKeys.GoTestCertificatePem);

        Assert.Equal("00D7CE59D1F522D701", certificate.SerialNumber);
        Assert.NotNull(new PayVerifierKeyStore([PayPlatformKey.FromCertificate(certificate)]).Find("d7ce59d1f522d701"));
    }

    [Fact]
    public void Published_wechatpay_go_notification_verifies_with_the_same_key_as_a_public_key()
    {
        var verifier = Verifier(
            PublishedPayNotification.Timestamp,
            PayPlatformKey.FromPublicKeyPem(TestPlatform.PublicKeyId, PublishedPayKeys.GoTestPublicKeyPem));

        var check = verifier.Verify(
            PublishedPayNotification.Headers(serial: TestPlatform.PublicKeyId), Encoding.UTF8.GetBytes(PublishedPayNotification.Body));

        Assert.True(check.IsValid, check.Message);
        Assert.Equal(TestPlatform.PublicKeyId, check.Serial);
    }

    [Fact]
    public void Key_is_chosen_by_wechatpay_serial_when_certificates_and_a_public_key_are_held_together()
    {
        var certificate = TestPlatform.Certificate;
        var publicKey = TestPlatform.PublicKey;
        var verifier = Verifier(Now, certificate.Key, publicKey.Key);

        Assert.True(verifier.Verify(certificate.SignHeaders(Now, "n1", Body), Body).IsValid);
        Assert.True(verifier.Verify(publicKey.SignHeaders(Now, "n2", Body), Body).IsValid);
        var crossed = publicKey.SignHeaders(Now, "n3", Body) with { Serial = certificate.Serial };
        Assert.Equal(PayFailureReason.SignatureMismatch, verifier.Verify(crossed, Body).Failure);
    }

    [Theory]
    [InlineData(-300, true)]
    [InlineData(300, true)]
    [InlineData(301, false)]
    [InlineData(-301, false)]
    [InlineData(86_400, false)]
    public void Timestamps_more_than_five_minutes_away_are_refused(long offsetSeconds, bool accepted)
    {
        var platform = TestPlatform.Certificate;
        var verifier = Verifier(Now, platform.Key);

        var check = verifier.Verify(platform.SignHeaders(Now + offsetSeconds, "nonce", Body), Body);

        Assert.Equal(accepted, check.IsValid);
        Assert.Equal(accepted ? null : PayFailureReason.TimestampOutsideWindow, check.Failure);
    }

    [Fact]
    public void Signature_probe_is_refused_even_from_a_known_serial()
    {
        var platform = TestPlatform.Certificate;
        var headers = platform.SignHeaders(Now, "nonce", Body) with { Signature = "WECHATPAY/SIGNTEST/" + platform.Sign(Now, "nonce", Body) };

        var check = Verifier(Now, platform.Key).Verify(headers, Body);

        Assert.Equal(PayFailureReason.ProbeSignature, check.Failure);
    }

    [Fact]
    public void Each_bad_header_has_its_own_reason()
    {
        var platform = TestPlatform.Certificate;
        var verifier = Verifier(Now, platform.Key);
        var good = platform.SignHeaders(Now, "nonce", Body);

        Assert.Equal(PayFailureReason.MissingHeader, verifier.Verify(good with { Nonce = null }, Body).Failure);
        Assert.Equal(PayFailureReason.MissingHeader, verifier.Verify(good with { Serial = " " }, Body).Failure);
        Assert.Equal(PayFailureReason.MalformedTimestamp, verifier.Verify(good with { Timestamp = "17e8" }, Body).Failure);
        Assert.Equal(PayFailureReason.MalformedTimestamp, verifier.Verify(good with { Timestamp = "-5" }, Body).Failure);
        Assert.Equal(PayFailureReason.UnknownSerial, verifier.Verify(good with { Serial = "ABCDEF" }, Body).Failure);
        Assert.Equal(PayFailureReason.UnknownSerial, verifier.Verify(good with { Serial = "PUB_KEY_ID_0000" }, Body).Failure);
        Assert.Equal(PayFailureReason.MalformedSignature, verifier.Verify(good with { Signature = "%%%" }, Body).Failure);
        Assert.Equal(PayFailureReason.MalformedSignature, verifier.Verify(good with { Signature = new string('A', 2000) }, Body).Failure);
        Assert.Equal(PayFailureReason.SignatureMismatch, verifier.Verify(good with { Nonce = "other" }, Body).Failure);
        Assert.Equal(PayFailureReason.SignatureMismatch, verifier.Verify(good, [.. Body, (byte)' ']).Failure);
        Assert.Equal(PayFailureReason.SignatureMismatch, verifier.Verify(good with { Signature = "AAAA" }, Body).Failure);
    }

    [Fact]
    public void Empty_body_of_a_204_is_signed_as_an_empty_last_line()
    {
        var platform = TestPlatform.Certificate;

        var check = Verifier(Now, platform.Key).Verify(platform.SignHeaders(Now, "nonce", []), []);

        Assert.True(check.IsValid, check.Message);
    }

    [Fact]
    public void Expired_platform_certificate_is_refused()
    {
        var expired = TestPlatform.WithCertificate(
            "7A", new DateTimeOffset(2019, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero));

        var check = Verifier(Now, expired.Key).Verify(expired.SignHeaders(Now, "nonce", Body), Body);

        Assert.Equal(PayFailureReason.CertificateNotValid, check.Failure);
    }

    [Fact]
    public void Rotation_adds_and_removes_keys_by_serial_without_rebuilding_the_verifier()
    {
        var platform = TestPlatform.Certificate;
        var store = new PayVerifierKeyStore();
        var verifier = new WeChatPaySignatureVerifier(store, ClockAt(Now));
        var headers = platform.SignHeaders(Now, "nonce", Body);

        Assert.Equal(PayFailureReason.UnknownSerial, verifier.Verify(headers, Body).Failure);
        store.Add(platform.Key);
        Assert.True(verifier.Verify(headers, Body).IsValid);
        Assert.True(store.Remove(platform.Serial.ToLowerInvariant()));
        Assert.Equal(PayFailureReason.UnknownSerial, verifier.Verify(headers, Body).Failure);
    }
}
