using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using WxMall.WeChat.Pay.Client;
using WxMall.WeChat.Pay.Crypto;
using WxMall.WeChat.Pay.Notifications;

namespace WxMall.WeChat.Benchmarks;

/// <summary>
/// WeChat Pay v3 hot paths next to the bare .NET primitives they are built on (the ratio is our overhead),
/// plus "key parsed per call" variants that show why keys are parsed once and cached.
/// Run: dotnet run -c Release --project bench/WxMall.WeChat.Benchmarks -- --filter *PayBenchmarks*
/// (add --inProcess when another benchmark run shares the machine: out-of-process runs share a build folder).
/// </summary>
[ShortRunJob]
[MemoryDiagnoser]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class PayBenchmarks : IDisposable
{
    private const string ApiV3Key = "0123456789ABCDEF0123456789abcdef";
    private const string PublicKeyId = "PUB_KEY_ID_0000000000000024101100397200000006";
    private const string Nonce = "fdasflkja484";
    private const string AssociatedData = "transaction";
    private const string Transaction =
        """{"mchid":"1900000109","appid":"wxd678efh567hg6787","out_trade_no":"WX20250615000001","transaction_id":"4200000985202103031441826014","trade_type":"JSAPI","trade_state":"SUCCESS","trade_state_desc":"支付成功","bank_type":"CMC","attach":"","success_time":"2025-06-15T13:29:35+08:00","payer":{"openid":"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"},"amount":{"total":1299900,"payer_total":1299900,"currency":"CNY","payer_currency":"CNY"}}""";

    private readonly RSA platformPrivateKey = RSA.Create(2048);
    private readonly RSA platformPublicKey = RSA.Create();
    private readonly RSA merchantPrivateKey = RSA.Create(2048);
    private readonly FixedTime clock = new(DateTimeOffset.FromUnixTimeSeconds(1_750_000_000));

    private string platformPublicKeyPem = string.Empty;
    private string merchantPrivateKeyPem = string.Empty;
    private byte[] notificationBody = [];
    private PaySignatureHeaders notificationHeaders = new(null, null, null, null);
    private WeChatPayNotificationParser parser = null!;
    private AeadAes256GcmCipher cipher = null!;
    private WeChatPayMerchantKey merchantKey = null!;
    private AesGcm bareAes = null!;
    private byte[] verifyMessage = [];
    private byte[] signatureBytes = [];
    private byte[] ciphertext = [];
    private byte[] tag = [];
    private byte[] plaintextBuffer = [];
    private byte[] requestBody = [];
    private byte[] requestMessage = [];

    [GlobalSetup]
    public void Setup()
    {
        platformPublicKeyPem = platformPrivateKey.ExportSubjectPublicKeyInfoPem();
        platformPublicKey.ImportFromPem(platformPublicKeyPem);
        merchantPrivateKeyPem = merchantPrivateKey.ExportPkcs8PrivateKeyPem();

        cipher = AeadAes256GcmCipher.FromApiV3Key(ApiV3Key);
        var resourceCiphertext = cipher.Encrypt(Nonce, AssociatedData, Transaction);
        notificationBody = JsonSerializer.SerializeToUtf8Bytes(
            new
            {
                id = "EV-2018022511223320873",
                create_time = "2025-06-15T13:29:35+08:00",
                resource_type = "encrypt-resource",
                event_type = "TRANSACTION.SUCCESS",
                summary = "支付成功",
                resource = new { original_type = "transaction", algorithm = "AEAD_AES_256_GCM", ciphertext = resourceCiphertext, associated_data = AssociatedData, nonce = Nonce },
            },
            PayJson.Options);
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        verifyMessage = [.. Encoding.UTF8.GetBytes($"{timestamp}\n5K8264ILTKCH16CQ2502SI8ZNMTM67VS\n"), .. notificationBody, (byte)'\n'];
        signatureBytes = platformPrivateKey.SignData(verifyMessage, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        notificationHeaders = new PaySignatureHeaders(timestamp, "5K8264ILTKCH16CQ2502SI8ZNMTM67VS", Convert.ToBase64String(signatureBytes), PublicKeyId);
        parser = CreateParser();

        var sealedResource = Convert.FromBase64String(resourceCiphertext);
        ciphertext = sealedResource[..^16];
        tag = sealedResource[^16..];
        plaintextBuffer = new byte[ciphertext.Length];
        bareAes = new AesGcm(Encoding.ASCII.GetBytes(ApiV3Key), 16);

        merchantKey = WeChatPayMerchantKey.FromPem("1900000109", "5157F09EFDC096DE15EBE81A47057A7232F1B8E1", merchantPrivateKeyPem);
        requestBody = Encoding.UTF8.GetBytes(
            """{"appid":"wxd678efh567hg6787","mchid":"1900000109","description":"RTX 4090","out_trade_no":"WX20250615000001","notify_url":"https://mall.example.com/pay/notify","amount":{"total":1299900,"currency":"CNY"},"payer":{"openid":"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"}}""");
        requestMessage = PayRequestSignature.BuildMessage("POST", "/v3/pay/transactions/jsapi", 1_750_000_000, "593BEC0C930BF1AFEB40B4A08C8FB242", requestBody);
        if (!ParseNotification() || !BareVerifyAndDecrypt())
        {
            throw new InvalidOperationException("The benchmark inputs do not verify.");
        }
    }

    [Benchmark(Baseline = true, Description = "bare RSA VerifyData + AesGcm.Decrypt")]
    [BenchmarkCategory("Callback")]
    public bool BareVerifyAndDecrypt()
    {
        var valid = platformPublicKey.VerifyData(verifyMessage, signatureBytes, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        bareAes.Decrypt(Encoding.UTF8.GetBytes(Nonce), ciphertext, tag, plaintextBuffer, Encoding.UTF8.GetBytes(AssociatedData));
        return valid;
    }

    [Benchmark(Description = "ParsePayment: verify + decrypt + typed")]
    [BenchmarkCategory("Callback")]
    public bool ParseNotification() => parser.ParsePayment(notificationBody, notificationHeaders).IsSuccess;

    [Benchmark(Description = "ParsePayment, keys parsed per call")]
    [BenchmarkCategory("Callback")]
    public bool ParseNotificationWithKeysParsedPerCall()
    {
        using var freshCipher = AeadAes256GcmCipher.FromApiV3Key(ApiV3Key);
        var freshParser = new WeChatPayNotificationParser(
            new WeChatPaySignatureVerifier(new PayVerifierKeyStore([PayPlatformKey.FromPublicKeyPem(PublicKeyId, platformPublicKeyPem)]), clock),
            freshCipher);
        return freshParser.ParsePayment(notificationBody, notificationHeaders).IsSuccess;
    }

    [Benchmark(Baseline = true, Description = "bare RSA SignData")]
    [BenchmarkCategory("Signing")]
    public byte[] BareSignData() => merchantPrivateKey.SignData(requestMessage, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

    [Benchmark(Description = "CreateAuthorization: message + sign + header")]
    [BenchmarkCategory("Signing")]
    public string CreateAuthorization() =>
        PayRequestSignature.CreateAuthorization(merchantKey, "POST", "/v3/pay/transactions/jsapi", 1_750_000_000, "593BEC0C930BF1AFEB40B4A08C8FB242", requestBody);

    [Benchmark(Description = "CreateAuthorization, key parsed per call")]
    [BenchmarkCategory("Signing")]
    public string CreateAuthorizationWithKeyParsedPerCall()
    {
        using var freshKey = WeChatPayMerchantKey.FromPem("1900000109", "5157F09EFDC096DE15EBE81A47057A7232F1B8E1", merchantPrivateKeyPem);
        return PayRequestSignature.CreateAuthorization(freshKey, "POST", "/v3/pay/transactions/jsapi", 1_750_000_000, "593BEC0C930BF1AFEB40B4A08C8FB242", requestBody);
    }

    [GlobalCleanup]
    public void Cleanup() => Dispose();

    public void Dispose()
    {
        platformPrivateKey.Dispose();
        platformPublicKey.Dispose();
        merchantPrivateKey.Dispose();
        merchantKey?.Dispose();
        cipher?.Dispose();
        bareAes?.Dispose();
        GC.SuppressFinalize(this);
    }

    private WeChatPayNotificationParser CreateParser() =>
        new(new WeChatPaySignatureVerifier(new PayVerifierKeyStore([PayPlatformKey.FromPublicKeyPem(PublicKeyId, platformPublicKeyPem)]), clock), cipher);

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
