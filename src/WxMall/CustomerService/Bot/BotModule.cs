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

/// <summary>Starts training when the host starts, without holding the start-up up.</summary>
internal sealed class IntentModelWarmUp : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = IntentModelCache.GetAsync();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
