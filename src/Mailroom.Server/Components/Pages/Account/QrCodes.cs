using QRCoder;

namespace Mailroom.Server.Components.Pages.Account;

/// <summary>A QR code as inline SVG, drawn on the server: the secret it carries never leaves for a third-party service.</summary>
public static class QrCodes
{
    public static string Svg(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(4);
    }
}
