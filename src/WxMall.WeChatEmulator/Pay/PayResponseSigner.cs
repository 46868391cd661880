using WxMall.WeChat.Pay.Crypto;
using WxMall.WeChatEmulator.Accounts;
using WxMall.WeChatEmulator.Hosting;

namespace WxMall.WeChatEmulator.Pay;

/// <summary>
/// Signs what WeChat Pay sends: with the WeChat Pay public key (<c>PUB_KEY_ID_…</c>) or the platform certificate,
/// following the <c>Wechatpay-Serial</c> the merchant declared, else the configured default mode.
/// Faults can skew the clock, forge the signature or send a <c>WECHATPAY/SIGNTEST/</c> probe.
/// </summary>
public sealed class PayResponseSigner(EmulatorKeys keys, EmulatorOptions options, FaultBook faults, TimeProvider timeProvider)
{
    public PaySignatureHeaders Sign(string? declaredSerial, ReadOnlySpan<byte> body, bool? probe = null, bool? forge = null)
    {
        var signer = ChooseSigner(declaredSerial);
        var timestamp = (timeProvider.GetUtcNow() + faults.ClockSkew).ToUnixTimeSeconds();
        var nonce = OpenIdentifiers.Random(32);
        if (probe ?? faults.SignTestResponses)
        {
            return signer.SignProbe(timestamp, nonce, body);
        }

        var headers = signer.Sign(timestamp, nonce, body);
        if (forge ?? faults.ForgeResponseSignatures)
        {
            // A real RSA signature over different bytes: structurally valid, cryptographically wrong.
            headers = headers with { Signature = signer.Sign(timestamp, nonce, "forged"u8).Signature };
        }

        return headers;
    }

    private WeChatPayPlatformSigner ChooseSigner(string? declaredSerial)
    {
        if (!string.IsNullOrEmpty(declaredSerial))
        {
            if (PaySerialNumber.Normalize(declaredSerial) == keys.CertificateSigner.Serial)
            {
                return keys.CertificateSigner;
            }

            if (declaredSerial == keys.PublicKeySigner.Serial)
            {
                return keys.PublicKeySigner;
            }
        }

        return string.Equals(options.Merchant.DefaultVerificationMode, "certificate", StringComparison.OrdinalIgnoreCase)
            ? keys.CertificateSigner
            : keys.PublicKeySigner;
    }
}
