using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using WxMall.Infrastructure;
using WxMall.WeChat.Crypto;
using WxMall.WeChat.Messages;
using WxMall.WeChat.OfficialAccount;

namespace WxMall.OfficialAccount;

/// <summary>
/// The official account's message server, built from the account's Token and EncodingAESKey; null when the store
/// runs without WeChat.
/// </summary>
public sealed class MessageEndpoint
{
    public MessageEndpoint(IOptions<WeChatOfficialAccountOptions> account, TimeProvider clock)
    {
        var options = account.Value;
        AppId = options.AppId;
        if (!string.IsNullOrEmpty(options.MessageToken))
        {
            var cryptor = string.IsNullOrEmpty(options.EncodingAesKey)
                ? null
                : MessageCryptor.Create(options.MessageToken, options.AppId, options.EncodingAesKey, options.PreviousEncodingAesKey);
            Server = new MessageServer(options.MessageToken, cryptor, clock, maximumBodyBytes: ReceiveMessage.MaximumBodyBytes);
        }
    }

    public string AppId { get; }

    public MessageServer? Server { get; }
}

/// <summary>
/// <c>GET /wechat/message</c> (URL verification) and <c>POST /wechat/message</c> (messages and events, plaintext or
/// safe mode). Everything is checked on the raw bytes before anything is believed; a forged or replayed push gets a
/// 401 and no reply; a push is answered within WeChat's 5 seconds, by <c>success</c> when the answer is slow.
/// </summary>
public static partial class ReceiveMessage
{
    public const int MaximumBodyBytes = SafeXmlReader.DefaultMaximumBytes;
    private const string XmlContentType = "text/xml; charset=utf-8";

    public static Results<ContentHttpResult, ProblemHttpResult> Verify(HttpRequest request, MessageEndpoint endpoint, ILogger<MessageEndpoint> logger)
    {
        if (endpoint.Server is null)
        {
            return NotConfigured();
        }

        var verified = endpoint.Server.VerifyUrl(QueryOf(request));
        if (!verified.Succeeded)
        {
            LogRefused(logger, "GET", verified.Failure);
            return Refused(verified.Failure);
        }

        return TypedResults.Text(verified.Echo, "text/plain");
    }

    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> Receive(
        HttpRequest request, MessageEndpoint endpoint, PushAnswering answering, ILogger<MessageEndpoint> logger, CancellationToken cancellationToken)
    {
        if (endpoint.Server is null)
        {
            return NotConfigured();
        }

        var body = await RawBody.ReadAsync(request, MaximumBodyBytes, cancellationToken);
        if (body is null)
        {
            return TypedResults.Problem($"消息体超过 {MaximumBodyBytes / 1024} KB，已拒收。", statusCode: StatusCodes.Status413PayloadTooLarge, title: "消息过大");
        }

        var push = endpoint.Server.ReadPush(QueryOf(request), body.Value);
        if (!push.Succeeded)
        {
            LogRefused(logger, "POST", push.Failure);
            return push.Failure == PushFailure.MessageInvalid
                ? TypedResults.Problem("消息 XML 无法解析（格式错误、含 DTD 或缺少必需字段），已拒收。", statusCode: StatusCodes.Status400BadRequest, title: "消息无效")
                : Refused(push.Failure);
        }

        var reply = await answering.AnswerAsync(push.Message, cancellationToken);
        return reply == PassiveReply.Success
            ? TypedResults.Text(PassiveReply.Success, "text/plain")
            : TypedResults.Text(endpoint.Server.SealReply(push, reply), XmlContentType);
    }

    private static MessageServerQuery QueryOf(HttpRequest request) => MessageServerQuery.From(name => request.Query[name].FirstOrDefault());

    private static ProblemHttpResult NotConfigured() =>
        TypedResults.Problem("公众号消息服务器未配置：请设置 WeChat:OfficialAccount 的 MessageToken（安全模式另需 EncodingAesKey）。", statusCode: StatusCodes.Status503ServiceUnavailable, title: "未配置");

    private static ProblemHttpResult Refused(PushFailure failure) => TypedResults.Problem(
        failure switch
        {
            PushFailure.MissingQueryValue => "缺少 signature、timestamp 或 nonce 参数。",
            PushFailure.SignatureMismatch => "签名校验失败：signature 与配置的 Token 不符。",
            PushFailure.TimestampInvalid => "timestamp 不是数字。",
            PushFailure.TimestampOutsideWindow => "timestamp 与服务器时间相差超过 5 分钟，视为重放，已拒收。",
            PushFailure.SafeModeNotConfigured => "收到安全模式消息，但未配置 EncodingAESKey。",
            PushFailure.DecryptionFailed => "安全模式消息解密失败：msg_signature 不符、密文损坏或 AppId 不符。",
            _ => "消息被拒收。",
        },
        statusCode: failure == PushFailure.SafeModeNotConfigured ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status401Unauthorized,
        title: "拒收");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a {Method} to the message server: {Failure}")]
    private static partial void LogRefused(ILogger logger, string method, PushFailure failure);
}
