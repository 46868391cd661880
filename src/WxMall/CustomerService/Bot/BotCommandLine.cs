using System.Diagnostics;
using System.Globalization;

namespace WxMall.CustomerService.Bot;

/// <summary>
/// <c>dotnet run --project src/WxMall -- cs &lt;command&gt;</c>: the bot's model from the shell, without starting the
/// web host, the emulator or the database.
/// </summary>
public static class BotCommandLine
{
    private const string Usage = """
        用法：
          cs classify --file FILE     每行输出 意图<TAB>置信度<TAB>原文（FILE 为 - 时读标准输入）
          cs evaluate [--file FILE]   在留出集（默认 intents.heldout.tsv）上输出准确率与混淆矩阵
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        switch (args)
        {
            case ["classify", "--file", var file]:
                return await ClassifyAsync(file, output, error);
            case ["evaluate"]:
                return await EvaluateAsync(IntentExamples.HeldOutFile, output, error);
            case ["evaluate", "--file", var file]:
                return await EvaluateAsync(file, output, error);
            default:
                await error.WriteLineAsync(Usage);
                return 2;
        }
    }

    private static async Task<int> ClassifyAsync(string file, TextWriter output, TextWriter error)
    {
        if (file != "-" && !File.Exists(file))
        {
            await error.WriteLineAsync($"找不到文件 {file}：请给出每行一条消息的 UTF-8 文本文件，或用 - 表示标准输入。");
            return 1;
        }

        var classifier = new IntentClassifier();
        using var reader = file == "-" ? new StreamReader(Console.OpenStandardInput()) : new StreamReader(file);
        while (await reader.ReadLineAsync() is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var prediction = classifier.Classify(line);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{Intents.WireName(prediction.Intent)}\t{prediction.Confidence:0.000}\t{line.Trim()}"));
        }

        return 0;
    }

    private static async Task<int> EvaluateAsync(string file, TextWriter output, TextWriter error)
    {
        IReadOnlyList<IntentExample> examples;
        try
        {
            examples = IntentExamples.Load(file);
        }
        catch (Exception exception) when (exception is FileNotFoundException or FormatException)
        {
            await error.WriteLineAsync(exception.Message);
            return 1;
        }

        var stopwatch = Stopwatch.StartNew();
        var model = await IntentModelCache.GetAsync();
        var evaluation = IntentEvaluation.Run(new IntentClassifier(Task.FromResult(model)), examples);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"trained on {model.ExampleCount} messages in {model.TrainingTime.TotalSeconds:0.00} s; evaluated {examples.Count} messages of {file} ({stopwatch.Elapsed.TotalSeconds:0.00} s in all)"));
        await output.WriteAsync(evaluation.Format());
        return 0;
    }
}
