using System.Text;
using WxMall.WeChat.Crypto;

namespace WxMall.WeChat.Tools;

/// <summary>
/// The <c>wechat</c> debugging command line (merchants fight "signature invalid" for days): each command prints its
/// result on stdout, or a reason on stderr with exit code 1 (the check failed) or 2 (bad usage or unreadable input).
/// </summary>
public static class WeChatCommandLine
{
    private const int Succeeded = 0;
    private const int CheckFailed = 1;
    private const int UsageError = 2;

    private static readonly IReadOnlyDictionary<string, Command> Commands = new Dictionary<string, Command>(StringComparer.Ordinal)
    {
        ["verify-url"] = new(
            "verify-url --token T --timestamp TS --nonce N --signature S",
            "Checks the signature of the message-server URL verification (and of every push).",
            ["token", "timestamp", "nonce", "signature"], [], VerifyUrl),
        ["decrypt-message"] = new(
            "decrypt-message --token T --aes-key K --appid A --timestamp TS --nonce N --msg-signature S --encrypt B64 [--previous-aes-key K]",
            "Checks msg_signature and decrypts a safe-mode Encrypt value; prints the plaintext XML. No clock check, so captured pushes can be replayed.",
            ["token", "aes-key", "appid", "timestamp", "nonce", "msg-signature", "encrypt"], ["previous-aes-key"], DecryptMessage),
        ["encrypt-message"] = new(
            "encrypt-message --token T --aes-key K --appid A --timestamp TS --nonce N --xml FILE",
            "Encrypts a reply (or a test push) and prints the signed safe-mode envelope.",
            ["token", "aes-key", "appid", "timestamp", "nonce", "xml"], [], EncryptMessage),
        ["jssdk-sign"] = new(
            "jssdk-sign --ticket T --noncestr N --timestamp TS --url U",
            "Prints the wx.config signature; the #fragment of the URL is not signed. The signed string goes to stderr.",
            ["ticket", "noncestr", "timestamp", "url"], [], JsSdkSign),
        ["decrypt-resource"] = new(
            "decrypt-resource --apiv3-key K --nonce N --associated-data A --ciphertext B64",
            "Decrypts the AEAD_AES_256_GCM resource of a WeChat Pay notification; prints the plaintext.",
            null, null, (options, stdout, stderr) => PayCommands.DecryptResourceAsync(options, stdout, stderr)),
        ["verify-notification"] = new(
            "verify-notification --key PEM_FILE --headers FILE --body FILE [--apiv3-key K] [--now UNIX_SECONDS]",
            "Checks the serial, the time window and the signature of a captured WeChat Pay notification; prints 'signature ok', then the decrypted resource if a key is given.",
            null, null, (options, stdout, stderr) => PayCommands.VerifyNotificationAsync(options, stdout, stderr)),
    };

    /// <summary>Runs one command. <paramref name="args"/> start after the word <c>wechat</c>.</summary>
    /// <returns>0 on success, 1 when the check failed, 2 on bad usage.</returns>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (args.Length == 0 || args[0] is "--help" or "-h" or "help")
        {
            WriteHelp(args.Length == 0 ? stderr : stdout);
            return args.Length == 0 ? UsageError : Succeeded;
        }

        if (!Commands.TryGetValue(args[0], out var command))
        {
            await stderr.WriteLineAsync($"Unknown command '{args[0]}'. Run 'wechat --help' for the list.");
            return UsageError;
        }

        if (args.Skip(1).Any(argument => argument is "--help" or "-h"))
        {
            await stdout.WriteLineAsync("usage: wechat " + command.Usage);
            await stdout.WriteLineAsync(command.Description);
            return Succeeded;
        }

        if (!TryParseOptions(args.AsSpan(1), command, out var options, out var problem))
        {
            await stderr.WriteLineAsync($"{args[0]}: {problem}");
            await stderr.WriteLineAsync("usage: wechat " + command.Usage);
            return UsageError;
        }

        return await command.Run(options, stdout, stderr);
    }

    private static void WriteHelp(TextWriter writer)
    {
        writer.WriteLine("usage: wechat <command> [options]   (options are --name value; add --help after a command for details)");
        writer.WriteLine();
        foreach (var command in Commands.Values)
        {
            writer.WriteLine("  " + command.Usage);
            writer.WriteLine("      " + command.Description);
        }

        writer.WriteLine();
        writer.WriteLine("Exit codes: 0 ok, 1 the check failed (reason on stderr), 2 bad usage or unreadable input.");
    }

    private static bool TryParseOptions(ReadOnlySpan<string> arguments, Command command, out Dictionary<string, string> options, out string? problem)
    {
        options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var index = 0; index < arguments.Length; index++)
        {
            var argument = arguments[index];
            if (!argument.StartsWith("--", StringComparison.Ordinal) || argument.Length == 2)
            {
                problem = $"unexpected argument '{argument}'; options are written --name value.";
                return false;
            }

            var name = argument[2..];
            if (command.Required is not null && !command.Required.Contains(name) && !command.Optional!.Contains(name))
            {
                problem = $"unknown option --{name}.";
                return false;
            }

            if (index + 1 >= arguments.Length)
            {
                problem = $"--{name} needs a value.";
                return false;
            }

            if (!options.TryAdd(name, arguments[++index]))
            {
                problem = $"--{name} is given twice.";
                return false;
            }
        }

        var given = options;
        var missing = command.Required?.Where(name => !given.ContainsKey(name)).Select(name => "--" + name).ToList() ?? [];
        problem = missing.Count == 0 ? null : "missing " + string.Join(", ", missing) + ".";
        return missing.Count == 0;
    }

    private static async Task<int> VerifyUrl(IReadOnlyDictionary<string, string> options, TextWriter stdout, TextWriter stderr)
    {
        var expected = WeChatSignature.ComputeServerSignature(options["token"], options["timestamp"], options["nonce"]);
        if (WeChatSignature.VerifyServerSignature(options["token"], options["timestamp"], options["nonce"], options["signature"]))
        {
            await stdout.WriteLineAsync("signature ok");
            return Succeeded;
        }

        string[] sorted = [options["token"], options["timestamp"], options["nonce"]];
        Array.Sort(sorted, StringComparer.Ordinal);
        await stderr.WriteLineAsync($"signature mismatch: got {options["signature"]}, expected {expected}");
        await stderr.WriteLineAsync($"  expected = sha1(\"{string.Concat(sorted)}\"), the token, timestamp and nonce sorted as ordinal strings and joined.");
        await stderr.WriteLineAsync("  Check that the Token equals the one saved in the console (Settings > Basic configuration > Server) and that no proxy rewrote the query.");
        return CheckFailed;
    }

    private static async Task<int> DecryptMessage(IReadOnlyDictionary<string, string> options, TextWriter stdout, TextWriter stderr)
    {
        if (!TryCreateCryptor(options, stderr, out var cryptor))
        {
            return UsageError;
        }

        var result = cryptor.Decrypt(options["msg-signature"], options["timestamp"], options["nonce"], options["encrypt"]);
        if (!result.Succeeded)
        {
            await stderr.WriteLineAsync($"decrypt-message failed: {result.Failure}: {Explain(result.Failure)}");
            if (result.Failure == MessageCryptoFailure.SignatureMismatch)
            {
                var expected = WeChatSignature.ComputeMessageSignature(options["token"], options["timestamp"], options["nonce"], options["encrypt"]);
                await stderr.WriteLineAsync($"  got {options["msg-signature"]}, expected {expected} = sha1(sort(token, timestamp, nonce, Encrypt)).");
            }

            return CheckFailed;
        }

        if (result.KeyGeneration == MessageKeyGeneration.Previous)
        {
            await stderr.WriteLineAsync("note: opened with the previous EncodingAESKey; WeChat has not switched to the new key yet.");
        }

        await stdout.WriteLineAsync(result.Plaintext);
        return Succeeded;
    }

    private static async Task<int> EncryptMessage(IReadOnlyDictionary<string, string> options, TextWriter stdout, TextWriter stderr)
    {
        if (!TryCreateCryptor(options, stderr, out var cryptor))
        {
            return UsageError;
        }

        string xml;
        try
        {
            xml = await File.ReadAllTextAsync(options["xml"], Encoding.UTF8);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            await stderr.WriteLineAsync($"encrypt-message: cannot read --xml {options["xml"]}: {exception.Message}");
            return UsageError;
        }

        await stdout.WriteLineAsync(cryptor.Encrypt(xml, options["timestamp"], options["nonce"]).ToReplyXml());
        return Succeeded;
    }

    private static async Task<int> JsSdkSign(IReadOnlyDictionary<string, string> options, TextWriter stdout, TextWriter stderr)
    {
        var url = options["url"];
        await stderr.WriteLineAsync("signed: " + JsSdkSignature.BuildStringToSign(options["ticket"], options["noncestr"], options["timestamp"], url));
        if (url.Contains('#', StringComparison.Ordinal))
        {
            await stderr.WriteLineAsync("note: the #fragment was removed before signing, as the browser never sends it.");
        }

        await stdout.WriteLineAsync(JsSdkSignature.Compute(options["ticket"], options["noncestr"], options["timestamp"], url));
        return Succeeded;
    }

    private static bool TryCreateCryptor(IReadOnlyDictionary<string, string> options, TextWriter stderr, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out MessageCryptor? cryptor)
    {
        cryptor = null;
        if (!EncodingAesKey.TryParse(options["aes-key"], out var key, out var reason))
        {
            stderr.WriteLine("--aes-key: " + reason);
            return false;
        }

        EncodingAesKey? previous = null;
        if (options.TryGetValue("previous-aes-key", out var previousText) && !EncodingAesKey.TryParse(previousText, out previous, out reason))
        {
            stderr.WriteLine("--previous-aes-key: " + reason);
            return false;
        }

        if (options["token"].Length == 0 || options["appid"].Length == 0)
        {
            stderr.WriteLine("--token and --appid must not be empty.");
            return false;
        }

        cryptor = new MessageCryptor(options["token"], options["appid"], key, previous);
        return true;
    }

    private static string Explain(MessageCryptoFailure failure) => failure switch
    {
        MessageCryptoFailure.MissingValue => "a value is empty.",
        MessageCryptoFailure.SignatureMismatch => "msg_signature does not match; check the Token and that timestamp/nonce come from the same request URL.",
        MessageCryptoFailure.Base64Invalid => "Encrypt is not valid base64; it was probably truncated or URL-decoded twice ('+' turned into a space).",
        MessageCryptoFailure.CiphertextLengthInvalid => "the ciphertext is not a whole number of 16-byte blocks; it was truncated.",
        MessageCryptoFailure.PaddingInvalid => "the padding is wrong: the EncodingAESKey is not the one WeChat used (was it changed in the console?).",
        MessageCryptoFailure.MessageLengthInvalid => "the length inside the plaintext is impossible: wrong key or corrupted ciphertext.",
        MessageCryptoFailure.EncodingInvalid => "the message is not UTF-8.",
        MessageCryptoFailure.AppIdMismatch => "the message is for another appid: check --appid (an official account's, not a mini-program's).",
        _ => failure.ToString(),
    };

    private sealed record Command(
        string Usage,
        string Description,
        string[]? Required,
        string[]? Optional,
        Func<IReadOnlyDictionary<string, string>, TextWriter, TextWriter, Task<int>> Run);
}
