using WxMall.WeChat.Pay;
using WxMall.WeChat.Pay.Crypto;
using WxMall.WeChat.Tests.Pay.Support;

namespace WxMall.WeChat.Tests.Pay.Crypto;

public sealed class SensitiveFieldEncryptionTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_750_000_000);

    [Fact]
    public void Field_encrypted_with_the_platform_key_decrypts_with_wechat_pays_private_key_using_oaep_sha1()
    {
        var platform = TestPlatform.PublicKey;

        var ciphertext = platform.Key.EncryptSensitiveField("张三");

        Assert.Equal("张三", platform.DecryptSensitiveField(ciphertext));
        Assert.Equal(256, Convert.FromBase64String(ciphertext).Length);
    }

    [Fact]
    public void Encryption_key_is_the_public_key_when_held_otherwise_the_valid_certificate_that_expires_last()
    {
        var older = TestPlatform.WithCertificate("1A", notAfter: new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var newer = TestPlatform.Certificate;
        var notYetValid = TestPlatform.WithCertificate("2B", new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2040, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var store = new PayVerifierKeyStore([older.Key, newer.Key, notYetValid.Key]);

        Assert.Equal(newer.Serial, store.GetEncryptionKey(Now)!.Serial);
        store.Add(TestPlatform.PublicKey.Key);
        Assert.Equal(TestPlatform.PublicKeyId, store.GetEncryptionKey(Now)!.Serial);
        Assert.Null(new PayVerifierKeyStore().GetEncryptionKey(Now));
    }

    [Fact]
    public void Merchant_key_decrypts_fields_wechat_pay_encrypted_for_the_merchant()
    {
        using var merchant = WeChatPayMerchantKey.FromPem("1", PublishedPayKeys.GoTestCertificateSerial, PublishedPayKeys.GoTestPrivateKeyPem);
        var merchantCertificate = PayPlatformKey.FromCertificatePem(PublishedPayKeys.GoTestCertificatePem);

        Assert.Equal("13800138000", merchant.DecryptSensitiveField(merchantCertificate.EncryptSensitiveField("13800138000")));
    }

    [Fact]
    public void Key_store_from_options_refuses_an_api_v3_key_that_is_not_32_bytes_at_start_up()
    {
        var options = new WeChatPayOptions
        {
            MerchantId = "1900000109",
            MerchantCertificateSerial = PublishedPayKeys.GoTestCertificateSerial,
            MerchantPrivateKeyPem = PublishedPayKeys.GoTestPrivateKeyPem,
            ApiV3Key = "testMchAPIv3Key0",
        };

        var exception = Assert.Throws<ArgumentException>(() => WeChatPayKeyStore.FromOptions(options));

        Assert.Contains("16 bytes", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Key_store_from_options_holds_certificates_and_the_public_key_together()
    {
        var options = new WeChatPayOptions
        {
            MerchantId = "1900000109",
            MerchantCertificateSerial = PublishedPayKeys.GoTestCertificateSerial,
            MerchantPrivateKeyPem = PublishedPayKeys.GoTestPrivateKeyPem,
            ApiV3Key = "0123456789ABCDEF0123456789abcdef",
            PublicKeyId = TestPlatform.PublicKeyId,
            PublicKeyPem = TestPlatform.PublicKey.PublicKeyPem,
        };
        options.PlatformCertificatePems.Add(TestPlatform.Certificate.CertificatePem!);

        using var store = WeChatPayKeyStore.FromOptions(options);

        Assert.Equal(2, store.VerifierKeys.Keys.Count);
        Assert.Equal(PayPlatformKeyKind.PublicKey, store.VerifierKeys.Find(TestPlatform.PublicKeyId)!.Kind);
        Assert.Equal(PayPlatformKeyKind.PlatformCertificate, store.VerifierKeys.Find(TestPlatform.Certificate.Serial)!.Kind);
        Assert.Equal("1900000109", store.MerchantKey.MerchantId);
    }
}
