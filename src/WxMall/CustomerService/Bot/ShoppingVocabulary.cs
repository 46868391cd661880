namespace WxMall.CustomerService.Bot;

/// <summary>
/// The words shoppers use for categories, uses and brands. Brands mirror the catalog's brand list
/// (codes and Chinese names, plus the product lines people name instead: 拯救者, ROG, 天选); a test keeps them in step
/// with the seed catalog.
/// </summary>
internal static class ShoppingVocabulary
{
    /// <summary>Longer words first, so 游戏本 wins over 游戏 and 台式机 over 台式.</summary>
    private static readonly (string Word, string Category, string? Use)[] CategoryWords =
    [
        ("笔记本电脑", "laptop", null), ("轻薄游戏本", "laptop", "游戏"), ("游戏笔记本", "laptop", "游戏"), ("游戏本", "laptop", "游戏"),
        ("电竞本", "laptop", "游戏"), ("设计本", "laptop", "设计"), ("创作本", "laptop", "设计"), ("轻薄本", "laptop", null),
        ("商务本", "laptop", "办公"), ("办公本", "laptop", "办公"), ("学生本", "laptop", "学生"), ("全能本", "laptop", null),
        ("笔记本", "laptop", null), ("笔电", "laptop", null), ("本子", "laptop", null), ("macbook", "laptop", null), ("laptop", "laptop", null),
        ("迷你主机", "desktop", null), ("小主机", "desktop", null), ("游戏主机", "desktop", "游戏"), ("电脑主机", "desktop", null),
        ("台式电脑", "desktop", null), ("台式机", "desktop", null), ("台式", "desktop", null), ("主机", "desktop", null),
        ("整机", "desktop", null), ("一体机", "desktop", null), ("desktop", "desktop", null),
        ("电竞显示器", "monitor", "游戏"), ("电竞屏", "monitor", "游戏"), ("显示器", "monitor", null), ("显示屏", "monitor", null),
        ("显卡", "gpu", null), ("独显", "gpu", null),
        ("处理器", "cpu", null), ("cpu", "cpu", null), ("主板", "motherboard", null), ("内存条", "memory", null),
        ("固态硬盘", "storage", null), ("固态", "storage", null), ("硬盘", "storage", null), ("ssd", "storage", null),
        ("机械键盘", "peripheral", null), ("键盘", "peripheral", null), ("鼠标", "peripheral", null), ("耳机", "peripheral", null),
        ("耳麦", "peripheral", null), ("键鼠", "peripheral", null), ("外设", "peripheral", null),
    ];

    private static readonly string[] Systems = ["laptop", "desktop"];

    /// <summary>Checked in this order: the most demanding use wins when a message names several (学生，主要打游戏 → 游戏).</summary>
    private static readonly (string Use, string[] Words)[] UseWords =
    [
        ("设计", ["设计", "剪辑", "剪视频", "视频剪辑", "建模", "渲染", "画图", "绘图", "修图", "平面", "cad", "3d", "c4d", "blender", "pr", "ps", "ae", "达芬奇", "创作", "做视频", "调色", "ue5"]),
        ("游戏", ["打游戏", "玩游戏", "游戏", "吃鸡", "lol", "英雄联盟", "电竞", "3a", "黑神话", "原神", "瓦罗兰特", "无畏契约", "打瓦", "apex", "cs2", "csgo", "dota", "永劫", "网游", "单机", "steam", "赛博朋克", "fps"]),
        ("办公", ["办公", "上班", "工作用", "出差", "商务", "文档", "excel", "ppt", "word", "炒股", "编程", "写代码", "程序员"]),
        ("学生", ["学生", "上课", "网课", "大学", "高中", "初中", "小学", "考研", "宿舍", "学习", "开学", "上学"]),
    ];

    private static readonly (string Word, string Brand)[] BrandWords =
    [
        ("联想", "lenovo"), ("lenovo", "lenovo"), ("拯救者", "lenovo"), ("小新", "lenovo"), ("thinkpad", "lenovo"), ("thinkbook", "lenovo"), ("legion", "lenovo"),
        ("华硕", "asus"), ("asus", "asus"), ("rog", "asus"), ("玩家国度", "asus"), ("天选", "asus"), ("无畏", "asus"), ("灵耀", "asus"), ("魔霸", "asus"), ("tuf", "asus"),
        ("惠普", "hp"), ("暗影精灵", "hp"), ("光影精灵", "hp"), ("战66", "hp"), ("omen", "hp"), ("hp", "hp"),
        ("戴尔", "dell"), ("dell", "dell"), ("游匣", "dell"), ("xps", "dell"), ("灵越", "dell"),
        ("外星人", "alienware"), ("alienware", "alienware"),
        ("机械革命", "mechrevo"), ("mechrevo", "mechrevo"), ("蛟龙", "mechrevo"),
        ("小米", "xiaomi"), ("xiaomi", "xiaomi"), ("红米", "redmi"), ("redmi", "redmi"),
        ("华为", "huawei"), ("huawei", "huawei"), ("matebook", "huawei"),
        ("荣耀", "honor"), ("honor", "honor"), ("magicbook", "honor"),
        ("宏碁", "acer"), ("宏基", "acer"), ("acer", "acer"), ("掠夺者", "acer"), ("暗影骑士", "acer"),
        ("微星", "msi"), ("msi", "msi"),
        ("苹果", "apple"), ("apple", "apple"), ("macbook", "apple"), ("mac", "apple"),
        ("零刻", "beelink"), ("beelink", "beelink"), ("铭凡", "minisforum"), ("minisforum", "minisforum"),
        ("技嘉", "gigabyte"), ("gigabyte", "gigabyte"), ("七彩虹", "colorful"), ("colorful", "colorful"),
        ("影驰", "galax"), ("galax", "galax"), ("索泰", "zotac"), ("zotac", "zotac"),
        ("蓝宝石", "sapphire"), ("sapphire", "sapphire"), ("撼讯", "powercolor"), ("powercolor", "powercolor"),
        ("英特尔", "intel"), ("intel", "intel"), ("amd", "amd"), ("华擎", "asrock"), ("asrock", "asrock"),
        ("金士顿", "kingston"), ("kingston", "kingston"), ("芝奇", "gskill"), ("g.skill", "gskill"), ("gskill", "gskill"),
        ("海盗船", "corsair"), ("corsair", "corsair"), ("光威", "gloway"), ("gloway", "gloway"), ("威刚", "adata"), ("adata", "adata"),
        ("三星", "samsung"), ("samsung", "samsung"), ("西部数据", "wd"), ("西数", "wd"), ("western digital", "wd"), ("wd", "wd"),
        ("致态", "zhitai"), ("zhitai", "zhitai"), ("铠侠", "kioxia"), ("kioxia", "kioxia"), ("希捷", "seagate"), ("seagate", "seagate"),
        ("lg", "lg"), ("aoc", "aoc"), ("泰坦军团", "titan-army"), ("titan army", "titan-army"),
        ("罗技", "logitech"), ("logitech", "logitech"), ("雷蛇", "razer"), ("razer", "razer"), ("赛睿", "steelseries"), ("steelseries", "steelseries"),
        ("达尔优", "dareu"), ("dareu", "dareu"), ("狼蛛", "aula"), ("aula", "aula"), ("樱桃", "cherry"), ("cherry", "cherry"),
    ];

    private static readonly string[] Filler =
    [
        "推荐一下", "推荐几款", "推荐一款", "推荐个", "推荐", "帮我", "给我", "麻烦", "一下", "有没有", "有什么", "有啥", "什么", "哪款", "哪个",
        "想买", "想要", "我想", "我要", "求", "买", "选", "挑", "配", "款", "台", "个", "的", "了", "吗", "呢", "吧", "啊", "好", "适合", "用",
        "主要", "平时", "偶尔", "电脑", "预算", "价位", "价格", "左右", "我", "是", "和", "或者", "还是", "一台", "一款", "几款", "能", "玩", "可以",
    ];

    public static (string? Category, string? ImpliedUse) ReadCategory(ref string text)
    {
        var found = new List<(int Index, string Category, string? Use)>();
        foreach (var (word, category, use) in CategoryWords)
        {
            var index = text.IndexOf(word, StringComparison.Ordinal);
            if (index >= 0)
            {
                found.Add((index, category, use));
                text = text.Replace(word, new string(' ', word.Length), StringComparison.Ordinal);
            }
        }

        if (found.Count == 0)
        {
            return (null, null);
        }

        // A whole computer named anywhere is what is wanted (4060显卡的游戏本); otherwise the last part named (head-final).
        var system = found.Where(f => Systems.Contains(f.Category)).OrderBy(f => f.Index).LastOrDefault();
        var chosen = system.Category is not null ? system : found.OrderBy(f => f.Index).Last();
        return (chosen.Category, found.Select(f => f.Use).FirstOrDefault(u => u is not null));
    }

    public static string? ReadUse(ref string text)
    {
        string? chosen = null;
        foreach (var (use, words) in UseWords)
        {
            foreach (var word in words)
            {
                var index = text.IndexOf(word, StringComparison.Ordinal);
                if (index < 0 || (IsLatin(word) && !StandsAlone(text, index, word.Length)))
                {
                    continue;
                }

                // 偶尔玩游戏: an occasional use does not decide the machine.
                var occasional = text.LastIndexOf("偶尔", index, StringComparison.Ordinal) is var at && at >= 0 && index - at <= 3;
                if (!occasional)
                {
                    chosen ??= use;
                }

                text = text.Remove(index, word.Length).Insert(index, new string(' ', word.Length));
            }
        }

        return chosen;
    }

    /// <summary>Looks in the whole message (macbook is both a category and a brand), and removes the word from the rest.</summary>
    public static string? ReadBrand(string message, ref string text)
    {
        foreach (var (word, brand) in BrandWords.OrderByDescending(b => b.Word.Length))
        {
            var index = message.IndexOf(word, StringComparison.Ordinal);
            if (index >= 0 && (!IsLatin(word) || StandsAlone(message, index, word.Length)))
            {
                text = text.Replace(word, " ", StringComparison.Ordinal);
                return brand;
            }
        }

        return null;
    }

    /// <summary>The brand codes the parser knows, for the test that keeps them in step with the catalog.</summary>
    public static IEnumerable<(string Word, string Brand)> KnownBrandWords => BrandWords;

    public static bool MentionsGraphicsCard(string text) => text.Contains("显卡", StringComparison.Ordinal);

    public static string RemoveFiller(string text)
    {
        foreach (var word in Filler)
        {
            text = text.Replace(word, " ", StringComparison.Ordinal);
        }

        return text;
    }

    private static bool IsLatin(string word) => word.All(c => c < 0x2E80);

    /// <summary>"pr" inside "price" or "ps" inside "tps" is not the software: Latin words must not touch other Latin letters.</summary>
    private static bool StandsAlone(string text, int index, int length) =>
        (index == 0 || !char.IsAsciiLetter(text[index - 1])) && (index + length >= text.Length || !char.IsAsciiLetter(text[index + length]));
}
