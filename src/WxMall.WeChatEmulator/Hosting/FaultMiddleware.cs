using Microsoft.AspNetCore.Http;
using WxMall.WeChatEmulator.Pay;

namespace WxMall.WeChatEmulator.Hosting;

/// <summary>Applies <see cref="FaultRule"/>s: latency, then a WeChat-shaped error instead of the real answer.</summary>
internal sealed class FaultMiddleware(RequestDelegate next, FaultBook faults, TimeProvider timeProvider)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? string.Empty;
        var rule = path.StartsWith("/emulator", StringComparison.Ordinal) ? null : faults.Take(path);
        if (rule is null)
        {
            await next(context);
            return;
        }

        if (rule.LatencyMilliseconds > 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(rule.LatencyMilliseconds), timeProvider, context.RequestAborted);
        }

        if (path.StartsWith("/v3/", StringComparison.Ordinal) && rule.PayCode is not null)
        {
            await PayReply.Error(rule.HttpStatus ?? 500, rule.PayCode, "模拟器注入的错误").ExecuteAsync(context);
            return;
        }

        if (rule.ErrorCode is { } errorCode)
        {
            await WeChatReply.Error(errorCode, "emulator injected error").ExecuteAsync(context);
            return;
        }

        if (rule.HttpStatus is { } status)
        {
            context.Response.StatusCode = status;
            return;
        }

        await next(context);
    }
}
