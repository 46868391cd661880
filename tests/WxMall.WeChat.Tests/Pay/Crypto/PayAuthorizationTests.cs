using System.Text;
using WxMall.WeChat.Pay.Crypto;
using WxMall.WeChat.Tests.Pay.Support;
using WxMall.WeChat.Tests.Support;

namespace WxMall.WeChat.Tests.Pay.Crypto;

public sealed class PayAuthorizationTests
{
    [Fact]
    public void Published_authorization_header_parses_and_verifies_with_the_merchant_certificate()
    {
        const string vector = "v3_rsa_sha256_sign_request_derived";
        var header = PublishedVectors.Text(vector, "authorization")
            .Replace("<signature_b64>", PublishedVectors.Text(vector, "signature_b64"), StringComparison.Ordinal);

        Assert.True(PayAuthorization.TryParse(header, out var authorization));

        Assert.Equal(new PayAuthorization("1234567890", "A1B2C3D4E5F6G7", 1624523846, "D7CE59D1F522D701", PublishedVectors.Text(vector, "signature_b64")), authorization);
        var certificate = PayPlatformKey.FromCertificatePem(PublishedPayKeys.GoTestCertificatePem);
        Assert.True(authorization!.Verify(certificate, "GET", "/v3/certificates", []));
        Assert.False(authorization.Verify(certificate, "GET", "/v3/certificates?algorithm_type=RSA", []));
        Assert.False(authorization.Verify(certificate, "POST", "/v3/certificates", Encoding.UTF8.GetBytes("{}")));
    }

    [Fact]
    public void Attribute_order_does_not_matter()
    {
        Assert.True(PayAuthorization.TryParse(
            "WECHATPAY2-SHA256-RSA2048 signature=\"c2ln\",serial_no=\"AB\",timestamp=\"1554208460\",nonce_str=\"N\",mchid=\"1900000001\"",
            out var authorization));
        Assert.Equal("1900000001", authorization!.MerchantId);
        Assert.Equal(1554208460, authorization.Timestamp);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Bearer abc")]
    [InlineData("WECHATPAY2-SHA256-RSA2048 mchid=\"1\",nonce_str=\"N\",timestamp=\"1\",serial_no=\"AB\"")]
    [InlineData("WECHATPAY2-SHA256-RSA2048 mchid=1,nonce_str=\"N\",timestamp=\"1\",serial_no=\"AB\",signature=\"x\"")]
    [InlineData("WECHATPAY2-SHA256-RSA2048 mchid=\"1\",nonce_str=\"N\",timestamp=\"soon\",serial_no=\"AB\",signature=\"x\"")]
    [InlineData("WECHATPAY2-SHA256-RSA2048 garbage")]
    public void Incomplete_or_foreign_headers_are_not_parsed(string? header)
    {
        Assert.False(PayAuthorization.TryParse(header, out var authorization));
        Assert.Null(authorization);
    }
}
