namespace WxMall.CustomerService.Bot;

/// <summary>
/// The model's decision for one message: the best intent, its probability (0–1), and the other intents
/// ordered by probability, so a caller can hand over to a human when the top two are close.
/// </summary>
public sealed record IntentPrediction(Intent Intent, float Confidence, IReadOnlyList<(Intent Intent, float Score)> Alternatives);
