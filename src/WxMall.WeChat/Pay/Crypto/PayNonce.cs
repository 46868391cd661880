using System.Security.Cryptography;

namespace WxMall.WeChat.Pay.Crypto;

/// <summary>Random nonces for request signatures and client payment parameters.</summary>
public static class PayNonce
{
    /// <summary>32 upper-case hex characters from a cryptographic random source.</summary>
    public static string Create() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
}
