using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WxMall.Admin;
using WxMall.Data;
using WxMall.Infrastructure;
using WxMall.WeChat.OfficialAccount;

namespace WxMall.OfficialAccount;

public sealed record CreateQrCodeInput(QrCodeKind Kind, string? Name, string? Scene, string? PickupStore);

public sealed record QrCodeView(long Id, QrCodeKind Kind, string Name, string Scene, string? PickupStore, string Ticket, string Url, string ImageUrl, int Scans, int NewFollowers, DateTimeOffset CreatedAt);

/// <summary>
/// Permanent parametric QR codes (<c>QR_LIMIT_STR_SCENE</c>) per channel or per pickup store. Scans are recorded
/// against the scanner's openid and member (attribution); a pickup store's code starts in-store pickup.
/// </summary>
public static class QrCodes
{
    public static async Task<Results<Created<QrCodeView>, ProblemHttpResult, ValidationProblem>> Create(
        CreateQrCodeInput request, ClaimsPrincipal user, MallDb db, WeChatClients clients, IWriteGate writeGate, TimeProvider clock, CancellationToken cancellationToken)
    {
        var validation = new Validation()
            .Require(Enum.IsDefined(request.Kind), "kind", "kind 只能是 Channel（渠道）或 PickupStore（门店）")
            .Require(!string.IsNullOrWhiteSpace(request.Name) && request.Name.Trim().Length <= 60, "name", "名称必填，不超过 60 个字");
        int? storeId = null;
        string? storeCode = null;
        var scene = request.Scene?.Trim();
        if (request.Kind == QrCodeKind.PickupStore)
        {
            var store = await db.PickupStores.Where(s => s.Code == request.PickupStore).Select(s => new { s.Id, s.Code }).FirstOrDefaultAsync(cancellationToken);
            validation.Require(store is not null, "pickupStore", $"门店 {request.PickupStore} 不存在；门店编码见 GET /api/catalog/stores");
            storeId = store?.Id;
            storeCode = store?.Code;
            scene ??= "store_" + store?.Code;
        }

        validation.Require(scene is { Length: > 0 and <= 64 } && scene.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'), "scene",
            "场景值 scene 必填（渠道码），1–64 个字母、数字、下划线或连字符");
        if (!validation.IsValid)
        {
            return Problems.Invalid(validation);
        }

        if (await db.QrChannels.AnyAsync(q => q.Scene == scene, cancellationToken))
        {
            return Problems.Conflict($"场景值 {scene} 已有二维码，请换一个或直接使用已有的");
        }

        if (clients.OfficialAccount is not { } client)
        {
            return TypedResults.Problem("公众号未配置，无法生成二维码：请配置 WeChat:OfficialAccount。", statusCode: StatusCodes.Status503ServiceUnavailable, title: "未配置");
        }

        var result = await client.CreateQrCodeAsync(CreateQrCodeRequest.Permanent(scene!), cancellationToken);
        if (!result.Succeeded)
        {
            return TypedResults.Problem($"微信未能生成二维码（errcode {result.ErrorCode}）：{(result.ErrorCode == 45009 ? "今日配额已用完，请明天再试" : result.ErrorMessage)}",
                statusCode: StatusCodes.Status502BadGateway, title: "生成失败");
        }

        var qr = new QrChannel
        {
            Scene = scene!, Kind = request.Kind, Name = request.Name!.Trim(), PickupStoreId = storeId, Ticket = result.Value.Ticket, Url = result.Value.Url, CreatedAt = clock.GetUtcNow(),
        };
        db.QrChannels.Add(qr);
        AuditTrail.Record(db, user, clock, "oa.qr.create", $"qr:{scene}", qr.Name);
        await using (await writeGate.EnterAsync(cancellationToken))
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return TypedResults.Created($"/api/admin/official-account/qr-codes/{qr.Id}",
            new QrCodeView(qr.Id, qr.Kind, qr.Name, qr.Scene, storeCode, qr.Ticket, qr.Url, client.GetQrCodeImageUrl(qr.Ticket), 0, 0, qr.CreatedAt));
    }

    public static async Task<Ok<List<QrCodeView>>> List(MallDb db, WeChatClients clients, CancellationToken cancellationToken)
    {
        var client = clients.OfficialAccount;
        var rows = await db.QrChannels.AsNoTracking().OrderBy(q => q.Id).Select(q => new
        {
            q.Id, q.Kind, q.Name, q.Scene, q.Ticket, q.Url, q.CreatedAt,
            Store = db.PickupStores.Where(s => s.Id == q.PickupStoreId).Select(s => s.Code).FirstOrDefault(),
            Scans = db.QrScans.Count(s => s.Scene == q.Scene),
            NewFollowers = db.QrScans.Count(s => s.Scene == q.Scene && s.NewFollower),
        }).ToListAsync(cancellationToken);
        return TypedResults.Ok(rows.Select(q => new QrCodeView(q.Id, q.Kind, q.Name, q.Scene, q.Store, q.Ticket, q.Url, client?.GetQrCodeImageUrl(q.Ticket) ?? string.Empty, q.Scans, q.NewFollowers, q.CreatedAt)).ToList());
    }
}
