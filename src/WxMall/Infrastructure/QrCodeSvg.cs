using System.Text;
using QRCoder;

namespace WxMall.Infrastructure;

/// <summary>A QR code drawn as SVG (pay codes, the official account's codes): medium error correction, 6 px modules.</summary>
public static class QrCodeSvg
{
    public const string ContentType = "image/svg+xml";

    public static byte[] Render(string content)
    {
        using var data = QRCodeGenerator.GenerateQrCode(content, QRCodeGenerator.ECCLevel.M);
        return Encoding.UTF8.GetBytes(new SvgQRCode(data).GetGraphic(6));
    }
}
