using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using WxMall.WeChat.Crypto;

/// <summary>
/// Official-account message load: safe-mode encrypted text messages with valid signatures, each a new MsgId, against
/// POST /wechat/message (answered by keyword rules), next to POST /wechat/message/bare (only returns "success") in
/// the same run. Usage: WxMall.LoadTest messages --url URL [--seconds 10] [--concurrency 32] with the store's
/// message Token, EncodingAESKey and appid in --token, --aes-key, --appid.
/// </summary>
internal static class MessageLoad
{
    private static readonly string[] Keywords = ["营业时间", "发票", "门店地址", "售后电话"];

    public static async Task<int> RunAsync(string[] args)
    {
        string Value(string name, string fallback) =>
            Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;

        var url = Value("--url", "http://127.0.0.1:5300");
        var seconds = int.Parse(Value("--seconds", "10"), CultureInfo.InvariantCulture);
        var concurrency = int.Parse(Value("--concurrency", "32"), CultureInfo.InvariantCulture);
        var token = Value("--token", "benchtoken");
        var appId = Value("--appid", "wxbench00000000001");
        var aesKey = Value("--aes-key", "WxMallEmulatorEncodingAesKey0123456789abcde");
        var cryptor = MessageCryptor.Create(token, appId, aesKey);

        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = concurrency * 2, UseCookies = false };
        using var http = new HttpClient(handler) { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) };
        Console.WriteLine($"WxMall message load: {url}, {seconds}s per phase, {concurrency} concurrent, safe mode, keyword replies");

        var admin = await LoginAsync(http);
        foreach (var keyword in Keywords)
        {
            var rule = new HttpRequestMessage(HttpMethod.Post, "/api/admin/official-account/rules")
            {
                Content = JsonContent.Create(new { name = keyword, trigger = "Contains", pattern = keyword, priority = 1, replyKind = "Text", replyText = $"关于“{keyword}”：请见商城首页说明。" }),
            };
            rule.Headers.Add("Cookie", admin);
            (await http.SendAsync(rule)).EnsureSuccessStatusCode();
        }

        // Encrypt every message up front: the client shares the two cores with the store and must not measure itself.
        var count = seconds * 6000 + 4000;
        var messages = new (string Query, string Body)[count];
        var nextMessageId = RandomNumberGenerator.GetInt32(1, 1_000_000) * 1_000_000L;
        Parallel.For(0, count, i =>
        {
            var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            var nonce = (100_000_000 + i).ToString(CultureInfo.InvariantCulture);
            var openId = "oBench" + (i % 5000).ToString("D6", CultureInfo.InvariantCulture);
            var xml = $"<xml><ToUserName><![CDATA[gh_bench]]></ToUserName><FromUserName><![CDATA[{openId}]]></FromUserName><CreateTime>{timestamp}</CreateTime>" +
                $"<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[请问{Keywords[i % Keywords.Length]}？]]></Content><MsgId>{nextMessageId + i}</MsgId></xml>";
            var sealedMessage = cryptor.Encrypt(xml, timestamp, nonce);
            messages[i] = ($"signature={WeChatSignature.ComputeServerSignature(token, timestamp, nonce)}&timestamp={timestamp}&nonce={nonce}&encrypt_type=aes&msg_signature={sealedMessage.MessageSignature}",
                $"<xml><ToUserName><![CDATA[gh_bench]]></ToUserName><Encrypt><![CDATA[{sealedMessage.Encrypt}]]></Encrypt></xml>");
        });

        var next = -1;
        HttpRequestMessage Next(string path)
        {
            var (query, body) = messages[Interlocked.Increment(ref next) % count];
            return new HttpRequestMessage(HttpMethod.Post, path + "?" + query) { Content = new StringContent(body, Encoding.UTF8, "text/xml") };
        }

        var storePid = Value("--store-pid", "");
        await Phase.RunAsync(http, TimeSpan.FromSeconds(2), concurrency, _ => Next("/wechat/message/bare"));
        var bareCpu = StoreCpu.Read(storePid);
        var bare = await Phase.RunAsync(http, TimeSpan.FromSeconds(seconds), concurrency, _ => Next("/wechat/message/bare"));
        bareCpu = StoreCpu.Read(storePid) - bareCpu;
        await Phase.RunAsync(http, TimeSpan.FromSeconds(2), concurrency, _ => Next("/wechat/message"));
        var answeredCpu = StoreCpu.Read(storePid);
        var answered = await Phase.RunAsync(http, TimeSpan.FromSeconds(seconds), concurrency, _ => Next("/wechat/message"));
        answeredCpu = StoreCpu.Read(storePid) - answeredCpu;

        Console.WriteLine();
        Console.WriteLine($"{"phase",-30}{"messages/s",12}{"p50 ms",10}{"p99 ms",10}{"errors",8}");
        Console.WriteLine(bare.Row("POST /wechat/message/bare"));
        Console.WriteLine(answered.Row("POST /wechat/message (rules)"));
        Console.WriteLine();
        Console.WriteLine($"keyword-answered messages/s ÷ bare messages/s = {answered.PerSecond / bare.PerSecond:0.000}");
        if (storePid.Length > 0)
        {
            // On a shared machine the rates follow the neighbours' load; the store's own CPU per message does not.
            var bareMicroseconds = bareCpu.TotalMicroseconds / Math.Max(1, bare.Total);
            var answeredMicroseconds = answeredCpu.TotalMicroseconds / Math.Max(1, answered.Total);
            Console.WriteLine($"store CPU per message: bare {bareMicroseconds:0} µs, keyword-answered {answeredMicroseconds:0} µs (ratio {bareMicroseconds / answeredMicroseconds:0.000})");
        }

        Console.WriteLine($"answered 200: {answered.CountOf(HttpStatusCode.OK)}, other: {answered.Total - answered.CountOf(HttpStatusCode.OK)}");

        // A 200 could be a bare "success": fresh messages must come back as encrypted replies carrying their rule's text.
        var replied = 0;
        const int Samples = 20;
        for (var i = 0; i < Samples; i++)
        {
            var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            var nonce = (900_000_000 + i).ToString(CultureInfo.InvariantCulture);
            var keyword = Keywords[i % Keywords.Length];
            var xml = $"<xml><ToUserName><![CDATA[gh_bench]]></ToUserName><FromUserName><![CDATA[oBenchCheck{i:D4}]]></FromUserName><CreateTime>{timestamp}</CreateTime>" +
                $"<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[请问{keyword}？]]></Content><MsgId>{nextMessageId + count + i}</MsgId></xml>";
            var sealedMessage = cryptor.Encrypt(xml, timestamp, nonce);
            var query = $"signature={WeChatSignature.ComputeServerSignature(token, timestamp, nonce)}&timestamp={timestamp}&nonce={nonce}&encrypt_type=aes&msg_signature={sealedMessage.MessageSignature}";
            using var response = await http.PostAsync("/wechat/message?" + query, new StringContent(
                $"<xml><ToUserName><![CDATA[gh_bench]]></ToUserName><Encrypt><![CDATA[{sealedMessage.Encrypt}]]></Encrypt></xml>", Encoding.UTF8, "text/xml"));
            var body = await response.Content.ReadAsStringAsync();
            var encrypt = System.Text.RegularExpressions.Regex.Match(body, @"<Encrypt><!\[CDATA\[([^\]]+)\]\]></Encrypt>").Groups[1].Value;
            if (encrypt.Length > 0 && cryptor.DecryptVerified(encrypt).Plaintext is { } reply && reply.Contains($"关于“{keyword}”", StringComparison.Ordinal))
            {
                replied++;
            }
        }

        Console.WriteLine($"fresh messages answered with their keyword reply (decrypted and checked): {replied} of {Samples}");
        return answered.Total - answered.CountOf(HttpStatusCode.OK) > 0 || replied < Samples ? 1 : 0;
    }

    private static async Task<string> LoginAsync(HttpClient http)
    {
        var response = await http.PostAsJsonAsync("/api/admin/login", new { userName = "admin", password = "bench-admin-password" });
        response.EnsureSuccessStatusCode();
        return string.Join("; ", response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
    }
}

/// <summary>The store process's CPU time (user + system) from /proc, when its pid is known (Linux).</summary>
internal static class StoreCpu
{
    public static TimeSpan Read(string pid)
    {
        if (pid.Length == 0 || !File.Exists($"/proc/{pid}/stat"))
        {
            return TimeSpan.Zero;
        }

        // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15, in clock ticks.
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / 100.0);
    }
}
