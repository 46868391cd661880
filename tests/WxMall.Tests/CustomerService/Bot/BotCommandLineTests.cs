using System.Globalization;
using WxMall.CustomerService.Bot;

namespace WxMall.Tests.CustomerService.Bot;

public sealed class BotCommandLineTests
{
    [Fact]
    public async Task Classify_prints_intent_confidence_and_text_per_line()
    {
        var file = Path.Combine(Path.GetTempPath(), $"wxmall-bot-{Guid.NewGuid():N}.txt");
        await File.WriteAllLinesAsync(file, ["我的订单到哪了", "", "转人工"], TestContext.Current.CancellationToken);
        var output = new StringWriter();
        var error = new StringWriter();
        try
        {
            var exitCode = await BotCommandLine.RunAsync(["classify", "--file", file], output, error);

            Assert.Equal(0, exitCode);
            var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r').Split('\t')).ToList();
            Assert.Equal(2, lines.Count);
            Assert.Equal(["order_status", "我的订单到哪了"], [lines[0][0], lines[0][2]]);
            Assert.Equal(["human_agent", "转人工"], [lines[1][0], lines[1][2]]);
            Assert.All(lines, line => Assert.Matches(@"^(0|1)\.\d{3}$", line[1]));
            Assert.All(lines, line => Assert.InRange(float.Parse(line[1], CultureInfo.InvariantCulture), 0f, 1f));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Evaluate_prints_accuracy_and_confusion()
    {
        var output = new StringWriter();

        var exitCode = await BotCommandLine.RunAsync(["evaluate"], output, new StringWriter());

        Assert.Equal(0, exitCode);
        Assert.Contains("accuracy\t", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("confusion", output.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("classify")]
    [InlineData("classify", "--file", "/no/such/file.txt")]
    [InlineData("train")]
    public async Task Wrong_use_says_how_to_use_it(params string[] args)
    {
        var error = new StringWriter();

        var exitCode = await BotCommandLine.RunAsync(args, new StringWriter(), error);

        Assert.NotEqual(0, exitCode);
        Assert.NotEmpty(error.ToString());
    }
}
