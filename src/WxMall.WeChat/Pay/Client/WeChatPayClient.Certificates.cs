using System.Text.Json;
using WxMall.WeChat.Pay.Certificates;
using WxMall.WeChat.Pay.Crypto;

namespace WxMall.WeChat.Pay.Client;

public sealed partial class WeChatPayClient
{
    /// <summary>
    /// <c>GET /v3/certificates</c>: download and decrypt the platform certificates. Add the results to
    /// <see cref="PayVerifierKeyStore"/> to trust them.
    /// </summary>
    public async Task<PayResult<DownloadCertificatesResponse>> DownloadCertificatesAsync(
        DownloadCertificatesRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = request.AlgorithmType is null
            ? "/v3/certificates"
            : $"/v3/certificates?algorithm_type={Escape(request.AlgorithmType)}";
        var raw = await SendWithRetriesAsync(HttpMethod.Get, BuildUri(path), null, null, signed: true, cancellationToken);
        if (!raw.IsSuccessStatus)
        {
            return Interpret<DownloadCertificatesResponse>(raw, _ => null);
        }

        DownloadCertificatesResponse? listing;
        try
        {
            listing = JsonSerializer.Deserialize<DownloadCertificatesResponse>(raw.Body, PayJson.Options);
        }
        catch (JsonException exception)
        {
            return Malformed<DownloadCertificatesResponse>(raw, "The certificate list is not the documented JSON: " + exception.Message);
        }

        if (listing is null)
        {
            return Malformed<DownloadCertificatesResponse>(raw, "The certificate list is empty.");
        }

        var certificates = new List<PlatformCertificate>(listing.Data.Count);
        foreach (var entry in listing.Data)
        {
            var decrypted = DecryptCertificate(entry, out var problem);
            if (decrypted is null)
            {
                return PayResult.Failure<DownloadCertificatesResponse>(
                    new PayError { Kind = PayErrorKind.DecryptionFailed, Code = "CERTIFICATE_DECRYPTION_FAILED", Message = problem!, HttpStatus = raw.HttpStatus },
                    raw.RequestId);
            }

            certificates.Add(decrypted);
        }

        var check = verifier.Verify(raw.Signature, raw.Body);
        if (check.Failure == PayFailureReason.UnknownSerial)
        {
            // First download or rotation: the AEAD tag already proved these certificates come from WeChat Pay.
            var candidates = new PayVerifierKeyStore(keys.VerifierKeys.Keys.Concat(certificates.Select(certificate => certificate.Key)));
            check = new WeChatPaySignatureVerifier(candidates, timeProvider).Verify(raw.Signature, raw.Body);
        }

        return check.IsValid
            ? PayResult.Success(listing with { Certificates = certificates }, raw.HttpStatus, raw.RequestId)
            : Untrusted<DownloadCertificatesResponse>(raw, check);
    }

    private PlatformCertificate? DecryptCertificate(EncryptedPlatformCertificate entry, out string? problem)
    {
        if (entry.EncryptCertificate is null)
        {
            problem = $"Certificate {entry.SerialNumber} has no encrypt_certificate.";
            return null;
        }

        var decryption = keys.ResourceCipher.Decrypt(entry.EncryptCertificate);
        if (!decryption.IsSuccess)
        {
            problem = $"Certificate {entry.SerialNumber}: {decryption.Failure}: {decryption.Message}";
            return null;
        }

        PayPlatformKey key;
        try
        {
            key = PayPlatformKey.FromCertificatePem(decryption.PlaintextText);
        }
        catch (ArgumentException exception)
        {
            problem = $"Certificate {entry.SerialNumber} decrypted to something that is not a certificate: {exception.Message}";
            return null;
        }

        if (PaySerialNumber.Normalize(key.Serial) != PaySerialNumber.Normalize(entry.SerialNumber))
        {
            problem = $"Certificate listed as {entry.SerialNumber} has serial {key.Serial}.";
            return null;
        }

        problem = null;
        return new PlatformCertificate(entry.SerialNumber, entry.EffectiveTime, entry.ExpireTime, decryption.PlaintextText, key);
    }
}
