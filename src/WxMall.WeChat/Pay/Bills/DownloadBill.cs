using System.Text;
using System.Text.Json.Serialization;

namespace WxMall.WeChat.Pay.Bills;

/// <summary>
/// <c>GET /v3/billdownload/file?token=…</c> (the <c>download_url</c> of a bill request) — download a bill file. The request is signed like any other; the response is
/// <em>not</em> signed, so the file is checked against the announced hash instead.
/// https://pay.weixin.qq.com/wiki/doc/apiv3/apis/chapter3_1_8.shtml
/// </summary>
public sealed record DownloadBillRequest
{
    /// <summary>The <c>download_url</c> from the bill request; only its path and query are used (the configured host serves it).</summary>
    [JsonIgnore]
    public required string DownloadUrl { get; init; }

    /// <summary><c>hash_type</c> from the bill request (only SHA1 is known).</summary>
    [JsonIgnore]
    public required string HashType { get; init; }

    /// <summary><c>hash_value</c> from the bill request.</summary>
    [JsonIgnore]
    public required string HashValue { get; init; }

    /// <summary>Builds the download request from a bill response.</summary>
    public static DownloadBillRequest From(GetTradeBillResponse bill)
    {
        ArgumentNullException.ThrowIfNull(bill);
        return new DownloadBillRequest { DownloadUrl = bill.DownloadUrl, HashType = bill.HashType, HashValue = bill.HashValue };
    }
}

/// <summary>A downloaded bill whose hash matched.</summary>
public sealed record DownloadBillResponse
{
    /// <summary>The bill file, decompressed when it was gzip'd.</summary>
    public ReadOnlyMemory<byte> Content { get; init; }

    /// <summary>True when the file came gzip'd (<c>tar_type=GZIP</c>).</summary>
    public bool WasCompressed { get; init; }

    /// <summary>The bill as UTF-8 text (CSV-like; each value prefixed with a backtick).</summary>
    public string Text => Encoding.UTF8.GetString(Content.Span);
}
