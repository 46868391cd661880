using WxMall.WeChat.Crypto;
using WxMall.WeChat.Tests.Support;
using WxMall.WeChat.Tools;

namespace WxMall.WeChat.Tests.Tools;

public sealed class WeChatCommandLineTests
{
    private const string Sample = "msgcrypt_tencent_sample_decrypt";

    private static async Task<(int ExitCode, string Stdout, string Stderr)> Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exitCode = await WeChatCommandLine.RunAsync(args, stdout, stderr);
        return (exitCode, stdout.ToString(), stderr.ToString());
    }

    private static string[] DecryptArguments(string? appId = null, string? signature = null, string? encrypt = null) =>
    [
        "decrypt-message",
        "--token", PublishedVectors.Text(Sample, "token"),
        "--aes-key", PublishedVectors.Text(Sample, "encoding_aes_key"),
        "--appid", appId ?? PublishedVectors.Text(Sample, "appid"),
        "--timestamp", PublishedVectors.Text(Sample, "timestamp"),
        "--nonce", PublishedVectors.Text(Sample, "nonce"),
        "--msg-signature", signature ?? PublishedVectors.Text(Sample, "msg_signature"),
        "--encrypt", encrypt ?? PublishedVectors.Text(Sample, "encrypt"),
    ];

    [Fact]
    public async Task Verify_url_accepts_the_official_example()
    {
        var (exitCode, stdout, _) = await Run("verify-url", "--token", "AAAAA", "--timestamp", "1714036504", "--nonce", "1514711492", "--signature", "f464b24fc39322e44b38aa78f5edd27bd1441696");

        Assert.Equal((0, "signature ok"), (exitCode, stdout.Trim()));
    }

    [Fact]
    public async Task Verify_url_explains_a_mismatch()
    {
        var (exitCode, stdout, stderr) = await Run("verify-url", "--token", "AAAAB", "--timestamp", "1714036504", "--nonce", "1514711492", "--signature", "f464b24fc39322e44b38aa78f5edd27bd1441696");

        Assert.Equal(1, exitCode);
        Assert.Empty(stdout);
        Assert.Contains("signature mismatch", stderr, StringComparison.Ordinal);
        Assert.Contains("15147114921714036504AAAAB", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Decrypt_message_prints_the_plaintext_xml()
    {
        var (exitCode, stdout, _) = await Run(DecryptArguments());

        Assert.Equal(0, exitCode);
        Assert.Equal(PublishedVectors.Text(Sample, "plaintext") + Environment.NewLine, stdout);
    }

    [Theory]
    [InlineData("appid", "AppIdMismatch")]
    [InlineData("signature", "SignatureMismatch")]
    [InlineData("truncated", "Base64Invalid")]
    public async Task Decrypt_message_names_the_reason_it_failed(string damage, string reason)
    {
        var encrypt = PublishedVectors.Text(Sample, "encrypt");
        var arguments = damage switch
        {
            "appid" => DecryptArguments(appId: "wx0000000000000000"),
            "signature" => DecryptArguments(signature: new string('0', 40)),
            _ => DecryptArguments(
                encrypt: encrypt[..^3],
                signature: WeChatSignature.ComputeMessageSignature(PublishedVectors.Text(Sample, "token"), PublishedVectors.Text(Sample, "timestamp"), PublishedVectors.Text(Sample, "nonce"), encrypt[..^3])),
        };

        var (exitCode, stdout, stderr) = await Run(arguments);

        Assert.Equal(1, exitCode);
        Assert.Empty(stdout);
        Assert.Contains(reason, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Encrypt_message_output_decrypts_back()
    {
        var file = Path.Combine(Path.GetTempPath(), $"wxmall-reply-{Guid.NewGuid():N}.xml");
        await File.WriteAllTextAsync(file, "<xml><Content><![CDATA[你好]]></Content></xml>", TestContext.Current.CancellationToken);
        try
        {
            var (exitCode, stdout, _) = await Run("encrypt-message", "--token", "pamtest", "--aes-key", "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
                "--appid", "wxb11529c136998cb6", "--timestamp", "1409304348", "--nonce", "xxxxxx", "--xml", file);
            var envelope = WeChat.Messages.SafeXmlReader.Read(stdout.Trim()).Fields!;
            var back = await Run("decrypt-message", "--token", "pamtest", "--aes-key", "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", "--appid", "wxb11529c136998cb6",
                "--timestamp", envelope["TimeStamp"], "--nonce", envelope["Nonce"], "--msg-signature", envelope["MsgSignature"], "--encrypt", envelope["Encrypt"]);

            Assert.Equal(0, exitCode);
            Assert.Equal(("1409304348", "xxxxxx"), (envelope["TimeStamp"], envelope["Nonce"]));
            Assert.Equal("<xml><Content><![CDATA[你好]]></Content></xml>", back.Stdout.Trim());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Encrypt_message_reports_an_unreadable_file_and_a_bad_key()
    {
        var missingFile = await Run("encrypt-message", "--token", "t", "--aes-key", "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", "--appid", "a", "--timestamp", "1", "--nonce", "n", "--xml", "/nonexistent/reply.xml");
        var badKey = await Run("encrypt-message", "--token", "t", "--aes-key", "short", "--appid", "a", "--timestamp", "1", "--nonce", "n", "--xml", "x");

        Assert.Equal(2, missingFile.ExitCode);
        Assert.Contains("cannot read --xml", missingFile.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, badKey.ExitCode);
        Assert.Contains("43", badKey.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Jssdk_sign_prints_the_published_signature_and_ignores_the_fragment()
    {
        var (exitCode, stdout, stderr) = await Run("jssdk-sign", "--ticket", PublishedVectors.Text("jssdk_signature", "jsapi_ticket"), "--noncestr", "Wm3WZYTPz0wzccnW",
            "--timestamp", "1414587457", "--url", "http://mp.weixin.qq.com?params=value#/home");

        Assert.Equal(0, exitCode);
        Assert.Equal(PublishedVectors.Text("jssdk_signature", "signature"), stdout.Trim());
        Assert.Contains(PublishedVectors.Text("jssdk_signature", "string1"), stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pay_commands_are_routed_to_the_pay_helper()
    {
        var (exitCode, stdout, stderr) = await Run("decrypt-resource", "--apiv3-key", PublishedVectors.Text("v3_aead_aes_256_gcm_short", "apiv3_key"),
            "--nonce", PublishedVectors.Text("v3_aead_aes_256_gcm_short", "nonce"), "--associated-data", "associatedData",
            "--ciphertext", PublishedVectors.Text("v3_aead_aes_256_gcm_short", "ciphertext_b64"));

        Assert.True(exitCode == 0, stderr);
        Assert.Equal("message", stdout.Trim());
    }

    [Theory]
    [InlineData(new string[0], 2)]
    [InlineData(new[] { "--help" }, 0)]
    [InlineData(new[] { "verify-url", "--help" }, 0)]
    [InlineData(new[] { "frobnicate" }, 2)]
    [InlineData(new[] { "verify-url", "--token", "t" }, 2)]
    [InlineData(new[] { "verify-url", "--token" }, 2)]
    [InlineData(new[] { "verify-url", "--token", "a", "--token", "b", "--timestamp", "1", "--nonce", "n", "--signature", "s" }, 2)]
    [InlineData(new[] { "verify-url", "--colour", "blue" }, 2)]
    [InlineData(new[] { "verify-url", "token" }, 2)]
    public async Task Usage_errors_exit_with_two_and_help_with_zero(string[] args, int expected)
    {
        var (exitCode, stdout, stderr) = await Run(args);

        Assert.Equal(expected, exitCode);
        Assert.False(string.IsNullOrWhiteSpace(expected == 0 ? stdout : stderr));
    }
}
