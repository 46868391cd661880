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

    // The binder appends configured array elements to initialised ones, so the defaults live apart from the settings.
    private static readonly TimeSpan[] DefaultRetryCooldowns = [TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(500)];
    private static readonly TimeSpan[] DefaultScheduledRetries = [TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2)];

    /// <summary>Back-off between the quick in-process retries of a failing handler; empty means 100 ms, 500 ms.</summary>
    public TimeSpan[] RetryCooldowns { get; set; } = [];

    /// <summary>Back-off between the later, durable retries before a message becomes a dead letter; empty means 5 s, 30 s, 2 min.</summary>
    public TimeSpan[] ScheduledRetries { get; set; } = [];

    /// <summary>
    /// How many messages each local queue handles at once. Handlers mostly wait (on the database writer, on WeChat), and
    /// the ones that write share a transaction (<see cref="SharedWrites"/>): the more run together, the fewer commits.
    /// </summary>
    public int LocalQueueParallelism { get; set; } = 16;

    public TimeSpan[] EffectiveRetryCooldowns => RetryCooldowns.Length > 0 ? RetryCooldowns : DefaultRetryCooldowns;

    public TimeSpan[] EffectiveScheduledRetries => ScheduledRetries.Length > 0 ? ScheduledRetries : DefaultScheduledRetries;
}

public static class MessagingModule
{
    /// <summary>
    /// Wolverine as the durable bus: message storage in the store's own database, local durable queues,
    /// the EF Core transactional outbox, scheduled messages, retries with back-off, then dead letters.
    /// </summary>
    public static WebApplicationBuilder AddMessaging(this WebApplicationBuilder builder)
    {
        var database = DataModule.ReadOptions(builder.Configuration, builder.Environment.ContentRootPath);
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
                options.PersistMessagesWithSqlite(new SqliteStoreDataSource(database.ConnectionString, database.CreateSqlitePragmas()));
            }

            options.UseEntityFrameworkCoreTransactions();

            // Each handler of an event gets its own queue, retries and dead letters: points failing must not re-commit stock.
            options.MultipleHandlerBehavior = MultipleHandlerBehavior.Separated;
            options.Policies.UseDurableLocalQueues();
            options.Policies.AllLocalQueues(queue => queue.MaximumParallelMessages(messaging.LocalQueueParallelism));
            options.Durability.ScheduledJobPollingTime = messaging.ScheduledPollingInterval;
            options.Policies.OnAnyException()
                .RetryWithCooldown(messaging.EffectiveRetryCooldowns)
                .Then.ScheduleRetry(messaging.EffectiveScheduledRetries)
                .Then.MoveToErrorQueue();
        });
        return builder;
    }
}
