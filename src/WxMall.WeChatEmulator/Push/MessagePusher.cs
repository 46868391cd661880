using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using WxMall.WeChat.Crypto;
using WxMall.WeChat.Messages;
using WxMall.WeChatEmulator.Accounts;
using WxMall.WeChatEmulator.OfficialAccount;

namespace WxMall.WeChatEmulator.Push;

/// <summary>
/// Pushes official-account messages and events to the store like WeChat: signed query, safe-mode encryption,
/// a 5-second deadline and 3 tries with the same payload; the reply is decrypted and put in the user's conversation.
/// </summary>
public sealed class MessagePusher(
    EmulatorOptions options,
    AppRegistry apps,
    UserDirectory users,
    OfficialAccountState state,
    IHttpClientFactory httpClients,
    TimeProvider timeProvider,
    ILogger<MessagePusher> logger)
{
    public const string HttpClientName = "wechat-emulator-push";
    private const int Tries = 3;

    private readonly Lock gate = new();
    private readonly List<PushRecord> records = [];
    private readonly MessageCryptor cryptor = MessageCryptor.Create(options.OfficialAccount.Token, options.OfficialAccount.AppId, options.OfficialAccount.EncodingAesKey);
    private long nextId;

    /// <summary>Per-try deadline; WeChat waits 5 s.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    public IReadOnlyList<PushRecord> Records()
    {
        lock (gate)
        {
            return [.. records];
        }
    }

    /// <summary>The user sends a text message to the official account.</summary>
    public Task<PushRecord> SendTextAsync(EmulatedUser user, string content)
    {
        ArgumentNullException.ThrowIfNull(user);
        users.Record(user, "user", "text", content);
        state.OpenWindow(user.OfficialAccountOpenId, userMessage: true);
        var messageId = RandomNumberGenerator.GetInt32(int.MaxValue) * 1000L + RandomNumberGenerator.GetInt32(1000);
        var xml = PushXml.Build(apps.OfficialAccount.OriginalId, user.OfficialAccountOpenId, timeProvider.GetUtcNow(), "text",
            [("Content", content, true), ("MsgId", messageId.ToString(CultureInfo.InvariantCulture), false)]);
        return PushAsync(user, "text", xml);
    }

    /// <summary>An event (subscribe, unsubscribe, CLICK, VIEW, SCAN, TEMPLATESENDJOBFINISH…) from the user.</summary>
    public Task<PushRecord> SendEventAsync(EmulatedUser user, string eventName, IEnumerable<(string Name, string Value, bool Cdata)> extra)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (eventName is "subscribe" or "CLICK" or "SCAN" or "scancode_push" or "scancode_waitmsg")
        {
            state.OpenWindow(user.OfficialAccountOpenId, userMessage: false);
        }

        var xml = PushXml.Build(apps.OfficialAccount.OriginalId, user.OfficialAccountOpenId, timeProvider.GetUtcNow(), "event",
            [("Event", eventName, true), .. extra]);
        return PushAsync(user, "event:" + eventName, xml);
    }

    /// <summary>Pushes in the background (template delivery reports arrive after the send call returned).</summary>
    public void EnqueueEvent(EmulatedUser user, string eventName, IEnumerable<(string Name, string Value, bool Cdata)> extra)
    {
        var fields = extra.ToList();
        _ = Task.Run(async () =>
        {
            try
            {
                await SendEventAsync(user, eventName, fields);
            }
            catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException or InvalidOperationException)
            {
                logger.LogWarning(exception, "Background push of {EventName} failed", eventName);
            }
        });
    }

    private async Task<PushRecord> PushAsync(EmulatedUser user, string kind, string xml)
    {
        var record = new PushRecord { Id = Interlocked.Increment(ref nextId), UserId = user.UserId, Kind = kind, Xml = xml };
        lock (gate)
        {
            records.Add(record);
        }

        var messageUrl = options.OfficialAccount.MessageUrl;
        if (string.IsNullOrWhiteSpace(messageUrl))
        {
            record.Outcome = "skipped";
            return record;
        }

        var mode = options.OfficialAccount.MessageMode;
        var timestamp = timeProvider.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var nonce = RandomNumberGenerator.GetInt32(100_000_000, int.MaxValue).ToString(CultureInfo.InvariantCulture);
        var query = new StringBuilder()
            .Append("signature=").Append(WeChatSignature.ComputeServerSignature(options.OfficialAccount.Token, timestamp, nonce))
            .Append("&timestamp=").Append(timestamp)
            .Append("&nonce=").Append(nonce)
            .Append("&openid=").Append(user.OfficialAccountOpenId);
        var body = xml;
        if (mode is "safe" or "compatible")
        {
            var sealedMessage = cryptor.Encrypt(xml, timestamp, nonce);
            query.Append("&encrypt_type=aes&msg_signature=").Append(sealedMessage.MessageSignature);
            body = mode == "safe"
                ? $"<xml><ToUserName><![CDATA[{apps.OfficialAccount.OriginalId}]]></ToUserName><Encrypt><![CDATA[{sealedMessage.Encrypt}]]></Encrypt></xml>"
                : xml.Replace("</xml>", $"<Encrypt><![CDATA[{sealedMessage.Encrypt}]]></Encrypt></xml>", StringComparison.Ordinal);
        }

        var separator = messageUrl.Contains('?', StringComparison.Ordinal) ? "&" : "?";
        var target = new Uri(messageUrl + separator + query);
        var client = httpClients.CreateClient(HttpClientName);
        for (var attempt = 1; attempt <= Tries; attempt++)
        {
            var stopwatch = Stopwatch.StartNew();
            using var timeout = new CancellationTokenSource(Timeout);
            try
            {
                using var content = new StringContent(body, Encoding.UTF8, "text/xml");
                using var response = await client.PostAsync(target, content, timeout.Token);
                var reply = await response.Content.ReadAsStringAsync(timeout.Token);
                record.Attempts.Add(new PushAttempt(timeProvider.GetUtcNow(), (int)response.StatusCode, null, stopwatch.ElapsedMilliseconds));
                if (response.IsSuccessStatusCode)
                {
                    record.Outcome = "delivered";
                    ShowReply(user, record, reply, mode);
                    return record;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException)
            {
                var error = exception is OperationCanceledException ? "timeout after 5 s" : exception.Message;
                record.Attempts.Add(new PushAttempt(timeProvider.GetUtcNow(), null, error, stopwatch.ElapsedMilliseconds));
            }
        }

        record.Outcome = "failed";
        if (kind == "text" || kind.StartsWith("event:CLICK", StringComparison.Ordinal))
        {
            users.Record(user, "account", "push_failed", "该公众号暂时无法提供服务，请稍后再试");
        }

        return record;
    }

    private void ShowReply(EmulatedUser user, PushRecord record, string reply, string mode)
    {
        var trimmed = reply.Trim();
        if (trimmed.Length == 0 || trimmed == "success")
        {
            return;
        }

        var plaintext = trimmed;
        if (mode == "safe" || trimmed.Contains("<Encrypt>", StringComparison.Ordinal))
        {
            var sealedReply = SafeXmlReader.Read(trimmed);
            var fields = sealedReply.Fields;
            var opened = fields is null
                ? null
                : cryptor.Decrypt(fields.GetValueOrDefault("MsgSignature"), fields.GetValueOrDefault("TimeStamp"), fields.GetValueOrDefault("Nonce"), fields.GetValueOrDefault("Encrypt"));
            if (opened is null || !opened.Succeeded)
            {
                record.Reply = trimmed;
                users.Record(user, "account", "push_failed", "该公众号暂时无法提供服务，请稍后再试", trimmed);
                return;
            }

            plaintext = opened.Plaintext!;
        }

        record.Reply = plaintext;
        var parsed = SafeXmlReader.Read(plaintext);
        if (parsed.Fields is not { } replyFields || !replyFields.ContainsKey("MsgType"))
        {
            users.Record(user, "account", "push_failed", "该公众号暂时无法提供服务，请稍后再试", plaintext);
            return;
        }

        var summary = replyFields.GetValueOrDefault("Content") ?? replyFields.GetValueOrDefault("Title") ?? "[" + replyFields["MsgType"] + "]";
        users.Record(user, "account", "passive_reply", summary, plaintext);
    }
}
