using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace WxMall.WeChatEmulator.Tests.Support;

/// <summary>A stand-in for the store on a loopback port: records what the emulator pushes and answers as told.</summary>
public sealed class StoreReceiver : IAsyncDisposable
{
    private readonly WebApplication app;

    private StoreReceiver(WebApplication app, Uri baseAddress)
    {
        this.app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public ConcurrentQueue<ReceivedRequest> MessagePushes { get; } = new();

    public ConcurrentQueue<ReceivedRequest> PayNotifications { get; } = new();

    /// <summary>Builds the reply body to a message push (default: "success").</summary>
    public Func<ReceivedRequest, string> MessageReply { get; set; } = _ => "success";

    /// <summary>Status codes to answer notifications with, in order; 200 once empty.</summary>
    public ConcurrentQueue<int> NotificationStatuses { get; } = new();

    public static async Task<StoreReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        StoreReceiver? receiver = null;
        app.MapPost("/wechat/message", async (HttpContext context) =>
        {
            var request = await ReceivedRequest.ReadAsync(context.Request);
            receiver!.MessagePushes.Enqueue(request);
            return Results.Text(receiver.MessageReply(request), "text/xml");
        });
        app.MapPost("/pay/notify", async (HttpContext context) =>
        {
            var request = await ReceivedRequest.ReadAsync(context.Request);
            receiver!.PayNotifications.Enqueue(request);
            if (request.Headers.GetValueOrDefault("Wechatpay-Signature", string.Empty).StartsWith("WECHATPAY/SIGNTEST/", StringComparison.Ordinal))
            {
                return Results.Json(new { code = "FAIL", message = "签名验证失败" }, statusCode: 401);
            }

            var status = receiver.NotificationStatuses.TryDequeue(out var next) ? next : 200;
            return status == 200 ? Results.Ok() : Results.Json(new { code = "FAIL", message = "失败" }, statusCode: status);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver = new StoreReceiver(app, new Uri(address + "/"));
        return receiver;
    }

    public static async Task<T> WaitForAsync<T>(Func<T?> probe, int timeoutMilliseconds = 10_000)
        where T : class
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMilliseconds);
        while (DateTime.UtcNow < deadline)
        {
            if (probe() is { } value)
            {
                return value;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException("The emulator did not deliver in time.");
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

public sealed record ReceivedRequest(string PathAndQuery, IReadOnlyDictionary<string, string> Query, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string BodyText => System.Text.Encoding.UTF8.GetString(Body);

    public static async Task<ReceivedRequest> ReadAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        return new ReceivedRequest(
            request.Path + request.QueryString,
            request.Query.ToDictionary(pair => pair.Key, pair => pair.Value.ToString()),
            request.Headers.ToDictionary(pair => pair.Key, pair => pair.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            buffer.ToArray());
    }
}
