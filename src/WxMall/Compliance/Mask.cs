namespace WxMall.Compliance;

/// <summary>How personal data is shown wherever the viewer may not see it in full (pages, APIs, logs).</summary>
public static class Mask
{
    /// <summary>13812341234 → 138****1234.</summary>
    public static string Phone(string? phone)
    {
        if (string.IsNullOrEmpty(phone))
        {
            return "";
        }

        return phone.Length >= 7 ? string.Concat(phone.AsSpan(0, 3), "****", phone.AsSpan(phone.Length - 4)) : "****";
    }

    /// <summary>张三丰 → 张**.</summary>
    public static string Name(string? name) =>
        string.IsNullOrEmpty(name) ? "" : name[0] + new string('*', Math.Max(1, name.Length - 1));

    /// <summary>Keeps the first few characters of a street address: 中关村大街1号… → 中关村大****.</summary>
    public static string Address(string? detail) =>
        string.IsNullOrEmpty(detail) ? "" : string.Concat(detail.AsSpan(0, Math.Min(4, detail.Length)), "****");
}
