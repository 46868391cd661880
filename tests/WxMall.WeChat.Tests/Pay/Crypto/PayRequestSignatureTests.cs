using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using WxMall.WeChat.Pay.Crypto;
using WxMall.WeChat.Tests.Pay.Support;
using WxMall.WeChat.Tests.Support;

namespace WxMall.WeChat.Tests.Pay.Crypto;

public sealed class PayRequestSignatureTests
{
    private static WeChatPayMerchantKey GoKey() =>
        WeChatPayMerchantKey.FromPem("1234567890", PublishedPayKeys.GoTestCertificateSerial, PublishedPayKeys.GoTestPrivateKeyPem);

    [Fact]
    public void Published_vector_v3_rsa_sha256_sign_is_reproduced()
    {
        using var key = GoKey();

        var signature = key.SignToBase64(PublishedVectors.Text("v3_rsa_sha256_sign", "message"));

        Assert.Equal(PublishedVectors.Text("v3_rsa_sha256_sign", "signature_b64"), signature);
    }

    [Fact]
    public void Published_vector_request_message_signature_and_authorization_header_are_reproduced()
    {
        using var key = GoKey();
        var vector = "v3_rsa_sha256_sign_request_derived";

        var message = PayRequestSignature.BuildMessage("GET", "/v3/certificates", 1624523846, "A1B2C3D4E5F6G7", []);
        var authorization = PayRequestSignature.CreateAuthorization(key, "GET", "/v3/certificates", 1624523846, "A1B2C3D4E5F6G7", []);

        Assert.Equal(PublishedVectors.Text(vector, "message"), Encoding.UTF8.GetString(message));
        Assert.Equal(PublishedVectors.Text(vector, "signature_b64"), key.SignToBase64(message));
        var expected = PublishedVectors.Text(vector, "authorization")
            .Replace("<signature_b64>", PublishedVectors.Text(vector, "signature_b64"), StringComparison.Ordinal);
        Assert.Equal(expected, authorization);
    }

    [Theory]
    [InlineData("GET", "", "get_expected")]
    [InlineData("POST", "Hello World!\n", "post_expected")]
    public void Published_vector_authorization_layout_matches_wechatpay_go(string method, string body, string field)
    {
        // The Go test's mock signer returns "Sign:" + message under the scheme WECHATPAY2-Mock.
        var message = Encoding.UTF8.GetString(
            PayRequestSignature.BuildMessage(method, "/v3/certificates", 1624523846, "A1B2C3D4E5F6G7", Encoding.UTF8.GetBytes(body)));

        var header = PayRequestSignature.FormatAuthorization("1234567890", "A1B2C3D4E5F6G7", 1624523846, "0123456789ABC", "Sign:" + message);

        var expected = PublishedVectors.Text("v3_authorization_header_format", field)
            .Replace("WECHATPAY2-Mock", PayRequestSignature.AuthorizationScheme, StringComparison.Ordinal);
        Assert.Equal(expected, header);
    }

    [Fact]
    public void Request_signature_verifies_with_the_published_certificate_of_the_same_key_pair()
    {
        using var key = GoKey();
        using var certificate = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(PublishedPayKeys.GoTestCertificatePem);
        var body = Encoding.UTF8.GetBytes("{\"mchid\":\"1234567890\"}");
        var message = PayRequestSignature.BuildMessage("POST", "/v3/pay/transactions/jsapi", 1700000000, "N", body);

        var signature = Convert.FromBase64String(key.SignToBase64(message));

        using var publicKey = certificate.GetRSAPublicKey()!;
        Assert.True(publicKey.VerifyData(message, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        Assert.EndsWith("{\"mchid\":\"1234567890\"}\n", Encoding.UTF8.GetString(message), StringComparison.Ordinal);
    }

    [Fact]
    public void Private_key_is_read_from_pkcs1_pem_and_from_a_bare_base64_body()
    {
        using var rsa = RSA.Create(2048);
        using var fromPkcs1 = WeChatPayMerchantKey.FromPem("1", "AB", rsa.ExportRSAPrivateKeyPem());
        using var fromBare = WeChatPayMerchantKey.FromPem("1", "AB", Convert.ToBase64String(rsa.ExportPkcs8PrivateKey()));

        Assert.Equal(fromPkcs1.SignToBase64("x"), fromBare.SignToBase64("x"));
    }

    [Fact]
    public void Unreadable_private_key_is_refused_with_a_message_that_says_which_file_to_use()
    {
        var exception = Assert.Throws<ArgumentException>(() =>
            WeChatPayMerchantKey.FromPem("1", "AB", PublishedPayKeys.GoTestCertificatePem));

        Assert.Contains("apiclient_key.pem", exception.Message, StringComparison.Ordinal);
    }
}
