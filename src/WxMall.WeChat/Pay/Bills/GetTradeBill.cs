using System.Text.Json.Serialization;

namespace WxMall.WeChat.Pay.Bills;

/// <summary>
/// <c>GET /v3/bill/tradebill?bill_date=yyyy-MM-dd[&amp;bill_type=ALL|SUCCESS|REFUND][&amp;tar_type=GZIP]</c> —
/// where to download a day's trade bill, and its hash.
/// https://pay.weixin.qq.com/wiki/doc/apiv3/apis/chapter3_1_6.shtml
/// </summary>
public sealed record GetTradeBillRequest
{
    /// <summary><c>bill_date</c> (query).</summary>
    [JsonIgnore]
    public required DateOnly BillDate { get; init; }

    /// <summary><c>bill_type</c> (query): ALL, SUCCESS or REFUND; omitted when null (WeChat Pay defaults to ALL).</summary>
    [JsonIgnore]
    public string? BillType { get; init; }

    /// <summary><c>tar_type</c> (query): <c>GZIP</c> for a compressed file; omitted when null.</summary>
    [JsonIgnore]
    public string? TarType { get; init; }
}

/// <summary>Response of <c>GET /v3/bill/tradebill</c>.</summary>
public sealed record GetTradeBillResponse
{
    /// <summary><c>hash_type</c>: <c>SHA1</c>.</summary>
    [JsonPropertyName("hash_type")]
    public string HashType { get; init; } = string.Empty;

    /// <summary><c>hash_value</c>: hex digest of the file.</summary>
    [JsonPropertyName("hash_value")]
    public string HashValue { get; init; } = string.Empty;

    /// <summary><c>download_url</c>: valid for a short time (about 30 s).</summary>
    [JsonPropertyName("download_url")]
    public string DownloadUrl { get; init; } = string.Empty;
}
