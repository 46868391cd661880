using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using WxMall.WeChat.Pay.Crypto;
using WxMall.WeChatEmulator.Accounts;
using WxMall.WeChatEmulator.Hosting;

namespace WxMall.WeChatEmulator.Pay;

/// <summary>
/// Posts signed, AEAD-encrypted payment and refund notifications to notify_url and retries on WeChat Pay's schedule
/// (15s, 15s, 30s, 3m, 10m, 20m, 30m, 30m, 30m, 60m, 3h, 3h, 3h, 6h, 6h: 24h4m in all) until answered 200/204,
/// with delays multiplied by <see cref="EmulatorOptions.TimeScale"/>.
/// </summary>
public sealed class NotificationDispatcher(
    EmulatorOptions options,
    PayResponseSigner signer,
    FaultBook faults,
    IHttpClientFactory httpClients,
    TimeProvider timeProvider,
    ILogger<NotificationDispatcher> logger) : IDisposable
{
    public const string HttpClientName = "wechat-emulator-pay-notify";

    public static readonly IReadOnlyList<TimeSpan> RetrySchedule =
    [
        TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(3),
        TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(20), TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(30),
        TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(60), TimeSpan.FromHours(3), TimeSpan.FromHours(3),
        TimeSpan.FromHours(3), TimeSpan.FromHours(6), TimeSpan.FromHours(6),
    ];

    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(5);

    private readonly Lock gate = new();
    private readonly List<NotificationRecord> records = [];
    private readonly AeadAes256GcmCipher cipher = AeadAes256GcmCipher.FromApiV3Key(options.Merchant.ApiV3Key);
    private readonly CancellationTokenSource stopping = new();
    private readonly List<(NotificationRecord Record, NotificationFaults Behaviour)> held = [];
    private int reorderRemaining;

    public IReadOnlyList<NotificationRecord> Records()
    {
        lock (gate)
        {
            return [.. records];
        }
    }

    public NotificationRecord Dispatch(string eventType, string summary, string originalType, object resource, string notifyUrl)
    {
        var now = timeProvider.GetUtcNow();
        var plaintext = JsonSerializer.Serialize(resource, resource.GetType(), WeChatReply.Json);
        var nonce = OpenIdentifiers.Random(12);
        var id = Guid.NewGuid().ToString();
        var envelope = new
        {
            id,
            create_time = PayJsonShapes.Time(now),
            resource_type = "encrypt-resource",
            event_type = eventType,
            summary,
            resource = new
            {
                original_type = originalType,
                algorithm = AeadAes256GcmCipher.AlgorithmName,
                ciphertext = cipher.Encrypt(nonce, originalType, plaintext),
                associated_data = originalType,
                nonce,
            },
        };
        var record = new NotificationRecord
        {
            Id = id,
            EventType = eventType,
            NotifyUrl = notifyUrl,
            ResourcePlaintext = plaintext,
            Body = JsonSerializer.Serialize(envelope, WeChatReply.Json),
        };
        lock (gate)
        {
            records.Add(record);
        }

        var behaviour = faults.Notifications;
        if (behaviour.Drop)
        {
            record.Status = "dropped";
            return record;
        }

        List<(NotificationRecord Record, NotificationFaults Behaviour)>? release = null;
        var isHeld = false;
        lock (gate)
        {
            if (reorderRemaining > 0)
            {
                isHeld = true;
                record.Status = "held";
                held.Add((record, behaviour));
                if (--reorderRemaining == 0)
                {
                    release = TakeHeld();
                }
            }
        }

        if (!isHeld)
        {
            _ = Task.Run(() => DeliverAsync(record, behaviour, firstAttempt: null));
        }
        else if (release is not null)
        {
            _ = Task.Run(() => ReleaseInReverseAsync(release));
        }

        return record;
    }

    /// <summary>
    /// Starts the reorder fault: the next <paramref name="count"/> notifications are held and then delivered in reverse
    /// order. Notifications still held from an earlier batch are released (in reverse) first; 0 only releases them.
    /// </summary>
    public void HoldForReorder(int count)
    {
        List<(NotificationRecord Record, NotificationFaults Behaviour)> release;
        lock (gate)
        {
            release = TakeHeld();
            reorderRemaining = Math.Max(0, count);
        }

        if (release.Count > 0)
        {
            _ = Task.Run(() => ReleaseInReverseAsync(release));
        }
    }

    public void Dispose()
    {
        stopping.Cancel();
        stopping.Dispose();
        cipher.Dispose();
    }

    internal TimeSpan Scaled(TimeSpan delay) => TimeSpan.FromTicks((long)(delay.Ticks * options.TimeScale));

    private List<(NotificationRecord Record, NotificationFaults Behaviour)> TakeHeld()
    {
        List<(NotificationRecord Record, NotificationFaults Behaviour)> taken = [.. held];
        held.Clear();
        taken.Reverse();
        return taken;
    }

    /// <summary>Delivers held notifications one after another, each one's first POST finished before the next starts.</summary>
    private async Task ReleaseInReverseAsync(List<(NotificationRecord Record, NotificationFaults Behaviour)> release)
    {
        foreach (var (record, behaviour) in release)
        {
            record.Status = "pending";
            var firstAttempt = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _ = Task.Run(() => DeliverAsync(record, behaviour, firstAttempt));
            await firstAttempt.Task;
        }
    }

    private async Task DeliverAsync(NotificationRecord record, NotificationFaults behaviour, TaskCompletionSource? firstAttempt)
    {
        try
        {
            if (behaviour.HoldMilliseconds > 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(behaviour.HoldMilliseconds), timeProvider, stopping.Token);
            }

            for (var attempt = 1; attempt <= RetrySchedule.Count + 1; attempt++)
            {
                if (behaviour.SignTestProbe)
                {
                    await PostAsync(record, attempt, "probe", probe: true, forge: false);
                }

                var acknowledged = await PostAsync(record, attempt, behaviour.ForgeSignature ? "forged" : "genuine", probe: false, forge: behaviour.ForgeSignature);
                firstAttempt?.TrySetResult();
                if (acknowledged)
                {
                    record.Status = "acknowledged";
                    if (behaviour.Duplicate)
                    {
                        await PostAsync(record, attempt, "duplicate", probe: false, forge: false);
                    }

                    return;
                }

                if (attempt <= RetrySchedule.Count)
                {
                    await Task.Delay(Scaled(RetrySchedule[attempt - 1]), timeProvider, stopping.Token);
                }
            }

            record.Status = "gave_up";
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The emulator is shutting down.
        }
        finally
        {
            firstAttempt?.TrySetResult();
        }
    }

    private async Task<bool> PostAsync(NotificationRecord record, int attempt, string kind, bool probe, bool forge)
    {
        var body = Encoding.UTF8.GetBytes(record.Body);
        var headers = signer.Sign(null, body, probe, forge);
        using var request = new HttpRequestMessage(HttpMethod.Post, record.NotifyUrl) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation("Wechatpay-Timestamp", headers.Timestamp);
        request.Headers.TryAddWithoutValidation("Wechatpay-Nonce", headers.Nonce);
        request.Headers.TryAddWithoutValidation("Wechatpay-Signature", headers.Signature);
        request.Headers.TryAddWithoutValidation("Wechatpay-Serial", headers.Serial);
        request.Headers.TryAddWithoutValidation("Wechatpay-Signature-Type", "WECHATPAY2-SHA256-RSA2048");
        request.Headers.TryAddWithoutValidation("User-Agent", "Mozilla/4.0");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token);
        timeout.CancelAfter(AttemptTimeout);
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, timeout.Token);
            var status = (int)response.StatusCode;
            Add(record, new NotificationDelivery(attempt, kind, timeProvider.GetUtcNow(), status, null));
            return status is 200 or 204;
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException && !stopping.IsCancellationRequested)
        {
            logger.LogInformation("Notification {NotificationId} attempt {Attempt} failed: {Reason}", record.Id, attempt, exception.Message);
            Add(record, new NotificationDelivery(attempt, kind, timeProvider.GetUtcNow(), null, exception is OperationCanceledException ? "timeout" : exception.Message));
            return false;
        }
    }

    private void Add(NotificationRecord record, NotificationDelivery delivery)
    {
        lock (gate)
        {
            record.Deliveries.Add(delivery);
        }
    }
}
