using Microsoft.Playwright;

namespace WxMall.BrowserTests.Infrastructure;

/// <summary>
/// A basic accessibility check run inside the page: every visible form field has a label, every image has alt text,
/// visible text reaches WCAG AA contrast (4.5:1, 3:1 for large text) against its effective background, and nothing
/// makes the page wider than the window (usable at 375 px).
/// </summary>
public static class AccessibilityCheck
{
    private const string Script = """
        () => {
          const problems = [];
          const describe = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.getAttribute('name') ? '[name=' + el.getAttribute('name') + ']' : '');
          for (const field of document.querySelectorAll('input:not([type=hidden]), select, textarea')) {
            const labelled = (field.labels && field.labels.length > 0 && [...field.labels].some(l => l.textContent.trim().length > 0))
              || (field.getAttribute('aria-label') || '').trim().length > 0
              || (field.getAttribute('aria-labelledby') || '').trim().length > 0;
            if (!labelled) { problems.push('no label: ' + describe(field)); }
          }
          for (const img of document.querySelectorAll('img')) {
            if (!(img.getAttribute('alt') || '').trim()) { problems.push('no alt: img ' + img.getAttribute('src')); }
          }
          const parse = c => { const m = c.match(/rgba?\(([^)]+)\)/); if (!m) { return null; } const p = m[1].split(/[ ,\/]+/).filter(x => x).map(parseFloat); return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 }; };
          const channel = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
          const luminance = c => 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
          const background = el => {
            for (; el; el = el.parentElement) { const c = parse(getComputedStyle(el).backgroundColor); if (c && c.a > 0.5) { return c; } }
            return { r: 255, g: 255, b: 255, a: 1 };
          };
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          const seen = new Set();
          while (walker.nextNode()) {
            const text = walker.currentNode.textContent.trim();
            const el = walker.currentNode.parentElement;
            if (!text || !el || seen.has(el) || el.closest('option, script, style, [disabled], .sr-only')) { continue; }
            seen.add(el);
            const style = getComputedStyle(el);
            if (style.visibility === 'hidden' || el.getClientRects().length === 0) { continue; }
            const fg = parse(style.color); const bg = background(el);
            const l1 = luminance(fg), l2 = luminance(bg);
            const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
            const size = parseFloat(style.fontSize); const bold = parseInt(style.fontWeight, 10) >= 700;
            const needed = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
            if (ratio + 0.01 < needed) { problems.push('contrast ' + ratio.toFixed(2) + ' < ' + needed + ': "' + text.slice(0, 30) + '" in ' + describe(el)); }
          }
          // A phone browser zooms out to fit wide content (innerWidth grows), so compare with the screen too.
          const limit = Math.min(window.innerWidth, window.screen.width);
          const width = document.documentElement.scrollWidth;
          if (width > limit + 1) { problems.push('page is ' + width + ' px wide in a ' + limit + ' px window'); }
          return problems;
        }
        """;

    public static async Task<IReadOnlyList<string>> RunAsync(IPage page) => await page.EvaluateAsync<string[]>(Script);

    /// <summary>Fails with every problem found, naming the page.</summary>
    public static async Task AssertPassesAsync(IPage page)
    {
        var problems = await RunAsync(page);
        Assert.True(problems.Count == 0, $"{page.Url}:\n  " + string.Join("\n  ", problems));
    }
}
