using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace WxMall.Catalog;

/// <summary>
/// Placeholder product pictures drawn as SVG from the product's own data, so the store needs no
/// external image host: a tinted card with the category's outline, the brand and the model name.
/// </summary>
public static class ProductImages
{
    public const int ViewsPerProduct = 3;
    private static readonly string[] ViewNames = ["正面", "侧面", "细节"];

    public static string UrlFor(string productCode, int view) => $"/images/products/{productCode}/{view}.svg";

    public static IReadOnlyList<string> UrlsFor(string productCode) =>
        Enumerable.Range(1, ViewsPerProduct).Select(view => UrlFor(productCode, view)).ToList();

    public static string Render(string productCode, string name, string brand, string categoryCode, int view)
    {
        var hue = BitConverter.ToUInt16(SHA256.HashData(Encoding.UTF8.GetBytes(productCode)), 0) % 360;
        var background = $"hsl({hue},45%,92%)";
        var accent = $"hsl({hue},55%,35%)";
        var title = WebUtility.HtmlEncode(name.Length > 18 ? name[..18] + "…" : name);
        var brandText = WebUtility.HtmlEncode(brand);
        var viewName = ViewNames[(view - 1) % ViewNames.Length];
        return $"""
            <svg xmlns="http://www.w3.org/2000/svg" width="600" height="600" viewBox="0 0 600 600" role="img" aria-label="{title} {viewName}图">
              <rect width="600" height="600" fill="{background}"/>
              <g fill="none" stroke="{accent}" stroke-width="10" stroke-linejoin="round">{Outline(categoryCode, view)}</g>
              <text x="300" y="470" font-size="34" text-anchor="middle" fill="{accent}" font-family="WenQuanYi Micro Hei, PingFang SC, Microsoft YaHei, sans-serif" font-weight="bold">{brandText}</text>
              <text x="300" y="520" font-size="26" text-anchor="middle" fill="#333" font-family="WenQuanYi Micro Hei, PingFang SC, Microsoft YaHei, sans-serif">{title}</text>
              <text x="570" y="40" font-size="20" text-anchor="end" fill="#666" font-family="sans-serif">{viewName}</text>
            </svg>
            """;
    }

    private static string Outline(string categoryCode, int view) => (categoryCode, view % 2) switch
    {
        ("laptop", 1) => """<rect x="150" y="110" width="300" height="200" rx="12"/><path d="M110 330 H490 L460 370 H140 Z"/>""",
        ("laptop", _) => """<path d="M120 330 L250 130 L270 135 L150 330 Z"/><path d="M110 330 H490 L470 350 H130 Z"/>""",
        ("desktop", _) => """<rect x="200" y="90" width="200" height="300" rx="14"/><circle cx="300" cy="150" r="18"/><path d="M230 330 H370"/>""",
        ("gpu", _) => """<rect x="110" y="150" width="380" height="170" rx="16"/><circle cx="215" cy="235" r="55"/><circle cx="385" cy="235" r="55"/>""",
        ("cpu", _) => """<rect x="190" y="120" width="220" height="220" rx="10"/><rect x="240" y="170" width="120" height="120"/>""",
        ("motherboard", _) => """<rect x="160" y="90" width="280" height="300" rx="8"/><rect x="200" y="130" width="90" height="90"/><path d="M330 130 V300 M360 130 V300"/>""",
        ("memory", _) => """<rect x="100" y="190" width="400" height="90" rx="8"/><path d="M140 280 V300 M180 280 V300 M220 280 V300 M380 280 V300 M420 280 V300"/>""",
        ("storage", _) => """<rect x="130" y="170" width="340" height="130" rx="12"/><circle cx="420" cy="235" r="14"/>""",
        ("monitor", _) => """<rect x="110" y="100" width="380" height="230" rx="10"/><path d="M300 330 V380 M230 390 H370"/>""",
        _ => """<rect x="130" y="200" width="340" height="120" rx="20"/><path d="M170 240 H430 M170 280 H430"/>""",
    };
}
