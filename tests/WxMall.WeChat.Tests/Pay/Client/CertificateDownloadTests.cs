using System.Net;
using System.Text.Json;
using WxMall.WeChat.Pay.Certificates;
using WxMall.WeChat.Pay.Client;
using WxMall.WeChat.Pay.Crypto;
using WxMall.WeChat.Tests.Pay.Support;
using WxMall.WeChat.Tests.Support;

namespace WxMall.WeChat.Tests.Pay.Client;

public sealed class CertificateDownloadTests
{
    private static string Listing(string serial, string nonce, string ciphertext) =>
        JsonSerializer.Serialize(new
        {
            data = new[]
            {
                new
                {
                    effective_time = "2023-09-19T23:15:58+08:00",
                    encrypt_certificate = new { algorithm = "AEAD_AES_256_GCM", associated_data = "certificate", ciphertext, nonce },
                    expire_time = "2028-09-17T23:15:58+08:00",
                    serial_no = serial,
                },
            },
        });

    [Fact]
    public async Task Published_certificate_listing_is_downloaded_verified_and_decrypted()
    {
        const string vector = "v3_certificate_download_decrypt";
        var listing = Listing("5DEA10EF55877E3CF6C33255C2E7DEFFF7E427EC", PublishedVectors.Text(vector, "nonce"), PublishedVectors.Text(vector, "ciphertext_b64"));
        using var harness = new PayClientHarness(
            _ => PayResponses.Signed(TestPlatform.PublicKey, PayClientHarness.Now, HttpStatusCode.OK, listing),
            apiV3Key: PublishedVectors.Text(vector, "apiv3_key"));

        var result = await harness.Client.DownloadCertificatesAsync(new DownloadCertificatesRequest { AlgorithmType = "RSA" }, TestContext.Current.CancellationToken);

        var request = harness.SingleRequest;
        Assert.Equal("GET", request.Method);
        Assert.Equal("/v3/certificates?algorithm_type=RSA", request.Uri.PathAndQuery);
        PayClientHarness.AssertSignedAuthorization(request, 1);
        Assert.True(result.IsSuccess, result.Error?.Message);
        var certificate = Assert.Single(result.Value!.Certificates);
        Assert.Equal("5DEA10EF55877E3CF6C33255C2E7DEFFF7E427EC", certificate.Key.Serial);
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", certificate.CertificatePem, StringComparison.Ordinal);
        Assert.Equal(new DateTimeOffset(2028, 9, 17, 23, 15, 58, TimeSpan.FromHours(8)), certificate.ExpireTime);
    }

    [Fact]
    public async Task First_download_is_verified_with_the_certificate_it_delivers()
    {
        var rotated = TestPlatform.WithCertificate("6F2B7A40E7E5A4C3");
        using var cipher = AeadAes256GcmCipher.FromApiV3Key(PayClientHarness.ApiV3Key);
        var listing = Listing("6F2B7A40E7E5A4C3", "a1b2c3d4e5f6", cipher.Encrypt("a1b2c3d4e5f6", "certificate", rotated.CertificatePem!));
        using var harness = new PayClientHarness(_ => PayResponses.Signed(rotated, PayClientHarness.Now, HttpStatusCode.OK, listing));

        var result = await harness.Client.DownloadCertificatesAsync(new DownloadCertificatesRequest(), TestContext.Current.CancellationToken);

        Assert.Equal("/v3/certificates", harness.SingleRequest.Uri.PathAndQuery);
        Assert.True(result.IsSuccess, result.Error?.Message);
        harness.Keys.VerifierKeys.Add(Assert.Single(result.Value!.Certificates).Key);
        Assert.NotNull(harness.Keys.VerifierKeys.Find("6F2B7A40E7E5A4C3"));
    }

    [Fact]
    public async Task Listing_signed_by_a_stranger_is_untrusted_even_though_it_decrypts()
    {
        var delivered = TestPlatform.WithCertificate("0A0B");
        var stranger = TestPlatform.WithCertificate("0C0D");
        using var cipher = AeadAes256GcmCipher.FromApiV3Key(PayClientHarness.ApiV3Key);
        var listing = Listing("0A0B", "a1b2c3d4e5f6", cipher.Encrypt("a1b2c3d4e5f6", "certificate", delivered.CertificatePem!));
        using var harness = new PayClientHarness(_ => PayResponses.Signed(stranger, PayClientHarness.Now, HttpStatusCode.OK, listing));

        var result = await harness.Client.DownloadCertificatesAsync(new DownloadCertificatesRequest(), TestContext.Current.CancellationToken);

        Assert.Equal(PayErrorKind.UntrustedResponse, result.Error!.Kind);
        Assert.Equal(PayFailureReason.UnknownSerial, result.Error.VerificationFailure);
    }

    [Fact]
    public async Task Certificate_encrypted_with_another_api_v3_key_is_a_decryption_failure()
    {
        using var otherCipher = AeadAes256GcmCipher.FromApiV3Key("ffffffffffffffffffffffffffffffff");
        var listing = Listing("0A0B", "a1b2c3d4e5f6", otherCipher.Encrypt("a1b2c3d4e5f6", "certificate", TestPlatform.Certificate.CertificatePem!));
        using var harness = new PayClientHarness(_ => PayResponses.Signed(TestPlatform.PublicKey, PayClientHarness.Now, HttpStatusCode.OK, listing));

        var result = await harness.Client.DownloadCertificatesAsync(new DownloadCertificatesRequest(), TestContext.Current.CancellationToken);

        Assert.Equal(PayErrorKind.DecryptionFailed, result.Error!.Kind);
        Assert.Contains("AuthenticationFailed", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Certificate_whose_serial_differs_from_the_listing_is_refused()
    {
        using var cipher = AeadAes256GcmCipher.FromApiV3Key(PayClientHarness.ApiV3Key);
        var listing = Listing("0A0B", "a1b2c3d4e5f6", cipher.Encrypt("a1b2c3d4e5f6", "certificate", TestPlatform.Certificate.CertificatePem!));
        using var harness = new PayClientHarness(_ => PayResponses.Signed(TestPlatform.PublicKey, PayClientHarness.Now, HttpStatusCode.OK, listing));

        var result = await harness.Client.DownloadCertificatesAsync(new DownloadCertificatesRequest(), TestContext.Current.CancellationToken);

        Assert.Equal(PayErrorKind.DecryptionFailed, result.Error!.Kind);
        Assert.Contains("has serial", result.Error.Message, StringComparison.Ordinal);
    }
}
