using System.Globalization;
using System.Security.Cryptography;
using WxMall.WeChat.Crypto;

namespace WxMall.WeChat.Messages;

/// <summary>
/// The official account's message server: verifies the URL, authenticates and opens pushes (plaintext or
/// safe mode), and seals replies the way the push came in
/// (developers.weixin.qq.com/doc/offiaccount/Basic_Information/Access_Overview.html).
/// Every push must carry a valid <c>signature</c> and a timestamp inside the clock window.
/// </summary>
public sealed class MessageServer
{
    private readonly string token;
    private readonly MessageCryptor? cryptor;
    private readonly TimeProvider timeProvider;
    private readonly TimeSpan clockWindow;
    private readonly int maximumBodyBytes;

    /// <summary>Creates a message server.</summary>
    /// <param name="token">The Token configured in the console.</param>
    /// <param name="cryptor">The safe-mode cryptor, or null when the account runs in plaintext mode.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="clockWindow">Accepted distance between the push timestamp and the clock; default five minutes.</param>
    /// <param name="maximumBodyBytes">Largest body accepted.</param>
    public MessageServer(string token, MessageCryptor? cryptor, TimeProvider timeProvider, TimeSpan? clockWindow = null, int maximumBodyBytes = SafeXmlReader.DefaultMaximumBytes)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        ArgumentNullException.ThrowIfNull(timeProvider);
        this.token = token;
        this.cryptor = cryptor;
        this.timeProvider = timeProvider;
        this.clockWindow = clockWindow ?? SignatureTimestamp.DefaultWindow;
        this.maximumBodyBytes = maximumBodyBytes;
    }

    /// <summary>Answers the GET that WeChat sends when the server URL is saved: echo <c>echostr</c> if the signature matches.</summary>
    public UrlVerificationResult VerifyUrl(MessageServerQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var failure = Authenticate(query);
        if (failure == PushFailure.None && query.Echo is null)
        {
            failure = PushFailure.MissingQueryValue;
        }

        return new UrlVerificationResult(failure == PushFailure.None ? query.Echo : null, failure);
    }

    /// <summary>Authenticates and reads a pushed message or event from the raw request body.</summary>
    public InboundPushResult ReadPush(MessageServerQuery query, ReadOnlyMemory<byte> body)
    {
        ArgumentNullException.ThrowIfNull(query);
        var failure = Authenticate(query);
        if (failure != PushFailure.None)
        {
            return new InboundPushResult(null, query.IsEncrypted, MessageKeyGeneration.Current, failure);
        }

        if (!query.IsEncrypted)
        {
            return FromParse(InboundMessageParser.Parse(body, maximumBodyBytes), encrypted: false, MessageKeyGeneration.Current);
        }

        if (cryptor is null)
        {
            return new InboundPushResult(null, true, MessageKeyGeneration.Current, PushFailure.SafeModeNotConfigured,
                detail: "The push is encrypted (encrypt_type=aes) but no EncodingAESKey is configured.");
        }

        var envelope = SafeXmlReader.Read(body, maximumBodyBytes);
        if (!envelope.Succeeded)
        {
            return new InboundPushResult(null, true, MessageKeyGeneration.Current, PushFailure.MessageInvalid, parseFailure: MessageParseFailure.XmlRejected, detail: envelope.Detail);
        }

        envelope.Fields.TryGetValue("Encrypt", out var encrypt);
        var decrypted = cryptor.Decrypt(query.MessageSignature, query.Timestamp, query.Nonce, encrypt);
        if (!decrypted.Succeeded)
        {
            return new InboundPushResult(null, true, MessageKeyGeneration.Current, PushFailure.DecryptionFailed, cryptoFailure: decrypted.Failure);
        }

        return FromParse(InboundMessageParser.Parse(decrypted.Plaintext, maximumBodyBytes), encrypted: true, decrypted.KeyGeneration);
    }

    /// <summary>
    /// Seals a passive reply for the push it answers: encrypted with the key that opened the push in
    /// safe mode, unchanged in plaintext mode. <c>success</c> and the empty reply are never encrypted.
    /// </summary>
    public string SealReply(InboundPushResult push, string replyXml)
    {
        ArgumentNullException.ThrowIfNull(push);
        ArgumentNullException.ThrowIfNull(replyXml);
        if (!push.Encrypted || cryptor is null || replyXml.Length == 0 || replyXml == PassiveReply.Success)
        {
            return replyXml;
        }

        var timestamp = timeProvider.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var nonce = RandomNumberGenerator.GetInt32(100_000_000, int.MaxValue).ToString(CultureInfo.InvariantCulture);
        return cryptor.Encrypt(replyXml, timestamp, nonce, push.KeyGeneration).ToReplyXml();
    }

    private static InboundPushResult FromParse(InboundMessageResult parsed, bool encrypted, MessageKeyGeneration keyGeneration) =>
        parsed.Succeeded
            ? new InboundPushResult(parsed.Message, encrypted, keyGeneration, PushFailure.None)
            : new InboundPushResult(null, encrypted, keyGeneration, PushFailure.MessageInvalid, parseFailure: parsed.Failure, detail: parsed.Detail);

    private PushFailure Authenticate(MessageServerQuery query)
    {
        if (string.IsNullOrEmpty(query.Signature) || string.IsNullOrEmpty(query.Timestamp) || query.Nonce is null)
        {
            return PushFailure.MissingQueryValue;
        }

        if (!WeChatSignature.VerifyServerSignature(token, query.Timestamp, query.Nonce, query.Signature))
        {
            return PushFailure.SignatureMismatch;
        }

        return SignatureTimestamp.Check(query.Timestamp, timeProvider.GetUtcNow(), clockWindow) switch
        {
            TimestampCheck.NotANumber => PushFailure.TimestampInvalid,
            TimestampCheck.OutsideWindow => PushFailure.TimestampOutsideWindow,
            _ => PushFailure.None,
        };
    }
}
