using System.IO.Compression;
using System.Security.Cryptography;
using WxMall.WeChat.Pay.Bills;

namespace WxMall.WeChat.Pay.Client;

public sealed partial class WeChatPayClient
{
    /// <summary><c>GET /v3/bill/tradebill?bill_date=</c>: where to download a day's trade bill.</summary>
    public Task<PayResult<GetTradeBillResponse>> GetTradeBillAsync(
        GetTradeBillRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = "/v3/bill/tradebill?bill_date=" + FormatDate(request.BillDate)
            + (request.BillType is null ? string.Empty : "&bill_type=" + Escape(request.BillType))
            + (request.TarType is null ? string.Empty : "&tar_type=" + Escape(request.TarType));
        return SendJsonAsync<GetTradeBillResponse>(HttpMethod.Get, path, null, cancellationToken);
    }

    /// <summary>
    /// <c>GET {download_url}</c>: download the bill file and check it against the announced SHA1 (the response is
    /// not signed). A gzip'd file is decompressed after the check.
    /// </summary>
    public async Task<PayResult<DownloadBillResponse>> DownloadBillAsync(
        DownloadBillRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!Uri.TryCreate(request.DownloadUrl, UriKind.Absolute, out var downloadUrl))
        {
            throw new ArgumentException("DownloadUrl must be the absolute download_url from the bill response.", nameof(request));
        }

        // The path and query are signed; the configured host serves them (the emulator hands out its own URLs).
        var raw = await SendWithRetriesAsync(
            HttpMethod.Get, BuildUri(downloadUrl.PathAndQuery), null, null, signed: true, cancellationToken);
        if (!raw.IsSuccessStatus)
        {
            return Interpret<DownloadBillResponse>(raw, _ => null);
        }

        if (!string.Equals(request.HashType, "SHA1", StringComparison.OrdinalIgnoreCase))
        {
            return HashProblem(raw, $"Unknown hash_type '{request.HashType}'; only SHA1 is known.");
        }

        var isGzip = raw.Body.Length >= 2 && raw.Body[0] == 0x1F && raw.Body[1] == 0x8B;
        try
        {
            return CheckBill(raw, request.HashValue, isGzip);
        }
        catch (InvalidDataException)
        {
            return HashProblem(raw, "The bill looks gzip'd but does not decompress; download it again.");
        }
    }

    private static PayResult<DownloadBillResponse> CheckBill(PayRawResponse raw, string hashValue, bool isGzip)
    {
        if (HashMatches(raw.Body, hashValue))
        {
            return PayResult.Success(
                new DownloadBillResponse { Content = isGzip ? Gunzip(raw.Body) : raw.Body, WasCompressed = isGzip },
                raw.HttpStatus,
                raw.RequestId);
        }

        if (isGzip)
        {
            // Tolerate a hash taken over the uncompressed file.
            var content = Gunzip(raw.Body);
            if (HashMatches(content, hashValue))
            {
                return PayResult.Success(new DownloadBillResponse { Content = content, WasCompressed = true }, raw.HttpStatus, raw.RequestId);
            }
        }

        return HashProblem(raw, "The downloaded bill does not match hash_value: truncated or altered; download it again.");
    }

    private static bool HashMatches(byte[] content, string expectedHex)
    {
#pragma warning disable CA5350 // WeChat Pay announces bill hashes as SHA1; this is an integrity check, not security.
        var actual = SHA1.HashData(content);
#pragma warning restore CA5350
        return string.Equals(Convert.ToHexString(actual), expectedHex.Trim(), StringComparison.OrdinalIgnoreCase);
    }

    private static byte[] Gunzip(byte[] compressed)
    {
        using var input = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }

    private static PayResult<DownloadBillResponse> HashProblem(PayRawResponse raw, string message) =>
        PayResult.Failure<DownloadBillResponse>(
            new PayError { Kind = PayErrorKind.HashMismatch, Code = "HASH_MISMATCH", Message = message, HttpStatus = raw.HttpStatus },
            raw.RequestId);
}
