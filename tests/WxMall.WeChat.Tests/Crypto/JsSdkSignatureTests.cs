using Microsoft.Extensions.Time.Testing;
using WxMall.WeChat.Crypto;
using WxMall.WeChat.Tests.Support;

namespace WxMall.WeChat.Tests.Crypto;

public sealed class JsSdkSignatureTests
{
    private const string Vector = "jssdk_signature";

    [Fact]
    public void String_to_sign_and_signature_match_the_published_vector()
    {
        var ticket = PublishedVectors.Text(Vector, "jsapi_ticket");
        var nonce = PublishedVectors.Text(Vector, "noncestr");
        var timestamp = PublishedVectors.Text(Vector, "timestamp");
        var url = PublishedVectors.Text(Vector, "url");

        Assert.Equal(PublishedVectors.Text(Vector, "string1"), JsSdkSignature.BuildStringToSign(ticket, nonce, timestamp, url));
        Assert.Equal(PublishedVectors.Text(Vector, "signature"), JsSdkSignature.Compute(ticket, nonce, timestamp, url));
    }

    [Fact]
    public void Bare_domain_matches_the_second_official_example()
    {
        var signature = JsSdkSignature.Compute(PublishedVectors.Text(Vector, "jsapi_ticket"), "Wm3WZYTPz0wzccnW", "1414587457", "http://mp.weixin.qq.com");

        Assert.Equal("f4d90daf4b3bca3078ab155816175ba34c443a7b", signature);
    }

    [Theory]
    [InlineData("http://mp.weixin.qq.com?params=value#/cart/checkout")]
    [InlineData("http://mp.weixin.qq.com?params=value#")]
    public void Single_page_application_fragments_are_not_signed(string url)
    {
        var signature = JsSdkSignature.Compute(PublishedVectors.Text(Vector, "jsapi_ticket"), "Wm3WZYTPz0wzccnW", "1414587457", url);

        Assert.Equal(PublishedVectors.Text(Vector, "signature"), signature);
    }

    [Fact]
    public void Configuration_signs_with_the_injected_clock()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1414587457));

        var configuration = JsSdkConfiguration.Create("wx123", "ticket", "https://shop.example/#/home", clock);

        Assert.Equal(1414587457, configuration.Timestamp);
        Assert.Equal(JsSdkSignature.Compute("ticket", configuration.NonceString, "1414587457", "https://shop.example/"), configuration.Signature);
    }
}
