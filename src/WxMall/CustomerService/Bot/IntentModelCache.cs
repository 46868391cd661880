namespace WxMall.CustomerService.Bot;

/// <summary>
/// Trains the model from the training file once per process, on a background thread, and shares it:
/// every <see cref="IntentClassifier"/> (each app host, each test class) uses the same instance.
/// </summary>
public static class IntentModelCache
{
    private static readonly Lazy<Task<IntentModel>> Shared =
        new(() => Task.Run(() => IntentModel.Train(IntentExamples.Load(IntentExamples.TrainingFile))), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The model, training it in the background on first use.</summary>
    public static Task<IntentModel> GetAsync() => Shared.Value;
}
