using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using WxMall.WeChat.Pay.Crypto;
using WxMall.WeChat.Tests.Pay.Support;
using WxMall.WeChat.Tests.Support;

namespace WxMall.WeChat.Tests.Pay.Crypto;

public sealed class AeadAes256GcmCipherTests
{
    [Fact]
    public void Published_vector_v3_aead_aes_256_gcm_short_decrypts_and_encrypts()
    {
        const string vector = "v3_aead_aes_256_gcm_short";
        using var cipher = AeadAes256GcmCipher.FromApiV3Key(PublishedVectors.Text(vector, "apiv3_key"));

        var decryption = cipher.Decrypt(
            PublishedVectors.Text(vector, "nonce"), PublishedVectors.Text(vector, "associated_data"), PublishedVectors.Text(vector, "ciphertext_b64"));
        var ciphertext = cipher.Encrypt(
            PublishedVectors.Text(vector, "nonce"), PublishedVectors.Text(vector, "associated_data"), PublishedVectors.Text(vector, "plaintext"));

        Assert.True(decryption.IsSuccess, decryption.Message);
        Assert.Equal(PublishedVectors.Text(vector, "plaintext"), decryption.PlaintextText);
        Assert.Equal(PublishedVectors.Text(vector, "ciphertext_b64"), ciphertext);
    }

    [Fact]
    public void Protocol_reference_vector_for_a_transaction_resource_round_trips()
    {
        // wechat-protocol.md §10.7, computed there.
        using var cipher = AeadAes256GcmCipher.FromApiV3Key("0123456789ABCDEF0123456789abcdef");
        const string plaintext = "{\"mchid\":\"1900000109\",\"out_trade_no\":\"T1\",\"trade_state\":\"SUCCESS\"}";
        const string ciphertext = "e5UmOmsfaipu0hIpNmunTrKVVfqZwQEgz+5FNCWjdMRqeWCi8kCclWKoMcwitXe+0J2CcKRHkprneurHiAahyERwwrfaIgOXt3U59Sj8Oq17WA==";

        Assert.Equal(plaintext, cipher.Decrypt("fdasflkja484", "transaction", ciphertext).PlaintextText);
        Assert.Equal(ciphertext, cipher.Encrypt("fdasflkja484", "transaction", plaintext));
    }

    [Fact]
    public void Published_vector_v3_certificate_download_decrypt_yields_the_expected_certificate()
    {
        const string vector = "v3_certificate_download_decrypt";
        using var cipher = AeadAes256GcmCipher.FromApiV3Key(PublishedVectors.Text(vector, "apiv3_key"));

        var decryption = cipher.Decrypt(new EncryptedResource
        {
            Algorithm = "AEAD_AES_256_GCM",
            Nonce = PublishedVectors.Text(vector, "nonce"),
            AssociatedData = PublishedVectors.Text(vector, "associated_data"),
            Ciphertext = PublishedVectors.Text(vector, "ciphertext_b64"),
        });

        Assert.True(decryption.IsSuccess, decryption.Message);
        using var certificate = X509Certificate2.CreateFromPem(decryption.PlaintextText);
        Assert.Equal("5DEA10EF55877E3CF6C33255C2E7DEFFF7E427EC", certificate.SerialNumber);
        Assert.Equal(DateTimeOffset.Parse(PublishedVectors.Text(vector, "effective_time"), System.Globalization.CultureInfo.InvariantCulture).UtcDateTime, certificate.NotBefore.ToUniversalTime());
        Assert.Equal(DateTimeOffset.Parse(PublishedVectors.Text(vector, "expire_time"), System.Globalization.CultureInfo.InvariantCulture).UtcDateTime, certificate.NotAfter.ToUniversalTime());
        Assert.Equal("5DEA10EF55877E3CF6C33255C2E7DEFFF7E427EC", PayPlatformKey.FromCertificatePem(decryption.PlaintextText).Serial);
    }

    [Fact]
    public void Published_vector_v3_aead_aes_128_caution_is_refused_as_a_wrong_key_length()
    {
        const string vector = "v3_aead_aes_128_caution";
        var key = PublishedVectors.Text(vector, "key");
        var nonce = PublishedVectors.Text(vector, "nonce");
        var associatedData = PublishedVectors.Text(vector, "associated_data");
        var ciphertext = Convert.FromBase64String(PublishedVectors.Text(vector, "ciphertext_b64"));
        using var cipher = AeadAes256GcmCipher.FromApiV3Key(key);

        var decryption = cipher.Decrypt(nonce, associatedData, PublishedVectors.Text(vector, "ciphertext_b64"));

        Assert.Equal(PayFailureReason.WrongKeyLength, decryption.Failure);
        Assert.Contains("16 bytes", decryption.Message, StringComparison.Ordinal);
        // The vector itself is genuine AES-128-GCM, which is what a lenient decoder would silently accept.
        using var aes128 = new AesGcm(Encoding.UTF8.GetBytes(key), 16);
        var plaintext = new byte[ciphertext.Length - 16];
        aes128.Decrypt(Encoding.UTF8.GetBytes(nonce), ciphertext[..^16], ciphertext[^16..], plaintext, Encoding.UTF8.GetBytes(associatedData));
        Assert.Equal(PublishedVectors.Text(vector, "plaintext"), Encoding.UTF8.GetString(plaintext));
    }

    [Fact]
    public void Published_wechatpay_go_notification_resource_is_refused_because_its_key_is_16_bytes()
    {
        using var cipher = AeadAes256GcmCipher.FromApiV3Key(PublishedPayNotification.ApiV3KeyOf16Bytes);

        var decryption = cipher.Decrypt("Kj7QIyUiYx1q", "payscore", "AAAAAAAAAAAAAAAAAAAAAA==");

        Assert.Equal(PayFailureReason.WrongKeyLength, decryption.Failure);
    }

    [Fact]
    public void Encrypting_with_a_key_that_is_not_32_bytes_throws()
    {
        using var cipher = AeadAes256GcmCipher.FromApiV3Key("testAPIv3Key0000");

        Assert.Throws<ArgumentException>(() => cipher.Encrypt("wCq51qZv4Yfg", "a", "b"));
    }

    public static TheoryData<string, string, string, PayFailureReason> BadInputs => new()
    {
        { "fdasflkja484", "transaction", "not base64!", PayFailureReason.MalformedCiphertext },
        { "fdasflkja484", "transaction", "AAAA", PayFailureReason.MalformedCiphertext },
        { "short", "transaction", "AAAAAAAAAAAAAAAAAAAAAA==", PayFailureReason.MalformedNonce },
        { "fdasflkja484", "transaction", "AAAAAAAAAAAAAAAAAAAAAAAA", PayFailureReason.AuthenticationFailed },
        { "fdasflkja484", "refund", "e5UmOmsfaipu0hIpNmunTrKVVfqZwQEgz+5FNCWjdMRqeWCi8kCclWKoMcwitXe+0J2CcKRHkprneurHiAahyERwwrfaIgOXt3U59Sj8Oq17WA==", PayFailureReason.AuthenticationFailed },
        { "fdasflkja484", "transaction", "f5UmOmsfaipu0hIpNmunTrKVVfqZwQEgz+5FNCWjdMRqeWCi8kCclWKoMcwitXe+0J2CcKRHkprneurHiAahyERwwrfaIgOXt3U59Sj8Oq17WA==", PayFailureReason.AuthenticationFailed },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Bad_input_is_a_typed_failure(string nonce, string associatedData, string ciphertext, PayFailureReason expected)
    {
        using var cipher = AeadAes256GcmCipher.FromApiV3Key("0123456789ABCDEF0123456789abcdef");

        var decryption = cipher.Decrypt(nonce, associatedData, ciphertext);

        Assert.False(decryption.IsSuccess);
        Assert.Equal(expected, decryption.Failure);
        Assert.True(decryption.Plaintext.IsEmpty);
    }

    [Fact]
    public void Other_algorithms_are_refused()
    {
        using var cipher = AeadAes256GcmCipher.FromApiV3Key("0123456789ABCDEF0123456789abcdef");

        var decryption = cipher.Decrypt(new EncryptedResource { Algorithm = "AEAD_SM4_GCM", Nonce = "fdasflkja484", Ciphertext = "AAAA" });

        Assert.Equal(PayFailureReason.UnsupportedAlgorithm, decryption.Failure);
    }

    [Fact]
    public void Concurrent_decryptions_share_the_pooled_ciphers_safely()
    {
        using var cipher = AeadAes256GcmCipher.FromApiV3Key("0123456789ABCDEF0123456789abcdef");
        var ciphertexts = Enumerable.Range(0, 64)
            .Select(index => (Index: index, Ciphertext: cipher.Encrypt("fdasflkja484", "transaction", "plaintext " + index)))
            .ToArray();

        var results = ciphertexts.AsParallel().Select(item => (item.Index, Text: cipher.Decrypt("fdasflkja484", "transaction", item.Ciphertext).PlaintextText)).ToArray();

        Assert.All(results, result => Assert.Equal("plaintext " + result.Index, result.Text));
    }
}
