using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace WxMall.WeChat.Pay.Crypto;

/// <summary>Turns the key texts merchants paste (PEM, or the bare Base64 body of one) into key objects.</summary>
internal static class PayKeyParsing
{
    public static RSA ImportPrivateKey(string privateKeyText)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(privateKeyText);
        var rsa = RSA.Create();
        try
        {
            if (privateKeyText.Contains("-----BEGIN", StringComparison.Ordinal))
            {
                rsa.ImportFromPem(privateKeyText);
            }
            else
            {
                // The merchant console and several SDK samples hand out the PKCS#8 body without PEM armour.
                rsa.ImportPkcs8PrivateKey(DecodeBase64Body(privateKeyText), out _);
            }

            return rsa;
        }
        catch (Exception exception) when (exception is CryptographicException or FormatException or ArgumentException)
        {
            rsa.Dispose();
            throw new ArgumentException(
                "The merchant private key could not be read. Use the contents of apiclient_key.pem " +
                "(-----BEGIN PRIVATE KEY----- ...), not the certificate or the .p12 file.",
                nameof(privateKeyText),
                exception);
        }
    }

    public static RSA ImportPublicKey(string publicKeyText)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(publicKeyText);
        var rsa = RSA.Create();
        try
        {
            if (publicKeyText.Contains("-----BEGIN", StringComparison.Ordinal))
            {
                rsa.ImportFromPem(publicKeyText);
            }
            else
            {
                rsa.ImportSubjectPublicKeyInfo(DecodeBase64Body(publicKeyText), out _);
            }

            return rsa;
        }
        catch (Exception exception) when (exception is CryptographicException or FormatException or ArgumentException)
        {
            rsa.Dispose();
            throw new ArgumentException(
                "The WeChat Pay public key could not be read. Use pub_key.pem downloaded from the merchant console " +
                "(-----BEGIN PUBLIC KEY----- ...).",
                nameof(publicKeyText),
                exception);
        }
    }

    public static X509Certificate2 ImportCertificate(string certificateText)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(certificateText);
        try
        {
            return certificateText.Contains("-----BEGIN", StringComparison.Ordinal)
                ? X509Certificate2.CreateFromPem(certificateText)
                : X509CertificateLoader.LoadCertificate(DecodeBase64Body(certificateText));
        }
        catch (Exception exception) when (exception is CryptographicException or FormatException or ArgumentException)
        {
            throw new ArgumentException(
                "The platform certificate could not be read. Use the PEM decrypted from /v3/certificates " +
                "(-----BEGIN CERTIFICATE----- ...).",
                nameof(certificateText),
                exception);
        }
    }

    private static byte[] DecodeBase64Body(string text)
    {
        var compact = string.Concat(text.Where(character => !char.IsWhiteSpace(character)));
        return Convert.FromBase64String(compact);
    }
}
