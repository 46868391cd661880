using Microsoft.Extensions.Time.Testing;
using WxMall.WeChat.Pay.Crypto;
using WxMall.WeChat.Pay.Notifications;
using WxMall.WeChat.Pay.Refunds;
using WxMall.WeChat.Pay.Transactions;
using WxMall.WeChat.Tests.Pay.Support;

namespace WxMall.WeChat.Tests.Pay.Notifications;

public sealed class WeChatPayNotificationParserTests
{
    private const long Now = 1_750_000_000;

    private static WeChatPayNotificationParser Parser(string apiV3Key = NotificationFactory.ApiV3Key, long now = Now, int maximumBodyBytes = 64 * 1024) =>
        new(
            new WeChatPaySignatureVerifier(new PayVerifierKeyStore([TestPlatform.Certificate.Key, TestPlatform.PublicKey.Key]), new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(now))),
            AeadAes256GcmCipher.FromApiV3Key(apiV3Key),
            maximumBodyBytes);

    private static PaySignatureHeaders Signed(byte[] body, TestPlatform? platform = null, long timestamp = Now) =>
        (platform ?? TestPlatform.PublicKey).SignHeaders(timestamp, "5K8264ILTKCH16CQ2502SI8ZNMTM67VS", body);

    [Fact]
    public void Payment_notification_is_verified_decrypted_and_typed()
    {
        var body = NotificationFactory.Payment();

        var result = Parser().ParsePayment(body, Signed(body));

        Assert.True(result.IsSuccess, result.Message);
        var notification = result.Value!;
        Assert.Equal("EV-2018022511223320873", notification.Envelope.Id);
        Assert.Equal("TRANSACTION.SUCCESS", notification.Envelope.EventType);
        Assert.Equal("支付成功", notification.Envelope.Summary);
        Assert.Equal(TradeStates.Success, notification.Transaction.TradeState);
        Assert.Equal("WX20250615000001", notification.Transaction.OutTradeNumber);
        Assert.Equal(1_299_900, notification.Transaction.Amount!.TotalFen);
        Assert.Equal("1900000109", notification.Transaction.MerchantId);
        Assert.Equal(new DateTimeOffset(2025, 6, 15, 13, 29, 35, TimeSpan.FromHours(8)), notification.Transaction.SuccessTime);
    }

    [Fact]
    public void Payment_notification_signed_with_a_platform_certificate_is_accepted_too()
    {
        var body = NotificationFactory.Payment();

        Assert.True(Parser().ParsePayment(body, Signed(body, TestPlatform.Certificate)).IsSuccess);
    }

    [Fact]
    public void Refund_notification_is_verified_decrypted_and_typed()
    {
        var body = NotificationFactory.Refund();

        var result = Parser().ParseRefund(body, Signed(body));

        Assert.True(result.IsSuccess, result.Message);
        Assert.Equal(RefundStatuses.Success, result.Value!.Refund.RefundStatus);
        Assert.Equal("RF20250616000001", result.Value.Refund.OutRefundNumber);
        Assert.Equal(1_299_900, result.Value.Refund.Amount!.PayerRefundFen);
    }

    [Fact]
    public void Published_wechatpay_go_notification_verifies_then_refuses_its_16_byte_key()
    {
        var parser = new WeChatPayNotificationParser(
            new WeChatPaySignatureVerifier(
                new PayVerifierKeyStore([PayPlatformKey.FromCertificatePem(PublishedPayKeys.GoTestCertificatePem)]),
                new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(PublishedPayNotification.Timestamp))),
            AeadAes256GcmCipher.FromApiV3Key(PublishedPayNotification.ApiV3KeyOf16Bytes));

        var result = parser.Parse(NotificationFactory.Utf8(PublishedPayNotification.Body), PublishedPayNotification.Headers());

        Assert.Equal(PayFailureReason.WrongKeyLength, result.Failure);
    }

    public static TheoryData<string, PayFailureReason> BadCases => new()
    {
        { "unknown serial", PayFailureReason.UnknownSerial },
        { "skewed timestamp", PayFailureReason.TimestampOutsideWindow },
        { "bad signature", PayFailureReason.SignatureMismatch },
        { "probe signature", PayFailureReason.ProbeSignature },
        { "missing header", PayFailureReason.MissingHeader },
        { "bad ciphertext tag", PayFailureReason.AuthenticationFailed },
        { "truncated ciphertext", PayFailureReason.MalformedCiphertext },
        { "wrong key length", PayFailureReason.WrongKeyLength },
        { "wrong api v3 key", PayFailureReason.AuthenticationFailed },
        { "malformed json", PayFailureReason.MalformedBody },
        { "json without resource", PayFailureReason.MalformedBody },
        { "malformed resource json", PayFailureReason.MalformedResource },
        { "unsupported algorithm", PayFailureReason.UnsupportedAlgorithm },
        { "refund parsed as payment", PayFailureReason.UnexpectedEventType },
        { "body too large", PayFailureReason.BodyTooLarge },
    };

    [Theory]
    [MemberData(nameof(BadCases))]
    public void Each_bad_notification_has_its_typed_reason(string badCase, PayFailureReason expected)
    {
        var body = NotificationFactory.Payment();
        var headers = Signed(body);
        var parser = Parser();
        switch (badCase)
        {
            case "unknown serial":
                headers = TestPlatform.WithPublicKey("PUB_KEY_ID_0000000000000000000000000000000099").SignHeaders(Now, "n", body);
                break;
            case "skewed timestamp":
                headers = Signed(body, timestamp: Now - 301);
                break;
            case "bad signature":
                body = [.. body[..^1], (byte)' ', body[^1]];
                break;
            case "probe signature":
                headers = headers with { Signature = "WECHATPAY/SIGNTEST/" + headers.Signature };
                break;
            case "missing header":
                headers = headers with { Timestamp = null };
                break;
            case "bad ciphertext tag":
                body = NotificationFactory.Body("TRANSACTION.SUCCESS", NotificationFactory.TransactionJson, "transaction", tamperCiphertext: FlipLastTagCharacter);
                headers = Signed(body);
                break;
            case "truncated ciphertext":
                body = NotificationFactory.Body("TRANSACTION.SUCCESS", NotificationFactory.TransactionJson, "transaction", tamperCiphertext: _ => "AAAA");
                headers = Signed(body);
                break;
            case "wrong key length":
                parser = Parser(apiV3Key: "testMchAPIv3Key0");
                break;
            case "wrong api v3 key":
                parser = Parser(apiV3Key: "ffffffffffffffffffffffffffffffff");
                break;
            case "malformed json":
                body = NotificationFactory.Utf8("{\"id\":\"EV-1\",\"resource\":");
                headers = Signed(body);
                break;
            case "json without resource":
                body = NotificationFactory.Utf8("{\"id\":\"EV-1\",\"event_type\":\"TRANSACTION.SUCCESS\"}");
                headers = Signed(body);
                break;
            case "malformed resource json":
                body = NotificationFactory.Body("TRANSACTION.SUCCESS", "{\"amount\":{\"total\":\"a lot\"}}", "transaction");
                headers = Signed(body);
                break;
            case "unsupported algorithm":
                body = NotificationFactory.Body("TRANSACTION.SUCCESS", NotificationFactory.TransactionJson, "transaction", algorithm: "AEAD_SM4_GCM");
                headers = Signed(body);
                break;
            case "refund parsed as payment":
                body = NotificationFactory.Refund();
                headers = Signed(body);
                break;
            case "body too large":
                parser = Parser(maximumBodyBytes: 100);
                break;
        }

        var result = parser.ParsePayment(body, headers);

        Assert.False(result.IsSuccess);
        Assert.Null(result.Value);
        Assert.Equal(expected, result.Failure);
        Assert.False(string.IsNullOrWhiteSpace(result.Message));
    }

    [Fact]
    public void Refusal_messages_never_contain_the_api_v3_key_or_the_decrypted_content()
    {
        var body = NotificationFactory.Body("TRANSACTION.SUCCESS", "{\"out_trade_no\":[\"secret-order\"]}", "transaction");

        var result = Parser().ParsePayment(body, Signed(body));

        Assert.Equal(PayFailureReason.MalformedResource, result.Failure);
        Assert.DoesNotContain(NotificationFactory.ApiV3Key, result.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-order", result.Message, StringComparison.Ordinal);
    }

    private static string FlipLastTagCharacter(string ciphertext)
    {
        var characters = ciphertext.ToCharArray();
        var index = ciphertext.Length - 3;
        characters[index] = characters[index] == 'A' ? 'B' : 'A';
        return new string(characters);
    }
}
