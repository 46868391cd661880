using System.Text.Json;
using WxMall.WeChat.Pay.Client;
using WxMall.WeChat.Pay.Crypto;

namespace WxMall.WeChat.Pay.Notifications;

/// <summary>
/// Turns the raw bytes and headers of a WeChat Pay callback into a typed notification: size limit, signature
/// (serial, clock window, probes), envelope JSON, AEAD_AES_256_GCM decryption, resource JSON. Every bad input
/// ends as a <see cref="PayFailureReason"/>; nothing is trusted before the signature verifies.
/// </summary>
public sealed class WeChatPayNotificationParser
{
    /// <summary>Default largest accepted body: real notifications are about 1 KB.</summary>
    public const int DefaultMaximumBodyBytes = 64 * 1024;

    private readonly WeChatPaySignatureVerifier verifier;
    private readonly AeadAes256GcmCipher cipher;
    private readonly int maximumBodyBytes;

    /// <summary>Creates a parser over a verifier and the APIv3 key cipher, both built once and shared.</summary>
    public WeChatPayNotificationParser(
        WeChatPaySignatureVerifier verifier, AeadAes256GcmCipher cipher, int maximumBodyBytes = DefaultMaximumBodyBytes)
    {
        ArgumentNullException.ThrowIfNull(verifier);
        ArgumentNullException.ThrowIfNull(cipher);
        this.verifier = verifier;
        this.cipher = cipher;
        this.maximumBodyBytes = maximumBodyBytes;
    }

    /// <summary>Parses a payment notification (<c>TRANSACTION.*</c>).</summary>
    public PayNotificationResult<PaymentNotification> ParsePayment(ReadOnlySpan<byte> body, PaySignatureHeaders headers) =>
        ParseTyped<PaymentNotification, NotifiedTransaction>(
            body, headers, "TRANSACTION.", (envelope, transaction) => new PaymentNotification(envelope, transaction));

    /// <summary>Parses a refund notification (<c>REFUND.*</c>).</summary>
    public PayNotificationResult<RefundNotification> ParseRefund(ReadOnlySpan<byte> body, PaySignatureHeaders headers) =>
        ParseTyped<RefundNotification, NotifiedRefund>(
            body, headers, "REFUND.", (envelope, refund) => new RefundNotification(envelope, refund));

    /// <summary>Verifies and decrypts a notification of any type, leaving the resource as JSON text.</summary>
    public PayNotificationResult<DecryptedNotification> Parse(ReadOnlySpan<byte> body, PaySignatureHeaders headers)
    {
        var opened = Open(body, headers, expectedEventPrefix: null, out var envelope, out var plaintext);
        return opened is not null
            ? PayNotificationResult.Refused<DecryptedNotification>(opened.Value.Reason, opened.Value.Message)
            : PayNotificationResult.Success(new DecryptedNotification(envelope!, plaintext!.PlaintextText));
    }

    private PayNotificationResult<TNotification> ParseTyped<TNotification, TResource>(
        ReadOnlySpan<byte> body,
        PaySignatureHeaders headers,
        string expectedEventPrefix,
        Func<PayNotificationEnvelope, TResource, TNotification> create)
        where TNotification : class
        where TResource : class
    {
        var refusal = Open(body, headers, expectedEventPrefix, out var envelope, out var plaintext);
        if (refusal is not null)
        {
            return PayNotificationResult.Refused<TNotification>(refusal.Value.Reason, refusal.Value.Message);
        }

        TResource? resource;
        try
        {
            resource = JsonSerializer.Deserialize<TResource>(plaintext!.Plaintext.Span, PayJson.Options);
        }
        catch (JsonException exception)
        {
            return PayNotificationResult.Refused<TNotification>(
                PayFailureReason.MalformedResource, "The decrypted resource is not the documented JSON: " + exception.Message);
        }

        return resource is null
            ? PayNotificationResult.Refused<TNotification>(PayFailureReason.MalformedResource, "The decrypted resource is JSON null.")
            : PayNotificationResult.Success(create(envelope!, resource));
    }

    private (PayFailureReason Reason, string Message)? Open(
        ReadOnlySpan<byte> body,
        PaySignatureHeaders headers,
        string? expectedEventPrefix,
        out PayNotificationEnvelope? envelope,
        out PayDecryption? plaintext)
    {
        ArgumentNullException.ThrowIfNull(headers);
        envelope = null;
        plaintext = null;
        if (body.Length > maximumBodyBytes)
        {
            return (PayFailureReason.BodyTooLarge, $"The body is {body.Length} bytes; the limit is {maximumBodyBytes}.");
        }

        var check = verifier.Verify(headers, body);
        if (!check.IsValid)
        {
            return (check.Failure!.Value, check.Message);
        }

        try
        {
            envelope = JsonSerializer.Deserialize<PayNotificationEnvelope>(body, PayJson.Options);
        }
        catch (JsonException exception)
        {
            return (PayFailureReason.MalformedBody, "The body is not a notification envelope: " + exception.Message);
        }

        if (envelope?.Resource is null)
        {
            return (PayFailureReason.MalformedBody, "The notification has no resource object.");
        }

        if (expectedEventPrefix is not null && !envelope.EventType.StartsWith(expectedEventPrefix, StringComparison.Ordinal))
        {
            return (PayFailureReason.UnexpectedEventType, $"Expected a {expectedEventPrefix}* notification, got '{envelope.EventType}'.");
        }

        plaintext = cipher.Decrypt(envelope.Resource);
        return plaintext.IsSuccess ? null : (plaintext.Failure!.Value, plaintext.Message);
    }
}
