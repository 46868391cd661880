using WxMall.CustomerService.Bot;

namespace WxMall.Tests.CustomerService.Bot;

/// <summary>
/// The intent model, trained once per test run (the model cache is shared by every test class) from the training file
/// and measured on the held-out file it never saw.
/// </summary>
public sealed class IntentClassifierTests(ITestOutputHelper output)
{
    private static readonly IntentClassifier Classifier = new();

    [Fact]
    public async Task Held_out_accuracy_is_at_least_90_percent()
    {
        var model = await IntentModelCache.GetAsync();
        var heldOut = IntentExamples.Load(IntentExamples.HeldOutFile);

        var evaluation = IntentEvaluation.Run(Classifier, heldOut);

        output.WriteLine($"trained on {model.ExampleCount} messages in {model.TrainingTime.TotalSeconds:0.00} s");
        output.WriteLine(evaluation.Format());
        Assert.Equal(heldOut.Count, evaluation.Total);
        Assert.True(evaluation.Accuracy >= 0.90, $"held-out accuracy {evaluation.Accuracy:0.000} is below the 0.90 goal:\n{evaluation.Format()}");
    }

    [Fact]
    public void The_data_files_have_enough_messages_per_intent_and_share_none()
    {
        var training = IntentExamples.Load(IntentExamples.TrainingFile);
        var heldOut = IntentExamples.Load(IntentExamples.HeldOutFile);

        foreach (var intent in Intents.All)
        {
            Assert.True(training.Count(e => e.Intent == intent) >= 40, $"{Intents.WireName(intent)} has fewer than 40 training messages");
            Assert.True(heldOut.Count(e => e.Intent == intent) >= 15, $"{Intents.WireName(intent)} has fewer than 15 held-out messages");
        }

        var trainingTexts = training.Select(e => BotText.Normalise(e.Text)).ToHashSet();
        Assert.Empty(heldOut.Where(e => trainingTexts.Contains(BotText.Normalise(e.Text))).Select(e => e.Text));
    }

    [Theory]
    [InlineData("我的订单到哪了", Intent.OrderStatus)]
    [InlineData("6000左右的游戏本推荐一下", Intent.ProductRecommend)]
    [InlineData("转人工", Intent.HumanAgent)]
    [InlineData("你好", Intent.Greeting)]
    [InlineData("能开专票吗", Intent.Invoice)]
    public void The_messages_of_the_issue_are_understood(string text, Intent expected)
    {
        var prediction = Classifier.Classify(text);

        Assert.Equal(expected, prediction.Intent);
        Assert.InRange(prediction.Confidence, 0.2f, 1f);
        Assert.Equal(Intents.All.Count - 1, prediction.Alternatives.Count);
        Assert.All(prediction.Alternatives, alternative => Assert.True(alternative.Score <= prediction.Confidence));
    }

    [Fact]
    public void Full_width_letters_and_digits_classify_like_half_width()
    {
        var fullWidth = Classifier.Classify("ＲＴＸ４０６０的游戏本推荐一下");
        var halfWidth = Classifier.Classify("rtx4060的游戏本推荐一下");

        Assert.Equal(halfWidth.Intent, fullWidth.Intent);
        Assert.Equal(halfWidth.Confidence, fullWidth.Confidence);
    }

    [Theory]
    [InlineData("  ")]
    [InlineData("")]
    public void An_empty_message_is_other(string text)
    {
        Assert.Equal(Intent.Other, Classifier.Classify(text).Intent);
    }

    [Fact]
    public void Training_is_deterministic()
    {
        var examples = IntentExamples.Load(IntentExamples.TrainingFile);
        var again = new IntentClassifier(Task.FromResult(IntentModel.Train(examples)));

        foreach (var text in new[] { "发票怎么开", "快递到哪了", "显卡花屏了" })
        {
            Assert.Equal(Classifier.Classify(text), again.Classify(text), PredictionComparer.Instance);
        }
    }

    [Fact]
    public async Task Parallel_classification_gives_the_same_answers()
    {
        var texts = IntentExamples.Load(IntentExamples.HeldOutFile).Select(e => e.Text).ToList();
        var sequential = texts.Select(t => Classifier.Classify(t).Intent).ToList();

        var parallel = await Task.WhenAll(texts.Select(t => Task.Run(() => Classifier.Classify(t).Intent, TestContext.Current.CancellationToken)));

        Assert.Equal(sequential, parallel);
    }

    [Fact]
    public void A_malformed_data_line_names_its_file_and_line()
    {
        var error = Assert.Throws<FormatException>(() => IntentExamples.Parse(["order_status\t查单", "orderstatus\t查单"], "x.tsv"));

        Assert.Contains("x.tsv 第 2 行", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Wire_names_round_trip()
    {
        foreach (var intent in Intents.All)
        {
            Assert.True(Intents.TryParse(Intents.WireName(intent), out var parsed));
            Assert.Equal(intent, parsed);
        }

        Assert.Equal("order_status", Intents.WireName(Intent.OrderStatus));
        Assert.Equal("other", Intents.WireName(Intent.Other));
        Assert.False(Intents.TryParse("orderstatus", out _));
    }

    private sealed class PredictionComparer : IEqualityComparer<IntentPrediction>
    {
        public static readonly PredictionComparer Instance = new();

        public bool Equals(IntentPrediction? x, IntentPrediction? y) =>
            x is not null && y is not null && x.Intent == y.Intent && x.Confidence == y.Confidence && x.Alternatives.SequenceEqual(y.Alternatives);

        public int GetHashCode(IntentPrediction obj) => obj.Intent.GetHashCode();
    }
}
