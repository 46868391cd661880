using System.Security.Cryptography;
using System.Text;

namespace WxMall.Compliance;

public sealed class PersonalDataOptions
{
    public const string Section = "PersonalData";

    /// <summary>Base64 of 32 random bytes. When empty a key is generated once and kept in <see cref="KeyFile"/>.</summary>
    public string? Key { get; set; }

    public string KeyFile { get; set; } = "data/keys/personal-data.key";
}

/// <summary>
/// Encrypts personal data at rest (AES-256-GCM, random nonce) and derives keyed lookup hashes so a
/// phone number can be found without decrypting every row. The key is read once at start-up.
/// </summary>
public sealed class PersonalDataProtector
{
    private const string Prefix = "v1:";
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly byte[] encryptionKey;
    private readonly byte[] lookupKey;

    public PersonalDataProtector(byte[] masterKey)
    {
        if (masterKey.Length != 32)
        {
            throw new ArgumentException("The personal data key must be 32 bytes (base64 of 32 random bytes).", nameof(masterKey));
        }

        encryptionKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, masterKey, 32, info: "wxmall personal data encryption"u8.ToArray());
        lookupKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, masterKey, 32, info: "wxmall personal data lookup"u8.ToArray());
    }

    public static PersonalDataProtector FromOptions(PersonalDataOptions options, string contentRoot)
    {
        var keyFile = Path.GetFullPath(options.KeyFile, contentRoot);
        if (!string.IsNullOrWhiteSpace(options.Key))
        {
            return new PersonalDataProtector(Convert.FromBase64String(options.Key));
        }

        if (File.Exists(keyFile))
        {
            return new PersonalDataProtector(Convert.FromBase64String(File.ReadAllText(keyFile).Trim()));
        }

        var key = RandomNumberGenerator.GetBytes(32);
        Directory.CreateDirectory(Path.GetDirectoryName(keyFile)!);
        File.WriteAllText(keyFile, Convert.ToBase64String(key));
        return new PersonalDataProtector(key);
    }

    public string Encrypt(string plaintext)
    {
        var plainBytes = Encoding.UTF8.GetBytes(plaintext);
        var output = new byte[NonceSize + plainBytes.Length + TagSize];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(encryptionKey, TagSize);
        aes.Encrypt(nonce, plainBytes, output.AsSpan(NonceSize, plainBytes.Length), output.AsSpan(NonceSize + plainBytes.Length));
        return Prefix + Convert.ToBase64String(output);
    }

    public string Decrypt(string cipher)
    {
        if (!cipher.StartsWith(Prefix, StringComparison.Ordinal))
        {
            throw new CryptographicException("Not a WxMall personal data cipher.");
        }

        var bytes = Convert.FromBase64String(cipher[Prefix.Length..]);
        var plainLength = bytes.Length - NonceSize - TagSize;
        var plain = new byte[plainLength];
        using var aes = new AesGcm(encryptionKey, TagSize);
        aes.Decrypt(bytes.AsSpan(0, NonceSize), bytes.AsSpan(NonceSize, plainLength), bytes.AsSpan(NonceSize + plainLength), plain);
        return Encoding.UTF8.GetString(plain);
    }

    /// <summary>A stable keyed hash (HMAC-SHA256, hex) of a normalised value, for unique indexes and look-ups.</summary>
    public string Lookup(string value) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(lookupKey, Encoding.UTF8.GetBytes(value.Trim())));
}
