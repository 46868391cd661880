namespace WxMall.CustomerService.Bot;

/// <summary>One labelled message of a data file.</summary>
public sealed record IntentExample(Intent Intent, string Text);

/// <summary>Reads the labelled data files (<c>intent&lt;TAB&gt;text</c> per line) copied beside the app.</summary>
public static class IntentExamples
{
    public static string DataFolder => Path.Combine(AppContext.BaseDirectory, "CustomerService", "Bot", "Data");

    /// <summary>The messages the model is trained on.</summary>
    public static string TrainingFile => Path.Combine(DataFolder, "intents.train.tsv");

    /// <summary>Messages written separately and never trained on, to measure the model.</summary>
    public static string HeldOutFile => Path.Combine(DataFolder, "intents.heldout.tsv");

    public static IReadOnlyList<IntentExample> Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"找不到意图数据文件 {path}：它应随程序复制到输出目录（WxMall.csproj 中的 CustomerService/Bot/Data/*.tsv）。", path);
        }

        return Parse(File.ReadLines(path), path);
    }

    public static IReadOnlyList<IntentExample> Parse(IEnumerable<string> lines, string source)
    {
        var examples = new List<IntentExample>();
        var number = 0;
        foreach (var line in lines)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line) || line.StartsWith('#'))
            {
                continue;
            }

            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab <= 0 || !Intents.TryParse(line[..tab], out var intent) || string.IsNullOrWhiteSpace(line[(tab + 1)..]))
            {
                throw new FormatException($"{source} 第 {number} 行应为“意图<TAB>文本”，意图是 {string.Join("、", Intents.All.Select(Intents.WireName))} 之一：{line}");
            }

            examples.Add(new IntentExample(intent, line[(tab + 1)..].Trim()));
        }

        return examples;
    }
}
