using Microsoft.EntityFrameworkCore;
using WxMall.Data;
using WxMall.WeChat.OfficialAccount;

namespace WxMall.OfficialAccount;

/// <summary>
/// The official account's permanent QR code for customer service (scene <c>service</c>), which the store's contact page
/// shows to shoppers outside WeChat: scanning follows the account (or opens its chat), where the bot and the agents answer.
/// Created with WeChat on first use and kept as a QR channel, so its scans and new followers are counted like any other.
/// </summary>
public static class ServiceQrCode
{
    public const string Scene = "service";

    /// <summary>The QR code's content URL; null when the official account is not connected or WeChat refused.</summary>
    public static async Task<string?> UrlAsync(MallDb db, WeChatClients clients, IWriteGate writeGate, TimeProvider clock, CancellationToken cancellationToken)
    {
        var url = await db.QrChannels.AsNoTracking().Where(q => q.Scene == Scene).Select(q => q.Url).FirstOrDefaultAsync(cancellationToken);
        if (url is not null || clients.OfficialAccount is not { } client)
        {
            return url;
        }

        var created = await client.CreateQrCodeAsync(CreateQrCodeRequest.Permanent(Scene), cancellationToken);
        if (!created.Succeeded)
        {
            return null;
        }

        db.QrChannels.Add(new QrChannel
        {
            Scene = Scene, Kind = QrCodeKind.Channel, Name = "联系客服（商城客服页）", Ticket = created.Value.Ticket, Url = created.Value.Url, CreatedAt = clock.GetUtcNow(),
        });
        try
        {
            await using (await writeGate.EnterAsync(cancellationToken))
            {
                await db.SaveChangesAsync(cancellationToken);
            }
        }
        catch (DbUpdateException)
        {
            // Another visit created it first (the scene is unique): WeChat returns the same code for the same scene.
            db.ChangeTracker.Clear();
            return await db.QrChannels.AsNoTracking().Where(q => q.Scene == Scene).Select(q => q.Url).FirstOrDefaultAsync(cancellationToken);
        }

        return created.Value.Url;
    }
}
