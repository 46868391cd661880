using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WxMall.Tests.Infrastructure;

namespace WxMall.Tests.Operations;

/// <summary>Logs never carry secrets or personal data, whatever a shopper or a staff member does.</summary>
public sealed class LogPrivacyTests(LogPrivacyTests.CapturingApp app) : IClassFixture<LogPrivacyTests.CapturingApp>
{
    public sealed class CapturingApp : MallAppFactory
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
        {
            ["Logging:LogLevel:Default"] = "Debug",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = "Information",
        };

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddSingleton<ILoggerProvider>(new CaptureProvider(Lines)));
        }
    }

    [Fact]
    public async Task Registering_adding_an_address_ordering_and_signing_in_staff_log_no_phone_address_or_password()
    {
        using var shopper = app.NewShopper();
        await shopper.RegisterAsync("13987654321", "shopper-secret-77");
        await shopper.AddAddressAsync();
        var (sku, _) = await app.SkuWithStockAsync(10);
        await shopper.PlacePickupOrderAsync(sku);
        using var staff = await app.StaffClientAsync();

        var log = string.Join('\n', app.Lines);
        Assert.True(app.Lines.Count > 20, "the capture saw too little to mean anything");
        foreach (var secret in new[] { "13987654321", "shopper-secret-77", "13812341234", "张三丰", "中关村大街", MallAppFactory.AdminPassword, MallAppFactory.PersonalDataKey })
        {
            Assert.DoesNotContain(secret, log, StringComparison.Ordinal);
        }
    }

    private sealed class CaptureProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Capture(categoryName, lines);

        public void Dispose()
        {
        }
    }

    private sealed class Capture(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{category}: {formatter(state, exception)} {exception}");
    }
}
