using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using WxMall.WeChat.Pay.Bills;
using WxMall.WeChat.Pay.Client;
using WxMall.WeChat.Tests.Pay.Support;

namespace WxMall.WeChat.Tests.Pay.Client;

public sealed class TradeBillTests
{
    private const string BillText = "交易时间,公众账号ID,商户号\n`2019-06-11 10:00:00,`wxd678efh567hg6787,`1900000109\n";

#pragma warning disable CA5350 // The protocol announces SHA1.
    private static string Sha1(byte[] content) => Convert.ToHexString(SHA1.HashData(content)).ToLowerInvariant();
#pragma warning restore CA5350

    private static byte[] Gzip(string text)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        return output.ToArray();
    }

    [Fact]
    public async Task Trade_bill_request_carries_date_type_and_compression_in_the_signed_query()
    {
        using var harness = new PayClientHarness(_ => PayResponses.Signed(
            TestPlatform.PublicKey, PayClientHarness.Now, HttpStatusCode.OK,
            """{"hash_type":"SHA1","hash_value":"79bb0f45fc4c42234a918000b2668d689e2bde04","download_url":"https://api.mch.weixin.qq.com/v3/billdownload/file?token=xx"}"""));

        var result = await harness.Client.GetTradeBillAsync(
            new GetTradeBillRequest { BillDate = new DateOnly(2019, 6, 11), BillType = "ALL", TarType = "GZIP" }, TestContext.Current.CancellationToken);

        var request = harness.SingleRequest;
        Assert.Equal("GET", request.Method);
        Assert.Equal("/v3/bill/tradebill?bill_date=2019-06-11&bill_type=ALL&tar_type=GZIP", request.Uri.PathAndQuery);
        PayClientHarness.AssertSignedAuthorization(request, 1);
        Assert.Equal("SHA1", result.Value!.HashType);
        Assert.Equal("https://api.mch.weixin.qq.com/v3/billdownload/file?token=xx", result.Value.DownloadUrl);
    }

    [Fact]
    public async Task Gzipped_bill_is_checked_against_its_hash_then_decompressed()
    {
        var file = Gzip(BillText);
        using var harness = new PayClientHarness(_ => PayResponses.Unsigned(HttpStatusCode.OK, file));

        var result = await harness.Client.DownloadBillAsync(
            new DownloadBillRequest { DownloadUrl = "https://api.mch.weixin.qq.com/v3/billdownload/file?token=6XIv5TUPto7pByrTQKhd6kwvyKLG2uY2wMMR8cNXqaA_Cv_isgaUtBzp4QtiozLO", HashType = "SHA1", HashValue = Sha1(file) },
            TestContext.Current.CancellationToken);

        var request = harness.SingleRequest;
        Assert.Equal("/v3/billdownload/file?token=6XIv5TUPto7pByrTQKhd6kwvyKLG2uY2wMMR8cNXqaA_Cv_isgaUtBzp4QtiozLO", request.Uri.PathAndQuery);
        PayClientHarness.AssertSignedAuthorization(request, 1);
        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.True(result.Value!.WasCompressed);
        Assert.Equal(BillText, result.Value.Text);
    }

    [Fact]
    public async Task Plain_bill_is_accepted_when_its_hash_matches()
    {
        var file = Encoding.UTF8.GetBytes(BillText);
        using var harness = new PayClientHarness(_ => PayResponses.Unsigned(HttpStatusCode.OK, file));

        var result = await harness.Client.DownloadBillAsync(
            new DownloadBillRequest { DownloadUrl = "https://api.mch.weixin.qq.com/v3/billdownload/file?token=t", HashType = "SHA1", HashValue = Sha1(file).ToUpperInvariant() },
            TestContext.Current.CancellationToken);

        Assert.False(result.Value!.WasCompressed);
        Assert.Equal(BillText, result.Value.Text);
    }

    [Fact]
    public async Task Gzipped_bill_whose_hash_covers_the_uncompressed_text_is_tolerated()
    {
        var file = Gzip(BillText);
        using var harness = new PayClientHarness(_ => PayResponses.Unsigned(HttpStatusCode.OK, file));

        var result = await harness.Client.DownloadBillAsync(
            new DownloadBillRequest { DownloadUrl = "https://api.mch.weixin.qq.com/v3/billdownload/file?token=t", HashType = "SHA1", HashValue = Sha1(Encoding.UTF8.GetBytes(BillText)) },
            TestContext.Current.CancellationToken);

        Assert.Equal(BillText, result.Value!.Text);
    }

    [Fact]
    public async Task Truncated_bill_is_a_hash_mismatch()
    {
        var file = Encoding.UTF8.GetBytes(BillText);
        using var harness = new PayClientHarness(_ => PayResponses.Unsigned(HttpStatusCode.OK, file[..^5]));

        var result = await harness.Client.DownloadBillAsync(
            new DownloadBillRequest { DownloadUrl = "https://api.mch.weixin.qq.com/v3/billdownload/file?token=t", HashType = "SHA1", HashValue = Sha1(file) },
            TestContext.Current.CancellationToken);

        Assert.Equal(PayErrorKind.HashMismatch, result.Error!.Kind);
    }

    [Fact]
    public async Task Corrupt_gzip_whose_hash_matches_is_reported_not_thrown()
    {
        byte[] file = [0x1F, 0x8B, 1, 2, 3, 4, 5];
        using var harness = new PayClientHarness(_ => PayResponses.Unsigned(HttpStatusCode.OK, file));

        var result = await harness.Client.DownloadBillAsync(
            new DownloadBillRequest { DownloadUrl = "https://api.mch.weixin.qq.com/v3/billdownload/file?token=t", HashType = "SHA1", HashValue = Sha1(file) },
            TestContext.Current.CancellationToken);

        Assert.Equal(PayErrorKind.HashMismatch, result.Error!.Kind);
    }
}
