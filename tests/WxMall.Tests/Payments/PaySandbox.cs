using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WxMall.Identity;
using WxMall.Ordering;
using WxMall.Payments;
using WxMall.Tests.Infrastructure;
using WxMall.WeChat.Pay.Crypto;

namespace WxMall.Tests.Payments;

/// <summary>The store and the emulator, with helpers for what a payer and WeChat Pay do in these tests.</summary>
public class PaySandbox : WeChatSandboxFactory
{
    public const string OfficialAccountAppId = "wx5e1a7c0f2b9d4e68";
    public const string MerchantId = "1900000109";
    private const string ApiV3Key = "WxMallEmulatorApiV3Key0123456789";
    private const string PublicKeyId = "PUB_KEY_ID_0119000001092026010100000000000001";

    private HttpClient? emulator;

    public PaySandbox()
    {
    }

    protected PaySandbox(string postgresConnectionString)
        : base(postgresConnectionString)
    {
    }

    public HttpClient Emulator => emulator ??= EmulatorClient();

    protected virtual string PaymentTimeout => "00:30:00";

    protected override IReadOnlyDictionary<string, string> SandboxSettings => new Dictionary<string, string>
    {
        ["Orders:PaymentTimeout"] = PaymentTimeout,
        ["Payments:MinimumTimeToPay"] = "00:00:00",
        ["Payments:QueryInterval"] = "00:00:00",
        ["Payments:RefundCheckDelay"] = "00:00:02",
    };

    /// <summary>A WeChat user in the emulator, linked to a new store member: what WeChat login will do.</summary>
    public async Task<(Shopper Shopper, string UserId, string OpenId)> WeChatShopperAsync()
    {
        var shopper = NewShopper();
        var member = await shopper.RegisterAsync();
        var created = await Emulator.PostAsJsonAsync("/emulator/users", new { nickname = "测试买家" });
        created.EnsureSuccessStatusCode();
        var user = await created.Content.ReadFromJsonAsync<JsonElement>();
        var openId = user.GetProperty("officialAccountOpenId").GetString()!;
        await using var scope = Scope();
        var db = scope.ServiceProvider.GetRequiredService<WxMall.Data.MallDb>();
        db.WeChatIdentities.Add(new WeChatIdentity
        {
            AppId = OfficialAccountAppId, OpenId = openId, UnionId = user.GetProperty("unionId").GetString(), MemberId = member.Id,
            FirstSeenAt = DateTimeOffset.UtcNow, LastSeenAt = DateTimeOffset.UtcNow,
        });
        await db.SaveChangesAsync();
        return (shopper, user.GetProperty("userId").GetString()!, openId);
    }

    public async Task<OrderView> OrderAsync(Shopper shopper, int skip = 0)
    {
        var (sku, _) = await this.SkuWithStockAsync(5, skip);
        return await shopper.PlacePickupOrderAsync(sku);
    }

    public static async Task<PaymentView> StartAsync(Shopper shopper, string orderNumber, string mode)
    {
        var response = await shopper.Client.PostAsJsonAsync($"/api/orders/{orderNumber}/payments", new { mode });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<PaymentView>(Shopper.Json))!;
    }

    /// <summary>The payer confirms in WeChat's payment sheet.</summary>
    public async Task PayAtWeChatAsync(string reference, string userId)
    {
        var response = await Emulator.PostAsJsonAsync("/emulator/pay/pay", new { reference, user = userId });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    public async Task NotificationFaultsAsync(object faults)
    {
        var response = await Emulator.PutAsJsonAsync("/emulator/faults/notifications", faults);
        response.EnsureSuccessStatusCode();
    }

    public async Task ClearFaultsAsync() => (await Emulator.DeleteAsync("/emulator/faults")).EnsureSuccessStatusCode();

    public Task<T> DbAsync<T>(Func<WxMall.Data.MallDb, Task<T>> query) => QueryAsync(query);

    public Task<Order> OrderRowAsync(string number) => QueryAsync(db => db.Orders.AsNoTracking().FirstAsync(o => o.Number == number));

    public Task<List<Refund>> RefundsAsync(string number) =>
        QueryAsync(db => db.Refunds.AsNoTracking().Where(r => r.OrderNumber == number).OrderBy(r => r.Id).ToListAsync());

    /// <summary>
    /// A payment notification signed with the emulator's WeChat Pay key, as WeChat would send it; the resource can
    /// say anything, which is how tests make wrong amounts and unknown orders.
    /// </summary>
    public HttpRequestMessage SignedNotification(object transaction, long? timestamp = null, bool cutShort = false)
    {
        var plaintext = JsonSerializer.Serialize(transaction);
        using var cipher = AeadAes256GcmCipher.FromApiV3Key(ApiV3Key);
        var nonce = "n" + Guid.NewGuid().ToString("N")[..11];
        var body = JsonSerializer.Serialize(new
        {
            id = Guid.NewGuid().ToString(),
            create_time = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture),
            resource_type = "encrypt-resource",
            event_type = "TRANSACTION.SUCCESS",
            summary = "支付成功",
            resource = new
            {
                original_type = "transaction", algorithm = AeadAes256GcmCipher.AlgorithmName,
                ciphertext = cipher.Encrypt(nonce, "transaction", plaintext), associated_data = "transaction", nonce,
            },
        });
        var bytes = Encoding.UTF8.GetBytes(body);
        var pem = File.ReadAllText(Path.Combine(EmulatorFolder, "keys", "wechatpay_public_key_private.pem"));
        using var signer = WeChatPayPlatformSigner.FromPem(PublicKeyId, pem);
        var headers = signer.Sign(timestamp ?? DateTimeOffset.UtcNow.ToUnixTimeSeconds(), Guid.NewGuid().ToString("N"), bytes);
        var request = new HttpRequestMessage(HttpMethod.Post, "/wechat/pay/notify")
        {
            Content = new ByteArrayContent(cutShort ? bytes[..(bytes.Length / 2)] : bytes),
        };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation(PaySignatureHeaders.TimestampHeader, headers.Timestamp);
        request.Headers.TryAddWithoutValidation(PaySignatureHeaders.NonceHeader, headers.Nonce);
        request.Headers.TryAddWithoutValidation(PaySignatureHeaders.SignatureHeader, headers.Signature);
        request.Headers.TryAddWithoutValidation(PaySignatureHeaders.SerialHeader, headers.Serial);
        return request;
    }

    public static object Transaction(
        string outTradeNumber, long totalFen, string? appId = OfficialAccountAppId, string mchid = MerchantId, string? transactionId = null) => new
    {
        appid = appId, mchid, out_trade_no = outTradeNumber,
        transaction_id = transactionId ?? "4200" + Random.Shared.NextInt64(1_000_000_000_000_000, 9_999_999_999_999_999),
        trade_type = "NATIVE", trade_state = "SUCCESS", trade_state_desc = "支付成功", bank_type = "OTHERS",
        success_time = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture),
        payer = new { openid = "o-test" }, amount = new { total = totalFen, payer_total = totalFen, currency = "CNY", payer_currency = "CNY" },
    };
}
