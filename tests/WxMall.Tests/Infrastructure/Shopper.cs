using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using WxMall.Members;
using WxMall.Ordering;

namespace WxMall.Tests.Infrastructure;

/// <summary>A shopper's browser: cookies kept between calls, with the few steps most tests need.</summary>
public sealed class Shopper(HttpClient client) : IDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    public HttpClient Client { get; } = client;

    public string Phone { get; private set; } = "";

    public static string RandomPhone() => "139" + RandomNumberGenerator.GetInt32(0, 100_000_000).ToString("D8", System.Globalization.CultureInfo.InvariantCulture);

    public async Task<MemberView> RegisterAsync(string? phone = null, string password = "secret-pass-1")
    {
        Phone = phone ?? RandomPhone();
        var response = await Client.PostAsJsonAsync("/api/members/register", new { phone = Phone, password, nickname = "测试用户" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<MemberView>(Json))!;
    }

    public async Task<long> AddAddressAsync()
    {
        var response = await Client.PostAsJsonAsync("/api/members/me/addresses", new
        {
            recipientName = "张三丰", phone = "13812341234", province = "北京市", city = "北京市", district = "海淀区",
            detail = "中关村大街 27 号 1101 室", isDefault = true,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<AddressView>(Json))!.Id;
    }

    public Task<HttpResponseMessage> PlaceOrderAsync(object request, string? idempotencyKey = null)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, "/api/orders") { Content = JsonContent.Create(request) };
        if (idempotencyKey is not null)
        {
            message.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return Client.SendAsync(message);
    }

    public async Task<OrderView> PlacePickupOrderAsync(string sku, int quantity = 1, string store = "bj-zgc")
    {
        var response = await PlaceOrderAsync(new { lines = new[] { new { sku, quantity } }, delivery = "pickup", pickupStore = store });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<OrderView>(Json))!;
    }

    public async Task<T> GetAsync<T>(string url)
    {
        var response = await Client.GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"GET {url} → {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<T>(Json))!;
    }

    public void Dispose() => Client.Dispose();
}

public static class HttpAssertions
{
    /// <summary>Reads a ProblemDetails body and checks its status; returns the parsed JSON for further checks.</summary>
    public static async Task<JsonElement> ProblemAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body).RootElement;
    }
}

public static class Eventually
{
    /// <summary>Waits for work done by background handlers; fails with <paramref name="what"/> if it never happens.</summary>
    public static async Task TrueAsync(Func<Task<bool>> condition, string what, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"Timed out after {seconds}s waiting for: {what}");
    }
}
