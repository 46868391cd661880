using System.Globalization;
using System.Text;
using WxMall.WeChat.Pay.Crypto;
using WxMall.WeChat.Pay.Notifications;

namespace WxMall.WeChat.Tools;

/// <summary>
/// The WeChat Pay commands of the <c>wechat</c> debugging command line. Each prints its result on stdout and,
/// on failure, a reason on stderr with a non-zero exit code (1 = the check failed, 2 = bad usage or unreadable input).
/// </summary>
public static class PayCommands
{
    private const int Succeeded = 0;
    private const int CheckFailed = 1;
    private const int UsageError = 2;

    /// <summary>
    /// <c>decrypt-resource --apiv3-key K --nonce N --associated-data A --ciphertext B64</c>: prints the plaintext.
    /// </summary>
    public static Task<int> DecryptResourceAsync(IReadOnlyDictionary<string, string> options, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (!TryGetRequired(options, stderr, "decrypt-resource", out var values, "apiv3-key", "nonce", "ciphertext"))
        {
            return Task.FromResult(UsageError);
        }

        using var cipher = AeadAes256GcmCipher.FromApiV3Key(values["apiv3-key"]);
        var decryption = cipher.Decrypt(values["nonce"], options.GetValueOrDefault("associated-data") ?? string.Empty, values["ciphertext"]);
        if (!decryption.IsSuccess)
        {
            stderr.WriteLine($"decrypt-resource failed: {decryption.Failure}: {decryption.Message}");
            return Task.FromResult(CheckFailed);
        }

        stdout.WriteLine(decryption.PlaintextText);
        return Task.FromResult(Succeeded);
    }

    /// <summary>
    /// <c>verify-notification --key PEM_FILE --headers FILE --body FILE [--apiv3-key K] [--now UNIX_SECONDS] [--key-id PUB_KEY_ID_…]</c>:
    /// checks the serial, the time window (against <c>--now</c> when replaying a capture) and the signature,
    /// prints <c>signature ok</c>, then the decrypted resource when an APIv3 key is given.
    /// </summary>
    public static async Task<int> VerifyNotificationAsync(IReadOnlyDictionary<string, string> options, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (!TryGetRequired(options, stderr, "verify-notification", out var values, "key", "headers", "body"))
        {
            return UsageError;
        }

        TimeProvider time = TimeProvider.System;
        if (options.TryGetValue("now", out var nowText))
        {
            if (!long.TryParse(nowText, NumberStyles.None, CultureInfo.InvariantCulture, out var nowSeconds))
            {
                stderr.WriteLine("verify-notification: --now must be unix seconds, e.g. the Wechatpay-Timestamp of the capture.");
                return UsageError;
            }

            time = new FixedTimeProvider(DateTimeOffset.FromUnixTimeSeconds(nowSeconds));
        }

        string keyText;
        string headerText;
        byte[] body;
        try
        {
            keyText = await File.ReadAllTextAsync(values["key"]);
            headerText = await File.ReadAllTextAsync(values["headers"]);
            body = await File.ReadAllBytesAsync(values["body"]);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"verify-notification: cannot read input: {exception.Message}");
            return UsageError;
        }

        var headers = PaySignatureHeaders.FromDictionary(ParseHeaderLines(headerText));
        if (string.IsNullOrWhiteSpace(headers.Serial))
        {
            stderr.WriteLine("verify-notification failed: MissingHeader: the headers file has no Wechatpay-Serial line.");
            return CheckFailed;
        }

        var key = ReadKey(keyText, headers.Serial, options.GetValueOrDefault("key-id"), stderr, out var exitCode);
        if (key is null)
        {
            return exitCode;
        }

        var verifier = new WeChatPaySignatureVerifier(new PayVerifierKeyStore([key]), time);
        var check = verifier.Verify(headers, body);
        if (!check.IsValid)
        {
            stderr.WriteLine($"verify-notification failed: {check.Failure}: {check.Message}");
            if (check.Failure == PayFailureReason.SignatureMismatch && body.Length > 0 && body[^1] == (byte)'\n')
            {
                stderr.WriteLine("hint: the body file ends with a newline; WeChat Pay bodies do not. Save it without the trailing newline.");
            }

            return CheckFailed;
        }

        stdout.WriteLine("signature ok");
        if (!options.TryGetValue("apiv3-key", out var apiV3Key))
        {
            return Succeeded;
        }

        using var cipher = AeadAes256GcmCipher.FromApiV3Key(apiV3Key);
        var parsed = new WeChatPayNotificationParser(verifier, cipher).Parse(body, headers);
        if (!parsed.IsSuccess)
        {
            stderr.WriteLine($"verify-notification: decrypting the resource failed: {parsed.Failure}: {parsed.Message}");
            return CheckFailed;
        }

        stdout.WriteLine(parsed.Value!.ResourceJson);
        return Succeeded;
    }

    private static PayPlatformKey? ReadKey(string keyText, string serial, string? keyId, TextWriter stderr, out int exitCode)
    {
        exitCode = CheckFailed;
        try
        {
            if (keyText.Contains("BEGIN CERTIFICATE", StringComparison.Ordinal))
            {
                var certificateKey = PayPlatformKey.FromCertificatePem(keyText);
                if (PaySerialNumber.Normalize(certificateKey.Serial) != PaySerialNumber.Normalize(serial))
                {
                    stderr.WriteLine(
                        $"verify-notification failed: UnknownSerial: Wechatpay-Serial is {serial} but the certificate's serial is {certificateKey.Serial}.");
                    return null;
                }

                return certificateKey;
            }

            if (keyText.Contains("PUBLIC KEY", StringComparison.Ordinal))
            {
                if (!PaySerialNumber.IsPublicKeyId(serial))
                {
                    stderr.WriteLine(
                        $"verify-notification failed: UnknownSerial: Wechatpay-Serial {serial} names a platform certificate, but the key file is a WeChat Pay public key.");
                    return null;
                }

                if (keyId is not null && !string.Equals(keyId, serial, StringComparison.Ordinal))
                {
                    stderr.WriteLine($"verify-notification failed: UnknownSerial: Wechatpay-Serial is {serial} but --key-id is {keyId}.");
                    return null;
                }

                return PayPlatformKey.FromPublicKeyPem(serial, keyText);
            }
        }
        catch (ArgumentException exception)
        {
            stderr.WriteLine($"verify-notification: {exception.Message}");
            exitCode = UsageError;
            return null;
        }

        stderr.WriteLine("verify-notification: --key must be a PEM certificate (BEGIN CERTIFICATE) or a PEM public key (BEGIN PUBLIC KEY).");
        exitCode = UsageError;
        return null;
    }

    /// <summary>Reads <c>Name: value</c> lines; blank lines, <c>#</c> comments and an HTTP request/status line are skipped.</summary>
    internal static Dictionary<string, string> ParseHeaderLines(string text)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.TrimEnd('\r');
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (line.Length == 0 || line.StartsWith('#') || colon <= 0)
            {
                continue;
            }

            headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }

        return headers;
    }

    private static bool TryGetRequired(
        IReadOnlyDictionary<string, string> options,
        TextWriter stderr,
        string command,
        out Dictionary<string, string> values,
        params string[] names)
    {
        values = new Dictionary<string, string>(StringComparer.Ordinal);
        var missing = new StringBuilder();
        foreach (var name in names)
        {
            if (options.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value))
            {
                values[name] = value;
            }
            else
            {
                missing.Append(" --").Append(name);
            }
        }

        if (missing.Length > 0)
        {
            stderr.WriteLine($"{command}: missing{missing}");
            return false;
        }

        return true;
    }

    private sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
