using System.Globalization;
using ScottPlot;

namespace WxMall.Admin.Console;

/// <summary>The dashboard's 30-day chart, drawn by ScottPlot as SVG (no hand-drawn charts).</summary>
public static class SalesChart
{
    /// <summary>ScottPlot needs a CJK font named explicitly; Debian's fonts-wqy-microhei provides this one.</summary>
    public const string ChineseFont = "WenQuanYi Micro Hei";

    public static string RenderSvg(IReadOnlyList<DailySales> days, int width = 900, int height = 340)
    {
        var plot = new Plot();
        plot.Font.Set(ChineseFont);
        var yuan = days.Select(d => d.PaidFen / 100.0).ToArray();
        var bars = plot.Add.Bars(yuan);
        bars.Color = new Color(5, 117, 59);
        var orders = plot.Add.Scatter(Enumerable.Range(0, days.Count).Select(i => (double)i).ToArray(), days.Select(d => (double)d.OrdersPlaced).ToArray());
        orders.Axes.YAxis = plot.Axes.Right;
        orders.Color = new Color(196, 29, 29);
        orders.LegendText = "下单数（右轴）";
        bars.LegendText = "支付金额（元）";

        var positions = Enumerable.Range(0, days.Count).Where(i => i % 5 == 4 || i == days.Count - 1).Select(i => (double)i).ToArray();
        var labels = positions.Select(p => days[(int)p].Day.ToString("MM-dd", CultureInfo.InvariantCulture)).ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(positions, labels);
        plot.Axes.Margins(bottom: 0);
        plot.Title("近 30 天支付金额与下单数");
        plot.Axes.Left.Label.Text = "支付金额（元）";
        plot.Axes.Right.Label.Text = "下单数";
        plot.ShowLegend(Alignment.UpperLeft);
        return plot.GetSvgXml(width, height);
    }
}
