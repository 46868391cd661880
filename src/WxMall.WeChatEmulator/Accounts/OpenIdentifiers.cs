using System.Security.Cryptography;
using System.Text;

namespace WxMall.WeChatEmulator.Accounts;

/// <summary>Derives WeChat-looking identifiers: stable openids per (user, app), a unionid per user, random tokens.</summary>
internal static class OpenIdentifiers
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private const string Base62 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>28 characters starting with <c>o</c>, like <c>oia2TjuEGTNoeX76QEjQNrcURxG8</c>.</summary>
    public static string OpenId(string appId, string userId) => "o" + Hashed(appId + "|" + userId, 27);

    public static string UnionId(string userId) => "o" + Hashed("union|" + userId, 27);

    public static string Random(int length, string alphabet = Base62)
    {
        var characters = new char[length];
        for (var index = 0; index < length; index++)
        {
            characters[index] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
        }

        return new string(characters);
    }

    public static string Token() => Random(136, Alphabet);

    public static string RequestId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)) + "-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)) + "-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));

    private static string Hashed(string input, int length)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(input));
        var characters = new char[length];
        for (var index = 0; index < length; index++)
        {
            characters[index] = Alphabet[hash[index] % Alphabet.Length];
        }

        return new string(characters);
    }
}
