using System.Globalization;
using System.Text;
using CsCheck;
using Microsoft.Extensions.Time.Testing;
using WxMall.WeChat.Pay.Crypto;
using WxMall.WeChat.Pay.Notifications;
using WxMall.WeChat.Tests.Pay.Support;

namespace WxMall.WeChat.Tests.Pay.Notifications;

/// <summary>Random input never throws and never passes silently: every refusal carries a typed reason.</summary>
public sealed class PayDecoderFuzzTests
{
    private const long Now = 1_750_000_000;

    private static readonly WeChatPayNotificationParser Parser = new(
        new WeChatPaySignatureVerifier(new PayVerifierKeyStore([TestPlatform.PublicKey.Key]), new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(Now))),
        AeadAes256GcmCipher.FromApiV3Key(NotificationFactory.ApiV3Key));

    private static readonly Gen<string> JsonLikeText =
        Gen.OneOf(
            Gen.String,
            Gen.Char["{}[]\":,0123456789.-eE truefalsnAEADGCM_"].Array[0, 200].Select(characters => new string(characters)),
            Gen.OneOf("{", "}", "[", "]", ",", ":", "\"resource\"", "\"event_type\"", "\"TRANSACTION.SUCCESS\"", "\"REFUND.SUCCESS\"",
                    "\"algorithm\"", "\"AEAD_AES_256_GCM\"", "\"ciphertext\"", "\"nonce\"", "\"fdasflkja484\"", "\"associated_data\"", "null", "1", "\"x\"",
                    "\"create_time\"", "\"2025-06-15T13:29:35+08:00\"", "\"2025-13-45\"")
                .Array[0, 30].Select(parts => string.Concat(parts)));

    private static string Sanitized(string text) => Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text));

    private static void AssertRefused<T>(PayNotificationResult<T> result)
        where T : class
    {
        Assert.False(result.IsSuccess);
        Assert.NotNull(result.Failure);
        Assert.True(Enum.IsDefined(result.Failure.Value));
    }

    [Fact]
    public void Aead_decrypt_of_random_keys_nonces_and_ciphertexts_is_always_a_typed_failure()
    {
        Gen.Select(Gen.Byte.Array[0, 40], Gen.Byte.Array[0, 20], Gen.Byte.Array[0, 40], Gen.Byte.Array[0, 200]).Sample((key, nonce, associatedData, ciphertext) =>
        {
            using var cipher = new AeadAes256GcmCipher(key);
            var result = cipher.Decrypt(nonce, associatedData, ciphertext);
            Assert.False(result.IsSuccess);
            Assert.True(Enum.IsDefined(result.Failure!.Value));
        }, iter: 5000);
    }

    [Fact]
    public void Aead_decrypt_of_random_text_fields_is_always_a_typed_failure()
    {
        using var cipher = AeadAes256GcmCipher.FromApiV3Key(NotificationFactory.ApiV3Key);
        Gen.Select(Gen.String, Gen.String, Gen.String).Sample((nonce, associatedData, ciphertext) =>
        {
            var result = cipher.Decrypt(nonce, associatedData, ciphertext);
            Assert.False(result.IsSuccess);
            Assert.NotNull(result.Failure);
        }, iter: 5000);
    }

    [Fact]
    public void Aead_round_trips_random_plaintexts()
    {
        using var cipher = AeadAes256GcmCipher.FromApiV3Key(NotificationFactory.ApiV3Key);
        Gen.Select(Gen.String, Gen.Char.AlphaNumeric.Array[12]).Sample((plaintext, nonce) =>
        {
            var nonceText = new string(nonce);
            var result = cipher.Decrypt(nonceText, "transaction", cipher.Encrypt(nonceText, "transaction", plaintext));
            Assert.True(result.IsSuccess);
            Assert.Equal(Sanitized(plaintext), result.PlaintextText);
        }, iter: 2000);
    }

    [Fact]
    public void Correctly_signed_random_bytes_are_refused_with_a_typed_reason()
    {
        Gen.Byte.Array[0, 400].Sample(body =>
        {
            var headers = TestPlatform.PublicKey.SignHeaders(Now, "fuzz", body);
            AssertRefused(Parser.ParsePayment(body, headers));
            AssertRefused(Parser.ParseRefund(body, headers));
            AssertRefused(Parser.Parse(body, headers));
        }, iter: 500);
    }

    [Fact]
    public void Correctly_signed_json_like_text_is_refused_with_a_typed_reason()
    {
        JsonLikeText.Sample(text =>
        {
            var body = Encoding.UTF8.GetBytes(text);
            var headers = TestPlatform.PublicKey.SignHeaders(Now, "fuzz", body);
            AssertRefused(Parser.ParsePayment(body, headers));
            AssertRefused(Parser.Parse(body, headers));
        }, iter: 500);
    }

    [Fact]
    public void Correctly_signed_and_encrypted_random_resources_never_throw()
    {
        var eventTypes = Gen.OneOf(Gen.Const("TRANSACTION.SUCCESS"), Gen.Const("REFUND.SUCCESS"), Gen.String.Select(Sanitized));
        Gen.Select(eventTypes, JsonLikeText.Select(Sanitized)).Sample((eventType, resource) =>
        {
            var body = NotificationFactory.Body(eventType, resource, "transaction");
            var headers = TestPlatform.PublicKey.SignHeaders(Now, "fuzz", body);
            var payment = Parser.ParsePayment(body, headers);
            var refund = Parser.ParseRefund(body, headers);
            var any = Parser.Parse(body, headers);
            Assert.True(payment.IsSuccess || payment.Failure is not null);
            Assert.True(refund.IsSuccess || refund.Failure is not null);
            Assert.True(any.IsSuccess, any.Message);
            Assert.Equal(resource, any.Value!.ResourceJson);
        }, iter: 400);
    }

    [Fact]
    public void Mutated_transaction_resources_never_throw()
    {
        Gen.Select(Gen.Int[0, NotificationFactory.TransactionJson.Length - 1], Gen.Char["{}[]\":,0-9a\\"]).Array[1, 4].Sample(mutations =>
        {
            var characters = NotificationFactory.TransactionJson.ToCharArray();
            foreach (var (index, character) in mutations)
            {
                characters[index] = character;
            }

            var body = NotificationFactory.Body("TRANSACTION.SUCCESS", new string(characters), "transaction");
            var result = Parser.ParsePayment(body, TestPlatform.PublicKey.SignHeaders(Now, "fuzz", body));
            Assert.True(result.IsSuccess || result.Failure is PayFailureReason.MalformedResource);
        }, iter: 400);
    }

    [Fact]
    public void Random_signature_headers_are_never_accepted()
    {
        var body = NotificationFactory.Payment();
        var timestamps = Gen.OneOf(Gen.String, Gen.Long.Select(value => value.ToString(CultureInfo.InvariantCulture)), Gen.Const(Now.ToString(CultureInfo.InvariantCulture)));
        var serials = Gen.OneOf(Gen.String, Gen.Const(TestPlatform.PublicKeyId), Gen.Const(TestPlatform.Certificate.Serial));
        var signatures = Gen.OneOf(Gen.String, Gen.Byte.Array[0, 300].Select(Convert.ToBase64String), Gen.Const("WECHATPAY/SIGNTEST/"));
        Gen.Select(timestamps, Gen.String, signatures, serials).Sample((timestamp, nonce, signature, serial) =>
        {
            var result = Parser.ParsePayment(body, new PaySignatureHeaders(timestamp, nonce, signature, serial));
            AssertRefused(result);
        }, iter: 3000);
    }
}
