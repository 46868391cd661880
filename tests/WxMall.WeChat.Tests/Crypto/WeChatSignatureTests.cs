using WxMall.WeChat.Crypto;
using WxMall.WeChat.Tests.Support;

namespace WxMall.WeChat.Tests.Crypto;

public sealed class WeChatSignatureTests
{
    [Fact]
    public void Url_verification_signature_matches_the_derived_vector()
    {
        var signature = WeChatSignature.ComputeServerSignature(
            PublishedVectors.Text("mp_url_verify_signature", "token"),
            PublishedVectors.Text("mp_url_verify_signature", "timestamp"),
            PublishedVectors.Text("mp_url_verify_signature", "nonce"));

        Assert.Equal(PublishedVectors.Text("mp_url_verify_signature", "signature"), signature);
    }

    [Fact]
    public void Url_verification_signature_matches_the_official_document_example()
    {
        // Protocol reference section 4.1: Token AAAAA, sorted "15147114921714036504AAAAA".
        Assert.Equal("f464b24fc39322e44b38aa78f5edd27bd1441696", WeChatSignature.ComputeServerSignature("AAAAA", "1714036504", "1514711492"));
        Assert.True(WeChatSignature.VerifyServerSignature("AAAAA", "1714036504", "1514711492", "F464B24FC39322E44B38AA78F5EDD27BD1441696"));
    }

    [Fact]
    public void Message_signature_matches_the_signature_only_vector()
    {
        const string Vector = "msgcrypt_signature_only";
        var signature = WeChatSignature.ComputeMessageSignature(
            PublishedVectors.Text(Vector, "token"), PublishedVectors.Text(Vector, "timestamp"),
            PublishedVectors.Text(Vector, "nonce"), PublishedVectors.Text(Vector, "encrypt"));

        Assert.Equal(PublishedVectors.Text(Vector, "msg_signature"), signature);
    }

    [Theory]
    [InlineData("msgcrypt_tencent_sample_decrypt", "encrypt")]
    [InlineData("msgcrypt_tencent_sample_verify_url", "echostr")]
    public void Message_signature_matches_the_tencent_samples(string vector, string encryptField)
    {
        Assert.True(WeChatSignature.VerifyMessageSignature(
            PublishedVectors.Text(vector, "token"), PublishedVectors.Text(vector, "timestamp"),
            PublishedVectors.Text(vector, "nonce"), PublishedVectors.Text(vector, encryptField),
            PublishedVectors.Text(vector, "msg_signature")));
    }

    [Fact]
    public void Message_signature_matches_the_derived_vector_of_the_fixed_random_sample()
    {
        const string Vector = "msgcrypt_encrypt_fixed_random";
        var signature = WeChatSignature.ComputeMessageSignature(
            PublishedVectors.Text(Vector, "token"), PublishedVectors.Text(Vector, "derived_timestamp"),
            PublishedVectors.Text(Vector, "derived_nonce"), PublishedVectors.Text(Vector, "encrypt"));

        Assert.Equal(PublishedVectors.Text(Vector, "derived_msg_signature"), signature);
    }

    [Theory]
    [InlineData("")]
    [InlineData("76480565cbe296026c53aaacd1ad523a1ddba24")]
    [InlineData("76480565cbe296026c53aaacd1ad523a1ddba24e")]
    [InlineData("76480565cbe296026c53aaacd1ad523a1ddba24f0")]
    public void Wrong_signatures_are_refused(string signature)
    {
        Assert.False(WeChatSignature.VerifyServerSignature("pamtest", "1409304348", "xxxxxx", signature));
        Assert.False(WeChatSignature.VerifyServerSignature("pamtest", "1409304348", "xxxxxx", null));
    }

    [Theory]
    [InlineData("1409304348", 1409304348, TimestampCheck.WithinWindow)]
    [InlineData("1409304048", 1409304348, TimestampCheck.WithinWindow)]
    [InlineData("1409304047", 1409304348, TimestampCheck.OutsideWindow)]
    [InlineData("1409304649", 1409304348, TimestampCheck.OutsideWindow)]
    [InlineData("-1409304348", 1409304348, TimestampCheck.NotANumber)]
    [InlineData("14093x", 1409304348, TimestampCheck.NotANumber)]
    [InlineData("99999999999999999999999", 1409304348, TimestampCheck.NotANumber)]
    public void Timestamps_are_checked_against_a_five_minute_window(string timestamp, long now, TimestampCheck expected)
    {
        Assert.Equal(expected, SignatureTimestamp.Check(timestamp, DateTimeOffset.FromUnixTimeSeconds(now), SignatureTimestamp.DefaultWindow));
    }
}
