using System.Security.Cryptography;
using System.Text;
using WxMall.WeChat.Crypto;
using WxMall.WeChat.Tests.Support;

namespace WxMall.WeChat.Tests.Crypto;

public sealed class MessageCryptorTests
{
    private const string TencentSample = "msgcrypt_tencent_sample_decrypt";
    private const string FixedRandom = "msgcrypt_encrypt_fixed_random";
    private const string OtherKey = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFG";

    private static MessageCryptor TencentSampleCryptor(string? previousKey = null, string? currentKey = null) =>
        MessageCryptor.Create(
            PublishedVectors.Text(TencentSample, "token"),
            PublishedVectors.Text(TencentSample, "appid"),
            currentKey ?? PublishedVectors.Text(TencentSample, "encoding_aes_key"),
            previousKey);

    private static MessageDecryptResult DecryptTencentSample(MessageCryptor cryptor, string? encrypt = null, string? signature = null)
    {
        var timestamp = PublishedVectors.Text(TencentSample, "timestamp");
        var nonce = PublishedVectors.Text(TencentSample, "nonce");
        encrypt ??= PublishedVectors.Text(TencentSample, "encrypt");
        signature ??= encrypt == PublishedVectors.Text(TencentSample, "encrypt")
            ? PublishedVectors.Text(TencentSample, "msg_signature")
            : WeChatSignature.ComputeMessageSignature(PublishedVectors.Text(TencentSample, "token"), timestamp, nonce, encrypt);
        return cryptor.Decrypt(signature, timestamp, nonce, encrypt);
    }

    [Fact]
    public void Tencent_sample_decrypts_to_the_published_plaintext()
    {
        var result = DecryptTencentSample(TencentSampleCryptor());

        Assert.True(result.Succeeded, result.Failure.ToString());
        Assert.Equal(PublishedVectors.Text(TencentSample, "plaintext"), result.Plaintext);
        Assert.Equal(MessageKeyGeneration.Current, result.KeyGeneration);
    }

    [Fact]
    public void Tencent_sample_is_reproduced_byte_for_byte_with_its_random_prefix()
    {
        var cryptor = TencentSampleCryptor();
        var randomPrefix = Encoding.ASCII.GetBytes(PublishedVectors.Text(TencentSample, "decrypted_random_prefix"));

        var encrypted = cryptor.Encrypt(PublishedVectors.Text(TencentSample, "plaintext"),
            PublishedVectors.Text(TencentSample, "timestamp"), PublishedVectors.Text(TencentSample, "nonce"), randomPrefix);

        Assert.Equal(PublishedVectors.Text(TencentSample, "encrypt"), encrypted.Encrypt);
        Assert.Equal(PublishedVectors.Text(TencentSample, "msg_signature"), encrypted.MessageSignature);
        var plaintextLength = 16 + 4 + Encoding.UTF8.GetByteCount(PublishedVectors.Text(TencentSample, "plaintext")) + PublishedVectors.Text(TencentSample, "appid").Length;
        Assert.Equal(PublishedVectors.Get(TencentSample).GetProperty("pkcs7_pad_bytes").GetInt32(), 32 - (plaintextLength % 32));
    }

    [Fact]
    public void Encrypted_echostr_of_the_verify_url_sample_decrypts()
    {
        const string Vector = "msgcrypt_tencent_sample_verify_url";
        var cryptor = MessageCryptor.Create(PublishedVectors.Text(Vector, "token"), PublishedVectors.Text(Vector, "receive_id"), PublishedVectors.Text(Vector, "encoding_aes_key"));

        var result = cryptor.Decrypt(PublishedVectors.Text(Vector, "msg_signature"), PublishedVectors.Text(Vector, "timestamp"),
            PublishedVectors.Text(Vector, "nonce"), PublishedVectors.Text(Vector, "echostr"));

        Assert.True(result.Succeeded, result.Failure.ToString());
        Assert.Equal(PublishedVectors.Text(Vector, "decrypted_echostr"), result.Plaintext);
    }

    [Fact]
    public void EncodingAesKey_decodes_to_the_published_key_bytes_despite_non_zero_trailing_bits()
    {
        var key = EncodingAesKey.Parse(PublishedVectors.Text(FixedRandom, "encoding_aes_key"));

        Assert.Equal(PublishedVectors.Text(FixedRandom, "aes_key_hex"), Convert.ToHexStringLower(key.ToArray()));
    }

    [Theory]
    [InlineData("plaintext", "encrypt")]
    [InlineData("plaintext2", "encrypt2")]
    public void WxJava_samples_encrypt_to_the_published_ciphertext_and_back(string plaintextField, string encryptField)
    {
        var cryptor = MessageCryptor.Create(PublishedVectors.Text(FixedRandom, "token"), PublishedVectors.Text(FixedRandom, "appid"), PublishedVectors.Text(FixedRandom, "encoding_aes_key"));
        var plaintext = PublishedVectors.Text(FixedRandom, plaintextField);
        var timestamp = PublishedVectors.Text(FixedRandom, "derived_timestamp");
        var nonce = PublishedVectors.Text(FixedRandom, "derived_nonce");

        var encrypted = cryptor.Encrypt(plaintext, timestamp, nonce, Encoding.ASCII.GetBytes(PublishedVectors.Text(FixedRandom, "random16")));
        var decrypted = cryptor.Decrypt(encrypted.MessageSignature, timestamp, nonce, encrypted.Encrypt);

        Assert.Equal(PublishedVectors.Text(FixedRandom, encryptField), encrypted.Encrypt);
        Assert.True(decrypted.Succeeded, decrypted.Failure.ToString());
        Assert.Equal(plaintext, decrypted.Plaintext);
        if (plaintextField == "plaintext")
        {
            Assert.Equal(PublishedVectors.Text(FixedRandom, "derived_msg_signature"), encrypted.MessageSignature);
        }
    }

    [Fact]
    public void Previous_key_opens_messages_sent_before_the_rotation_and_the_reply_uses_it()
    {
        var cryptor = TencentSampleCryptor(previousKey: PublishedVectors.Text(TencentSample, "encoding_aes_key"), currentKey: OtherKey);

        var result = DecryptTencentSample(cryptor);
        var reply = cryptor.Encrypt("<xml/>", "1409659813", "nonce", result.KeyGeneration);
        var previousOnly = TencentSampleCryptor();

        Assert.True(result.Succeeded, result.Failure.ToString());
        Assert.Equal(MessageKeyGeneration.Previous, result.KeyGeneration);
        Assert.Equal("<xml/>", previousOnly.Decrypt(reply.MessageSignature, reply.Timestamp, reply.Nonce, reply.Encrypt).Plaintext);
    }

    [Fact]
    public void Current_key_is_preferred_when_both_keys_are_configured()
    {
        var cryptor = TencentSampleCryptor(previousKey: OtherKey);

        Assert.Equal(MessageKeyGeneration.Current, DecryptTencentSample(cryptor).KeyGeneration);
    }

    [Fact]
    public void Wrong_signature_is_rejected_before_decrypting()
    {
        var result = DecryptTencentSample(TencentSampleCryptor(), signature: "477715d11cdb4164915debcba66cb864d751f3e7");

        Assert.Equal(MessageCryptoFailure.SignatureMismatch, result.Failure);
        Assert.Null(result.Plaintext);
    }

    [Fact]
    public void Message_for_another_appid_is_rejected()
    {
        var cryptor = MessageCryptor.Create(PublishedVectors.Text(TencentSample, "token"), "wx0000000000000000", PublishedVectors.Text(TencentSample, "encoding_aes_key"));

        Assert.Equal(MessageCryptoFailure.AppIdMismatch, DecryptTencentSample(cryptor).Failure);
    }

    [Fact]
    public void Wrong_key_shows_as_bad_padding()
    {
        Assert.Equal(MessageCryptoFailure.PaddingInvalid, DecryptTencentSample(TencentSampleCryptor(currentKey: OtherKey)).Failure);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(33)]
    public void Padding_byte_outside_one_to_thirty_two_is_rejected(byte padding)
    {
        var block = new byte[64];
        block[^1] = padding;

        Assert.Equal(MessageCryptoFailure.PaddingInvalid, DecryptTencentSample(TencentSampleCryptor(), EncryptRaw(block)).Failure);
    }

    [Fact]
    public void Padding_bytes_that_disagree_are_rejected()
    {
        var block = new byte[64];
        block.AsSpan(60).Fill(4);
        block[61] = 3;

        Assert.Equal(MessageCryptoFailure.PaddingInvalid, DecryptTencentSample(TencentSampleCryptor(), EncryptRaw(block)).Failure);
    }

    [Fact]
    public void Length_field_longer_than_the_plaintext_is_rejected()
    {
        var block = new byte[64];
        block[19] = 200;
        block.AsSpan(32).Fill(32);

        Assert.Equal(MessageCryptoFailure.MessageLengthInvalid, DecryptTencentSample(TencentSampleCryptor(), EncryptRaw(block)).Failure);
    }

    [Fact]
    public void Invalid_utf8_message_is_rejected()
    {
        var appId = Encoding.ASCII.GetBytes(PublishedVectors.Text(TencentSample, "appid"));
        var block = new byte[64];
        block[19] = 2;
        block[20] = 0xC3;
        block[21] = 0x28;
        appId.CopyTo(block, 22);
        block.AsSpan(22 + appId.Length).Fill((byte)(64 - 22 - appId.Length));

        Assert.Equal(MessageCryptoFailure.EncodingInvalid, DecryptTencentSample(TencentSampleCryptor(), EncryptRaw(block)).Failure);
    }

    [Fact]
    public void Truncated_base64_is_rejected()
    {
        var encrypt = PublishedVectors.Text(TencentSample, "encrypt");

        Assert.Equal(MessageCryptoFailure.Base64Invalid, DecryptTencentSample(TencentSampleCryptor(), encrypt[..^3]).Failure);
    }

    [Fact]
    public void Ciphertext_that_is_not_whole_blocks_is_rejected()
    {
        var encrypt = Convert.ToBase64String(Convert.FromBase64String(PublishedVectors.Text(TencentSample, "encrypt"))[..^4]);

        Assert.Equal(MessageCryptoFailure.CiphertextLengthInvalid, DecryptTencentSample(TencentSampleCryptor(), encrypt).Failure);
    }

    [Fact]
    public void Missing_values_are_rejected()
    {
        var cryptor = TencentSampleCryptor();

        Assert.Equal(MessageCryptoFailure.MissingValue, cryptor.Decrypt(null, "1", "2", "abc").Failure);
        Assert.Equal(MessageCryptoFailure.MissingValue, cryptor.Decrypt("sig", "1", "2", "").Failure);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456789ABCDEF")]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG=")]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456789ABCDE*G")]
    public void Malformed_keys_are_refused_with_a_reason(string text)
    {
        Assert.False(EncodingAesKey.TryParse(text, out _, out var reason));
        Assert.False(string.IsNullOrWhiteSpace(reason));
        Assert.Throws<ArgumentException>(() => EncodingAesKey.Parse(text));
    }

    [Fact]
    public void One_cryptor_serves_concurrent_callers()
    {
        var cryptor = TencentSampleCryptor();
        var expected = PublishedVectors.Text(TencentSample, "plaintext");

        Parallel.For(0, 2000, _ => Assert.Equal(expected, DecryptTencentSample(cryptor).Plaintext));
    }

    private static string EncryptRaw(byte[] block)
    {
        using var aes = Aes.Create();
        var key = EncodingAesKey.Parse(PublishedVectors.Text(TencentSample, "encoding_aes_key")).ToArray();
        aes.Key = key;
        return Convert.ToBase64String(aes.EncryptCbc(block, key.AsSpan(0, 16), PaddingMode.None));
    }
}
