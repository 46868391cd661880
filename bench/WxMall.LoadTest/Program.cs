using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

// Order placement against one hot SKU over loopback, next to a bare endpoint of the same store in the same run.
// Usage: WxMall.LoadTest --url http://127.0.0.1:5199 [--seconds 10] [--concurrency 32] [--stock 40000]
//        [--admin-password P]. bench/order-load.sh starts a fresh store and runs this.
if (args is ["messages", ..])
{
    return await MessageLoad.RunAsync(args[1..]);
}

if (args is ["pay-notify", ..])
{
    return await PayNotifyLoad.RunAsync(Options.Parse(args), args);
}

var options = Options.Parse(args);
using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = options.Concurrency * 2, UseCookies = false, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
using var http = new HttpClient(handler) { BaseAddress = new Uri(options.Url), Timeout = TimeSpan.FromSeconds(30) };
var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);

Console.WriteLine($"WxMall order load: {options.Url}, {options.Seconds}s per phase, {options.Concurrency} concurrent, hot SKU stock {options.Stock}");

var admin = await Session.LoginStaffAsync(http, "admin", options.AdminPassword);
// The warm-up orders come out of their own stock, so the measured phase starts with exactly --stock units.
const int WarmUpOrders = 300;
var sku = await HotSku.PrepareAsync(http, admin, options.Stock + WarmUpOrders, json);
var shoppers = await Session.RegisterShoppersAsync(http, Math.Min(options.Concurrency, 64));
Console.WriteLine($"hot SKU {sku}, {shoppers.Count} shoppers registered");

HttpRequestMessage PlaceOne(int worker)
{
    var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders")
    {
        Content = JsonContent.Create(new { lines = new[] { new { sku, quantity = 1 } }, delivery = "pickup", pickupStore = "bj-zgc" }),
    };
    request.Headers.Add("Cookie", shoppers[worker % shoppers.Count]);
    return request;
}

// Warm both paths (JIT and its tiering, connection pools, EF query caches, thread pool) before measuring.
await Phase.RunAsync(http, TimeSpan.FromSeconds(2), options.Concurrency, _ => new HttpRequestMessage(HttpMethod.Get, "/health"));
var warmUpLeft = WarmUpOrders;
var warmUp = await Phase.RunAsync(http, TimeSpan.FromSeconds(30), options.Concurrency,
    worker => Interlocked.Decrement(ref warmUpLeft) >= 0 ? PlaceOne(worker) : null);
if (warmUp.CountOf(HttpStatusCode.Created) != WarmUpOrders)
{
    Console.WriteLine($"warm-up placed {warmUp.CountOf(HttpStatusCode.Created)} of {WarmUpOrders} orders; is the store healthy?");
    return 1;
}

var bare = await Phase.RunAsync(http, TimeSpan.FromSeconds(options.Seconds), options.Concurrency,
    _ => new HttpRequestMessage(HttpMethod.Get, "/health"));
var orders = await Phase.RunAsync(http, TimeSpan.FromSeconds(options.Seconds), options.Concurrency, PlaceOne);

var stock = await HotSku.ReadAsync(http, admin, sku, json);
var created = orders.CountOf(HttpStatusCode.Created);
var refused = orders.CountOf(HttpStatusCode.Conflict);
var oversold = stock.Available < 0 || created > options.Stock || stock.Reserved != created + WarmUpOrders || stock.Available != options.Stock - created;

Console.WriteLine();
Console.WriteLine($"{"phase",-22}{"requests/s",12}{"p50 ms",10}{"p99 ms",10}{"errors",8}");
Console.WriteLine(bare.Row("GET /health (bare)"));
Console.WriteLine(orders.Row("POST /api/orders"));
Console.WriteLine();
Console.WriteLine($"order attempts/s ÷ bare requests/s = {orders.PerSecond / bare.PerSecond:0.000}");
Console.WriteLine($"orders created {created}, refused (409 sold out) {refused}, other {orders.Total - created - refused}");
Console.WriteLine($"stock after: available {stock.Available}, reserved {stock.Reserved}, ledger matches counters: {stock.LedgerMatches}");
Console.WriteLine(oversold || !stock.LedgerMatches ? "OVERSOLD OR LEDGER MISMATCH" : "zero oversell: yes");
return oversold || !stock.LedgerMatches || orders.Total - created - refused > 0 ? 1 : 0;

internal sealed record Options(string Url, int Seconds, int Concurrency, int Stock, string AdminPassword)
{
    public static Options Parse(string[] args)
    {
        string Value(string name, string fallback) =>
            Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;

        return new Options(
            Value("--url", "http://127.0.0.1:5199"), int.Parse(Value("--seconds", "10"), CultureInfo.InvariantCulture), int.Parse(Value("--concurrency", "32"), CultureInfo.InvariantCulture),
            int.Parse(Value("--stock", "40000"), CultureInfo.InvariantCulture), Value("--admin-password", "bench-admin-password"));
    }
}

internal static class Session
{
    public static async Task<string> LoginStaffAsync(HttpClient http, string userName, string password)
    {
        var response = await http.PostAsJsonAsync("/api/admin/login", new { userName, password });
        response.EnsureSuccessStatusCode();
        return CookieOf(response);
    }

    public static async Task<List<string>> RegisterShoppersAsync(HttpClient http, int count)
    {
        var cookies = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var phone = "137" + Random.Shared.Next(0, 100_000_000).ToString("D8", CultureInfo.InvariantCulture);
            var response = await http.PostAsJsonAsync("/api/members/register", new { phone, password = "bench-password-1" });
            response.EnsureSuccessStatusCode();
            cookies.Add(CookieOf(response));
        }

        return cookies;
    }

    private static string CookieOf(HttpResponseMessage response) =>
        string.Join("; ", response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
}

internal sealed record StockState(int Available, int Reserved, int Sold, bool LedgerMatches);

internal static class HotSku
{
    public static async Task<string> PrepareAsync(HttpClient http, string adminCookie, int stock, JsonSerializerOptions json)
    {
        var search = await http.GetFromJsonAsync<JsonElement>("/api/catalog/search?q=4060%20%E6%B8%B8%E6%88%8F%E6%9C%AC&pageSize=1", json);
        var product = search.GetProperty("items")[0].GetProperty("code").GetString()!;
        var detail = await http.GetFromJsonAsync<JsonElement>($"/api/catalog/products/{product}", json);
        var sku = detail.GetProperty("skus")[0].GetProperty("code").GetString()!;
        var current = await ReadAsync(http, adminCookie, sku, json);
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/admin/skus/{sku}/stock")
        {
            Content = JsonContent.Create(new { delta = stock - current.Available, kind = "adjust", reason = "压测备货" }),
        };
        request.Headers.Add("Cookie", adminCookie);
        (await http.SendAsync(request)).EnsureSuccessStatusCode();
        return sku;
    }

    public static async Task<StockState> ReadAsync(HttpClient http, string adminCookie, string sku, JsonSerializerOptions json)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/admin/skus/{sku}/stock");
        request.Headers.Add("Cookie", adminCookie);
        var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<StockState>(json))!;
    }
}

internal sealed class Phase
{
    private readonly List<double> latencies = [];
    private readonly Dictionary<HttpStatusCode, int> statuses = [];

    public double PerSecond { get; private set; }

    public int Total => latencies.Count;

    public int Errors { get; private set; }

    public int CountOf(HttpStatusCode status) => statuses.GetValueOrDefault(status);

    public string Row(string name)
    {
        var sorted = latencies.Order().ToList();
        double Percentile(double p) => sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];
        return $"{name,-22}{PerSecond,12:0}{Percentile(0.50),10:0.0}{Percentile(0.99),10:0.0}{Errors,8}";
    }

    /// <summary>
    /// Each worker sends one request at a time until the phase's time is up or the factory has no more requests (null);
    /// the loop is bounded by the duration.
    /// </summary>
    public static async Task<Phase> RunAsync(HttpClient http, TimeSpan duration, int workers, Func<int, HttpRequestMessage?> request)
    {
        var phase = new Phase();
        var gate = new object();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(async worker =>
        {
            while (clock.Elapsed < duration && request(worker) is { } next)
            {
                var started = Stopwatch.GetTimestamp();
                HttpStatusCode? status;
                try
                {
                    using var response = await http.SendAsync(next);
                    status = response.StatusCode;
                }
                catch (HttpRequestException)
                {
                    status = null;
                }

                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                lock (gate)
                {
                    phase.latencies.Add(elapsed);
                    if (status is { } code)
                    {
                        phase.statuses[code] = phase.statuses.GetValueOrDefault(code) + 1;
                    }

                    if (status is null || (int)status >= 500)
                    {
                        phase.Errors++;
                    }
                }
            }
        }));
        phase.PerSecond = phase.Total / clock.Elapsed.TotalSeconds;
        return phase;
    }
}
