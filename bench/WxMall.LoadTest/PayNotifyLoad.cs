using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using WxMall.WeChat.Pay.Crypto;

/// <summary>
/// Payment notifications over loopback: prepares N orders with Native prepays, then posts one genuine, signed,
/// encrypted TRANSACTION.SUCCESS notification per order — first to the verify-only baseline, then to the real
/// /wechat/pay/notify — and prints notifications/s, p50/p99 and the ratio. Every order must end up paid once.
/// Usage: WxMall.LoadTest pay-notify --url U --emulator-data DIR [--orders 3000] [--concurrency 16]
/// </summary>
internal static class PayNotifyLoad
{
    private const string AppId = "wx5e1a7c0f2b9d4e68";
    private const string MerchantId = "1900000109";
    private const string ApiV3Key = "WxMallEmulatorApiV3Key0123456789";
    private const string PublicKeyId = "PUB_KEY_ID_0119000001092026010100000000000001";

    public static async Task<int> RunAsync(Options options, string[] args)
    {
        string Value(string name, string fallback) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        var emulatorData = Value("--emulator-data", "");
        var count = int.Parse(Value("--orders", "3000"), CultureInfo.InvariantCulture);
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = options.Concurrency * 2, UseCookies = false };
        using var http = new HttpClient(handler) { BaseAddress = new Uri(options.Url), Timeout = TimeSpan.FromSeconds(30) };
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Console.WriteLine($"WxMall payment notification load: {options.Url}, {count} orders, {options.Concurrency} concurrent");

        var admin = await Session.LoginStaffAsync(http, "admin", options.AdminPassword);
        var sku = await HotSku.PrepareAsync(http, admin, count + 10, json);
        var shoppers = await Session.RegisterShoppersAsync(http, 32);
        var prepared = await PrepareOrdersAsync(http, sku, shoppers, count, options.Concurrency);
        Console.WriteLine($"{prepared.Count} orders placed with Native prepays");

        using var signer = WeChatPayPlatformSigner.FromPem(PublicKeyId, File.ReadAllText(Path.Combine(emulatorData, "keys", "wechatpay_public_key_private.pem")));
        using var cipher = AeadAes256GcmCipher.FromApiV3Key(ApiV3Key);
        var notifications = prepared.Select(order => Sign(signer, cipher, order.OutTradeNumber, order.AmountFen)).ToList();

        var warm = 0;
        await Phase.RunAsync(http, TimeSpan.FromSeconds(2), options.Concurrency, _ =>
            Interlocked.Increment(ref warm) <= 200 ? Post("/bench/pay/verify-only", notifications[warm % notifications.Count]) : null);
        var next = -1;
        var bare = await Phase.RunAsync(http, TimeSpan.FromMinutes(2), options.Concurrency, _ =>
            Interlocked.Increment(ref next) is var i && i < notifications.Count ? Post("/bench/pay/verify-only", notifications[i]) : null);
        next = -1;
        var notify = await Phase.RunAsync(http, TimeSpan.FromMinutes(2), options.Concurrency, _ =>
            Interlocked.Increment(ref next) is var i && i < notifications.Count ? Post("/wechat/pay/notify", notifications[i]) : null);

        Console.WriteLine($"{notifications.Count} notifications answered; waiting for their stock commits and sales");
        var effects = await WaitForEffectsAsync(http, admin, sku, prepared.Count, json);

        Console.WriteLine();
        Console.WriteLine($"{"phase",-30}{"requests/s",12}{"p50 ms",10}{"p99 ms",10}{"errors",8}");
        Console.WriteLine(bare.Row("verify-only baseline"));
        Console.WriteLine(notify.Row("POST /wechat/pay/notify"));
        Console.WriteLine();
        Console.WriteLine($"notifications/s ÷ verify-only/s = {notify.PerSecond / bare.PerSecond:0.000}");
        var applied = notify.CountOf(HttpStatusCode.NoContent);
        Console.WriteLine($"notifications answered 204: {applied} of {notifications.Count}");
        Console.WriteLine(effects is { } drained
            ? $"stock committed and sales recorded for all {prepared.Count} orders {drained.TotalSeconds:0.0} s after the last notification was answered"
            : $"payment effects NOT all applied within {EffectsDeadline.TotalSeconds:0} s of the last notification");
        return applied == notifications.Count && bare.CountOf(HttpStatusCode.NoContent) == notifications.Count && effects is not null ? 0 : 1;
    }

    private static readonly TimeSpan EffectsDeadline = TimeSpan.FromMinutes(2);

    /// <summary>
    /// The notification answers once the payment is recorded; its effects (stock commit, points, the sale, the buyer's
    /// notice) follow from the outbox. Waits until the hot SKU's sold count and the sales report both hold every order,
    /// and says how long that took after the burst, or null when they did not within the deadline.
    /// </summary>
    private static async Task<TimeSpan?> WaitForEffectsAsync(HttpClient http, string admin, string sku, int count, JsonSerializerOptions json)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (waited.Elapsed < EffectsDeadline)
        {
            var stock = await HotSku.ReadAsync(http, admin, sku, json);
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/admin/analytics/sales");
            request.Headers.Add("Cookie", admin);
            using var response = await http.SendAsync(request);
            response.EnsureSuccessStatusCode();
            var sales = await response.Content.ReadFromJsonAsync<JsonElement>(json);
            if (stock.Sold >= count && sales.GetProperty("orders").GetInt32() >= count)
            {
                return waited.Elapsed;
            }

            await Task.Delay(200);
        }

        return null;
    }

    private static async Task<List<(string OutTradeNumber, long AmountFen)>> PrepareOrdersAsync(
        HttpClient http, string sku, List<string> shoppers, int count, int concurrency)
    {
        var prepared = new ConcurrentBag<(string, long)>();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async worker =>
        {
            while (Interlocked.Increment(ref next) < count)
            {
                var cookie = shoppers[worker % shoppers.Count];
                using var place = new HttpRequestMessage(HttpMethod.Post, "/api/orders")
                {
                    Content = JsonContent.Create(new { lines = new[] { new { sku, quantity = 1 } }, delivery = "pickup", pickupStore = "bj-zgc" }),
                };
                place.Headers.Add("Cookie", cookie);
                using var placed = await http.SendAsync(place);
                placed.EnsureSuccessStatusCode();
                var order = await placed.Content.ReadFromJsonAsync<JsonElement>();
                var number = order.GetProperty("number").GetString()!;
                using var pay = new HttpRequestMessage(HttpMethod.Post, $"/api/orders/{number}/payments") { Content = JsonContent.Create(new { mode = "native" }) };
                pay.Headers.Add("Cookie", cookie);
                using var started = await http.SendAsync(pay);
                started.EnsureSuccessStatusCode();
                var payment = await started.Content.ReadFromJsonAsync<JsonElement>();
                prepared.Add((payment.GetProperty("outTradeNumber").GetString()!, payment.GetProperty("amountFen").GetInt64()));
            }
        }));
        return [.. prepared];
    }

    private static (byte[] Body, PaySignatureHeaders Headers) Sign(WeChatPayPlatformSigner signer, AeadAes256GcmCipher cipher, string outTradeNumber, long amountFen)
    {
        var now = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
        var transaction = JsonSerializer.Serialize(new
        {
            appid = AppId, mchid = MerchantId, out_trade_no = outTradeNumber, transaction_id = "4200" + Random.Shared.NextInt64(1_000_000_000_000_000, 9_999_999_999_999_999),
            trade_type = "NATIVE", trade_state = "SUCCESS", trade_state_desc = "支付成功", bank_type = "OTHERS", success_time = now,
            payer = new { openid = "o-bench" }, amount = new { total = amountFen, payer_total = amountFen, currency = "CNY", payer_currency = "CNY" },
        });
        var nonce = Guid.NewGuid().ToString("N")[..12];
        var body = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
        {
            id = Guid.NewGuid().ToString(), create_time = now, resource_type = "encrypt-resource", event_type = "TRANSACTION.SUCCESS", summary = "支付成功",
            resource = new
            {
                original_type = "transaction", algorithm = AeadAes256GcmCipher.AlgorithmName, ciphertext = cipher.Encrypt(nonce, "transaction", transaction),
                associated_data = "transaction", nonce,
            },
        }));
        return (body, signer.Sign(DateTimeOffset.UtcNow.ToUnixTimeSeconds(), Guid.NewGuid().ToString("N"), body));
    }

    private static HttpRequestMessage Post(string path, (byte[] Body, PaySignatureHeaders Headers) notification)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(notification.Body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation(PaySignatureHeaders.TimestampHeader, notification.Headers.Timestamp);
        request.Headers.TryAddWithoutValidation(PaySignatureHeaders.NonceHeader, notification.Headers.Nonce);
        request.Headers.TryAddWithoutValidation(PaySignatureHeaders.SignatureHeader, notification.Headers.Signature);
        request.Headers.TryAddWithoutValidation(PaySignatureHeaders.SerialHeader, notification.Headers.Serial);
        return request;
    }
}
