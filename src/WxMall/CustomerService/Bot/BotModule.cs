namespace WxMall.CustomerService.Bot;

public static class BotModule
{
    /// <summary>The intent classifier (model trained in the background at start-up) and the product recommender.</summary>
    public static WebApplicationBuilder AddBot(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IntentClassifier>();
        builder.Services.AddSingleton<ProductRecommender>();
        builder.Services.AddHostedService<IntentModelWarmUp>();
        return builder;
    }
}

/// <summary>Starts training when the host starts, without holding the start-up up; a failure is logged, and thrown again by Classify.</summary>
internal sealed partial class IntentModelWarmUp(ILogger<IntentModelWarmUp> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = IntentModelCache.GetAsync().ContinueWith(
            training => LogTrainingFailed(logger, training.Exception!.GetBaseException()),
            CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The customer-service bot could not train its intent model; the bot cannot classify messages until the data files are fixed.")]
    private static partial void LogTrainingFailed(ILogger logger, Exception exception);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
