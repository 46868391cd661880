namespace WxMall.CustomerService.Bot;

/// <summary>
/// Classifies a shopper's message into an <see cref="Intent"/>. Thread-safe; register one per app.
/// The first call waits for the model if it is still training (about a second after start-up).
/// </summary>
public sealed class IntentClassifier
{
    private readonly Task<IntentModel> model;

    public IntentClassifier()
        : this(IntentModelCache.GetAsync())
    {
    }

    public IntentClassifier(Task<IntentModel> model)
    {
        this.model = model;
    }

    public bool IsReady => model.IsCompletedSuccessfully;

    /// <summary>Completes when the model is trained, so a caller can wait without blocking a thread.</summary>
    public Task WhenReadyAsync() => model;

    public IntentPrediction Classify(string text)
    {
        var normalised = BotText.Normalise(text);
        if (normalised.Length == 0)
        {
            return new IntentPrediction(Intent.Other, 1f, []);
        }

        var scores = model.GetAwaiter().GetResult().Score(normalised);
        var ranked = Intents.All
            .Select(intent => (Intent: intent, Score: (int)intent < scores.Length ? scores[(int)intent] : 0f))
            .OrderByDescending(x => x.Score).ThenBy(x => x.Intent)
            .ToList();
        return new IntentPrediction(ranked[0].Intent, ranked[0].Score, ranked.Skip(1).ToList());
    }
}
