using JasperFx.CodeGeneration;
using Wolverine;
using Wolverine.EntityFrameworkCore;
using Wolverine.ErrorHandling;
using Wolverine.Postgresql;
using Wolverine.Sqlite;
using WxMall.Data;

namespace WxMall.Messaging;

public sealed class MessagingOptions
{
    public const string Section = "Messaging";

    /// <summary>How often scheduled messages (order timeouts) are polled for.</summary>
    public TimeSpan ScheduledPollingInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Back-off between the quick in-process retries of a failing handler.</summary>
    public TimeSpan[] RetryCooldowns { get; set; } = [TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(500)];

    /// <summary>Back-off between the later, durable retries before a message becomes a dead letter.</summary>
    public TimeSpan[] ScheduledRetries { get; set; } = [TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2)];
}

public static class MessagingModule
{
    /// <summary>
    /// Wolverine as the durable bus: message storage in the store's own database, local durable queues,
    /// the EF Core transactional outbox, scheduled messages, retries with back-off, then dead letters.
    /// </summary>
    public static WebApplicationBuilder AddMessaging(this WebApplicationBuilder builder)
    {
        var database = DataModule.ReadOptions(builder.Configuration);
        var messaging = builder.Configuration.GetSection(MessagingOptions.Section).Get<MessagingOptions>() ?? new MessagingOptions();
        builder.Host.UseWolverine(options =>
        {
            options.ServiceName = "wxmall";
            options.UseRuntimeCompilation();
            options.CodeGeneration.TypeLoadMode = TypeLoadMode.Dynamic;
            if (database.Provider == DatabaseProvider.PostgreSql)
            {
                options.PersistMessagesWithPostgresql(database.ConnectionString, "wolverine");
            }
            else
            {
                options.PersistMessagesWithSqlite(database.ConnectionString);
            }

            options.UseEntityFrameworkCoreTransactions();

            // Each handler of an event gets its own queue, retries and dead letters: points failing must not re-commit stock.
            options.MultipleHandlerBehavior = MultipleHandlerBehavior.Separated;
            options.Policies.UseDurableLocalQueues();
            options.Durability.ScheduledJobPollingTime = messaging.ScheduledPollingInterval;
            options.Policies.OnAnyException()
                .RetryWithCooldown(messaging.RetryCooldowns)
                .Then.ScheduleRetry(messaging.ScheduledRetries)
                .Then.MoveToErrorQueue();
        });
        return builder;
    }
}
