using System.Globalization;
using System.Text;
using WxMall.WeChat.Tests.Pay.Support;
using WxMall.WeChat.Tests.Support;
using WxMall.WeChat.Tools;

namespace WxMall.WeChat.Tests.Pay.Tools;

public sealed class PayCommandsTests : IDisposable
{
    private readonly DirectoryInfo directory = Directory.CreateTempSubdirectory("wxmall-pay-cli-");
    private readonly StringWriter stdout = new();
    private readonly StringWriter stderr = new();

    public void Dispose()
    {
        directory.Delete(recursive: true);
        stdout.Dispose();
        stderr.Dispose();
    }

    private string WriteFile(string name, string text) => WriteFile(name, Encoding.UTF8.GetBytes(text));

    private string WriteFile(string name, byte[] content)
    {
        var path = Path.Combine(directory.FullName, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    private string WriteHeaders(string timestamp, string nonce, string signature, string serial) =>
        WriteFile("headers.txt", $"# captured callback\nContent-Type: application/json\r\nWechatpay-Timestamp: {timestamp}\nWechatpay-Nonce: {nonce}\nwechatpay-signature: {signature}\nWechatpay-Serial: {serial}\nWechatpay-Signature-Type: WECHATPAY2-SHA256-RSA2048\n");

    [Fact]
    public async Task Decrypt_resource_prints_the_plaintext_of_the_published_vector()
    {
        const string vector = "v3_aead_aes_256_gcm_short";
        var options = new Dictionary<string, string>
        {
            ["apiv3-key"] = PublishedVectors.Text(vector, "apiv3_key"),
            ["nonce"] = PublishedVectors.Text(vector, "nonce"),
            ["associated-data"] = PublishedVectors.Text(vector, "associated_data"),
            ["ciphertext"] = PublishedVectors.Text(vector, "ciphertext_b64"),
        };

        var exitCode = await PayCommands.DecryptResourceAsync(options, stdout, stderr);

        Assert.Equal(0, exitCode);
        Assert.Equal("message" + Environment.NewLine, stdout.ToString());
        Assert.Empty(stderr.ToString());
    }

    [Fact]
    public async Task Decrypt_resource_with_a_16_byte_key_fails_with_the_reason()
    {
        const string vector = "v3_aead_aes_128_caution";
        var options = new Dictionary<string, string>
        {
            ["apiv3-key"] = PublishedVectors.Text(vector, "key"),
            ["nonce"] = PublishedVectors.Text(vector, "nonce"),
            ["associated-data"] = PublishedVectors.Text(vector, "associated_data"),
            ["ciphertext"] = PublishedVectors.Text(vector, "ciphertext_b64"),
        };

        var exitCode = await PayCommands.DecryptResourceAsync(options, stdout, stderr);

        Assert.Equal(1, exitCode);
        Assert.Empty(stdout.ToString());
        Assert.Contains("WrongKeyLength", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Decrypt_resource_names_missing_options()
    {
        var exitCode = await PayCommands.DecryptResourceAsync(new Dictionary<string, string> { ["nonce"] = "x" }, stdout, stderr);

        Assert.Equal(2, exitCode);
        Assert.Contains("--apiv3-key", stderr.ToString(), StringComparison.Ordinal);
        Assert.Contains("--ciphertext", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_notification_replays_the_published_capture_at_its_own_time()
    {
        var options = new Dictionary<string, string>
        {
            ["key"] = WriteFile("cert.pem", PublishedPayKeys.GoTestCertificatePem),
            ["headers"] = WriteHeaders("1624523846", PublishedPayNotification.Nonce, PublishedPayNotification.Signature, PublishedPayKeys.GoTestCertificateSerial),
            ["body"] = WriteFile("body.json", PublishedPayNotification.Body),
            ["now"] = "1624523846",
        };

        var exitCode = await PayCommands.VerifyNotificationAsync(options, stdout, stderr);

        Assert.Equal(0, exitCode);
        Assert.Equal("signature ok" + Environment.NewLine, stdout.ToString());
    }

    [Fact]
    public async Task Verify_notification_without_now_refuses_an_old_capture()
    {
        var options = new Dictionary<string, string>
        {
            ["key"] = WriteFile("cert.pem", PublishedPayKeys.GoTestCertificatePem),
            ["headers"] = WriteHeaders("1624523846", PublishedPayNotification.Nonce, PublishedPayNotification.Signature, PublishedPayKeys.GoTestCertificateSerial),
            ["body"] = WriteFile("body.json", PublishedPayNotification.Body),
        };

        var exitCode = await PayCommands.VerifyNotificationAsync(options, stdout, stderr);

        Assert.Equal(1, exitCode);
        Assert.Contains("TimestampOutsideWindow", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_notification_prints_signature_ok_then_refuses_the_published_16_byte_key()
    {
        var options = new Dictionary<string, string>
        {
            ["key"] = WriteFile("cert.pem", PublishedPayKeys.GoTestCertificatePem),
            ["headers"] = WriteHeaders("1624523846", PublishedPayNotification.Nonce, PublishedPayNotification.Signature, PublishedPayKeys.GoTestCertificateSerial),
            ["body"] = WriteFile("body.json", PublishedPayNotification.Body),
            ["now"] = "1624523846",
            ["apiv3-key"] = PublishedPayNotification.ApiV3KeyOf16Bytes,
        };

        var exitCode = await PayCommands.VerifyNotificationAsync(options, stdout, stderr);

        Assert.Equal(1, exitCode);
        Assert.Equal("signature ok" + Environment.NewLine, stdout.ToString());
        Assert.Contains("WrongKeyLength", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_notification_with_a_public_key_prints_the_decrypted_resource()
    {
        var platform = TestPlatform.PublicKey;
        var body = NotificationFactory.Payment();
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var headers = platform.SignHeaders(now, "5K8264ILTKCH16CQ2502SI8ZNMTM67VS", body);
        var options = new Dictionary<string, string>
        {
            ["key"] = WriteFile("pub_key.pem", platform.PublicKeyPem),
            ["headers"] = WriteHeaders(headers.Timestamp!, headers.Nonce!, headers.Signature!, headers.Serial!),
            ["body"] = WriteFile("body.json", body),
            ["apiv3-key"] = NotificationFactory.ApiV3Key,
            ["key-id"] = TestPlatform.PublicKeyId,
        };

        var exitCode = await PayCommands.VerifyNotificationAsync(options, stdout, stderr);

        Assert.Equal(0, exitCode);
        Assert.Equal("signature ok" + Environment.NewLine + NotificationFactory.TransactionJson + Environment.NewLine, stdout.ToString());
    }

    [Fact]
    public async Task Verify_notification_reports_a_serial_that_does_not_match_the_certificate()
    {
        var options = new Dictionary<string, string>
        {
            ["key"] = WriteFile("cert.pem", PublishedPayKeys.GoTestCertificatePem),
            ["headers"] = WriteHeaders("1624523846", PublishedPayNotification.Nonce, PublishedPayNotification.Signature, "5157F09EFDC096DE15EBE81A47057A7232F1B8E1"),
            ["body"] = WriteFile("body.json", PublishedPayNotification.Body),
            ["now"] = "1624523846",
        };

        var exitCode = await PayCommands.VerifyNotificationAsync(options, stdout, stderr);

        Assert.Equal(1, exitCode);
        Assert.Contains("UnknownSerial", stderr.ToString(), StringComparison.Ordinal);
        Assert.Contains("D7CE59D1F522D701", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_notification_refuses_a_certificate_serial_when_given_a_public_key()
    {
        var options = new Dictionary<string, string>
        {
            ["key"] = WriteFile("pub_key.pem", PublishedPayKeys.GoTestPublicKeyPem),
            ["headers"] = WriteHeaders("1624523846", PublishedPayNotification.Nonce, PublishedPayNotification.Signature, PublishedPayKeys.GoTestCertificateSerial),
            ["body"] = WriteFile("body.json", PublishedPayNotification.Body),
            ["now"] = "1624523846",
        };

        var exitCode = await PayCommands.VerifyNotificationAsync(options, stdout, stderr);

        Assert.Equal(1, exitCode);
        Assert.Contains("public key", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_notification_hints_at_a_trailing_newline_added_by_an_editor()
    {
        var options = new Dictionary<string, string>
        {
            ["key"] = WriteFile("cert.pem", PublishedPayKeys.GoTestCertificatePem),
            ["headers"] = WriteHeaders("1624523846", PublishedPayNotification.Nonce, PublishedPayNotification.Signature, PublishedPayKeys.GoTestCertificateSerial),
            ["body"] = WriteFile("body.json", PublishedPayNotification.Body + "\n"),
            ["now"] = "1624523846",
        };

        var exitCode = await PayCommands.VerifyNotificationAsync(options, stdout, stderr);

        Assert.Equal(1, exitCode);
        Assert.Contains("SignatureMismatch", stderr.ToString(), StringComparison.Ordinal);
        Assert.Contains("trailing newline", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_notification_reports_probe_signatures()
    {
        var options = new Dictionary<string, string>
        {
            ["key"] = WriteFile("cert.pem", PublishedPayKeys.GoTestCertificatePem),
            ["headers"] = WriteHeaders("1624523846", PublishedPayNotification.Nonce, "WECHATPAY/SIGNTEST/abc", PublishedPayKeys.GoTestCertificateSerial),
            ["body"] = WriteFile("body.json", PublishedPayNotification.Body),
            ["now"] = "1624523846",
        };

        var exitCode = await PayCommands.VerifyNotificationAsync(options, stdout, stderr);

        Assert.Equal(1, exitCode);
        Assert.Contains("ProbeSignature", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_notification_reports_unreadable_inputs_as_usage_errors()
    {
        var options = new Dictionary<string, string>
        {
            ["key"] = Path.Combine(directory.FullName, "missing.pem"),
            ["headers"] = WriteFile("headers.txt", string.Empty),
            ["body"] = WriteFile("body.json", "{}"),
            ["now"] = "yesterday",
        };

        Assert.Equal(2, await PayCommands.VerifyNotificationAsync(options, stdout, stderr));
        options["now"] = "1624523846";
        Assert.Equal(2, await PayCommands.VerifyNotificationAsync(options, stdout, stderr));
        Assert.Contains("cannot read", stderr.ToString(), StringComparison.Ordinal);
        Assert.Equal(2, await PayCommands.VerifyNotificationAsync(new Dictionary<string, string>(), stdout, stderr));
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"--key --headers --body"), stderr.ToString(), StringComparison.Ordinal);
    }
}
