using System.Globalization;
using System.Text;

namespace WxMall.CustomerService.Bot;

/// <summary>Accuracy and confusion of the classifier on labelled messages it was not trained on.</summary>
public sealed class IntentEvaluation
{
    private readonly int[,] confusion;

    private IntentEvaluation(int[,] confusion, IReadOnlyList<(IntentExample Example, IntentPrediction Prediction)> mistakes)
    {
        this.confusion = confusion;
        Mistakes = mistakes;
    }

    public int Total => Intents.All.Sum(expected => Intents.All.Sum(predicted => confusion[(int)expected, (int)predicted]));

    public int Correct => Intents.All.Sum(intent => confusion[(int)intent, (int)intent]);

    public double Accuracy => Total == 0 ? 0 : (double)Correct / Total;

    public IReadOnlyList<(IntentExample Example, IntentPrediction Prediction)> Mistakes { get; }

    /// <summary>How many messages labelled <paramref name="expected"/> the model called <paramref name="predicted"/>.</summary>
    public int Count(Intent expected, Intent predicted) => confusion[(int)expected, (int)predicted];

    public double Recall(Intent intent)
    {
        var labelled = Intents.All.Sum(predicted => confusion[(int)intent, (int)predicted]);
        return labelled == 0 ? 0 : (double)confusion[(int)intent, (int)intent] / labelled;
    }

    public static IntentEvaluation Run(IntentClassifier classifier, IReadOnlyList<IntentExample> examples)
    {
        var confusion = new int[Intents.All.Count, Intents.All.Count];
        var mistakes = new List<(IntentExample, IntentPrediction)>();
        foreach (var example in examples)
        {
            var prediction = classifier.Classify(example.Text);
            confusion[(int)example.Intent, (int)prediction.Intent]++;
            if (prediction.Intent != example.Intent)
            {
                mistakes.Add((example, prediction));
            }
        }

        return new IntentEvaluation(confusion, mistakes);
    }

    /// <summary>A plain-text report: accuracy, per-intent recall, the confusion matrix (rows: labelled, columns: predicted) and the mistakes.</summary>
    public string Format()
    {
        var invariant = CultureInfo.InvariantCulture;
        var report = new StringBuilder();
        report.Append(invariant, $"accuracy\t{Accuracy:0.000}\t({Correct}/{Total})").AppendLine();
        report.AppendLine();
        report.AppendLine("intent\trecall\tcorrect/labelled");
        foreach (var intent in Intents.All)
        {
            var labelled = Intents.All.Sum(predicted => Count(intent, predicted));
            report.Append(invariant, $"{Intents.WireName(intent),-18}\t{Recall(intent):0.00}\t{Count(intent, intent)}/{labelled}").AppendLine();
        }

        report.AppendLine();
        report.AppendLine("confusion (rows: labelled intent, columns: predicted, in the order of the rows)");
        report.Append(' ', 21);
        foreach (var intent in Intents.All)
        {
            report.Append(invariant, $"{(int)intent,4}");
        }

        report.AppendLine();
        foreach (var expected in Intents.All)
        {
            report.Append(invariant, $"{(int)expected,2} {Intents.WireName(expected),-18}");
            foreach (var predicted in Intents.All)
            {
                var count = Count(expected, predicted);
                report.Append(count == 0 ? "   ." : count.ToString(invariant).PadLeft(4));
            }

            report.AppendLine();
        }

        if (Mistakes.Count > 0)
        {
            report.AppendLine();
            report.AppendLine("mistakes (labelled → predicted, confidence, text)");
            foreach (var (example, prediction) in Mistakes)
            {
                report.Append(invariant, $"{Intents.WireName(example.Intent)} → {Intents.WireName(prediction.Intent)}\t{prediction.Confidence:0.00}\t{example.Text}").AppendLine();
            }
        }

        return report.ToString();
    }
}
