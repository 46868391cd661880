using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WxMall.Data;
using WxMall.Storefront;

namespace WxMall.Payments.Reconciliation;

/// <summary>
/// Reconciles yesterday's bill every day at <see cref="PaymentOptions.ReconciliationTimeOfDay"/> (China time), once:
/// an instance that finds the day already reconciled by the daily job leaves it.
/// </summary>
public sealed partial class DailyReconciliation(
    IServiceScopeFactory scopes, PayGateway gateway, IOptions<PaymentOptions> options, TimeProvider clock, ILogger<DailyReconciliation> logger) : BackgroundService
{
    public const string StartedBy = "system:daily";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!gateway.IsConfigured || !options.Value.ReconcileDaily)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var now = clock.GetUtcNow().ToOffset(Money.ChinaOffset);
            var next = new DateTimeOffset(now.Date, now.Offset) + options.Value.ReconciliationTimeOfDay;
            if (next <= now)
            {
                next = next.AddDays(1);
            }

            await Task.Delay(next - now, clock, stoppingToken);
            var billDate = DateOnly.FromDateTime(next.Date).AddDays(-1);
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<MallDb>();
                if (!await db.ReconciliationRuns.AnyAsync(r => r.BillDate == billDate && r.StartedBy == StartedBy, stoppingToken))
                {
                    await scope.ServiceProvider.GetRequiredService<ReconcileDay>().HandleAsync(billDate, StartedBy, stoppingToken);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // Tomorrow's run tries again and an admin can run any date by hand; the failure must be visible.
                LogFailed(logger, exception, billDate);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Daily reconciliation of {BillDate} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, DateOnly billDate);
}
