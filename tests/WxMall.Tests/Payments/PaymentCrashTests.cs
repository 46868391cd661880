using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using WxMall.Data;
using WxMall.Inventory;
using WxMall.Ordering;
using WxMall.Tests.Infrastructure;

namespace WxMall.Tests.Payments;

/// <summary>The store dies after receiving a notification and before committing it: WeChat's retry completes the payment.</summary>
public sealed class PaymentCrashTests(PaymentCrashTests.CrashingStore app) : IClassFixture<PaymentCrashTests.CrashingStore>
{
    /// <summary>Fails the next save that marks an order paid, as a process killed mid-request would leave it: nothing committed.</summary>
    public sealed class CrashBeforePaidCommit : SaveChangesInterceptor
    {
        private int armed;

        public int Crashes { get; private set; }

        public void Arm() => Interlocked.Exchange(ref armed, 1);

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
            DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            var markingPaid = eventData.Context!.ChangeTracker.Entries<Order>()
                .Any(entry => entry.State == EntityState.Modified && entry.Entity.Status == OrderStatus.Paid && entry.Property(o => o.Status).IsModified);
            if (markingPaid && Interlocked.Exchange(ref armed, 0) == 1)
            {
                Crashes++;
                throw new IOException("Simulated crash between receiving the payment notification and committing it.");
            }

            return base.SavingChangesAsync(eventData, result, cancellationToken);
        }
    }

    public sealed class CrashingStore : PaySandbox
    {
        public CrashBeforePaidCommit Crash { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.ConfigureDbContext<SqliteMallDb>(options => options.AddInterceptors(Crash)));
        }
    }

    [Fact]
    public async Task The_retried_notification_completes_a_payment_the_store_crashed_on()
    {
        var (shopper, userId, _) = await app.WeChatShopperAsync();
        var order = await app.OrderAsync(shopper);
        var payment = await PaySandbox.StartAsync(shopper, order.Number, "native");
        app.Crash.Arm();

        await app.PayAtWeChatAsync(payment.CodeUrl!, userId);

        await Eventually.TrueAsync(async () => (await app.OrderRowAsync(order.Number)).Status == OrderStatus.Paid, "a later delivery pays the order");
        var deliveries = await app.Emulator.GetFromJsonAsync<JsonElement>("/emulator/pay/notifications");
        Assert.Equal(1, app.Crash.Crashes);
        Assert.Contains("500", deliveries.ToString(), StringComparison.Ordinal);
        await Eventually.TrueAsync(
            () => app.DbAsync(db => db.StockMovements.AnyAsync(m => m.OrderNumber == order.Number && m.Kind == StockMovementKind.Commit)),
            "stock is committed once");
        Assert.Equal(1, await app.DbAsync(db => db.StockMovements.CountAsync(m => m.OrderNumber == order.Number && m.Kind == StockMovementKind.Commit)));
    }
}
