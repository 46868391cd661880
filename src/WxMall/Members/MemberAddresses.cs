using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WxMall.Compliance;
using WxMall.Data;
using WxMall.Identity;
using WxMall.Infrastructure;

namespace WxMall.Members;

public sealed record AddressRequest(string? RecipientName, string? Phone, string? Province, string? City, string? District, string? Detail, bool IsDefault);

/// <summary>An address as the member sees it: masked, like every other place personal data is shown.</summary>
public sealed record AddressView(long Id, string RecipientName, string Phone, string Province, string City, string District, string Detail, bool IsDefault);

public static class MemberAddresses
{
    public const int MaxAddressesPerMember = 20;

    public static async Task<Ok<List<AddressView>>> List(ClaimsPrincipal user, MallDb db, PersonalDataProtector protector, CancellationToken cancellationToken)
    {
        var memberId = user.RequiredMemberId();
        var addresses = await db.Addresses.AsNoTracking().Where(a => a.MemberId == memberId)
            .OrderByDescending(a => a.IsDefault).ThenBy(a => a.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(addresses.Select(a => ToView(a, protector)).ToList());
    }

    public static async Task<Results<Created<AddressView>, ValidationProblem>> Add(
        AddressRequest request, ClaimsPrincipal user, MallDb db, PersonalDataProtector protector, CancellationToken cancellationToken)
    {
        var memberId = user.RequiredMemberId();
        var validation = Validate(request);
        var count = await db.Addresses.CountAsync(a => a.MemberId == memberId, cancellationToken);
        validation.Require(count < MaxAddressesPerMember, "address", $"最多保存 {MaxAddressesPerMember} 个收货地址，请先删除不用的地址");
        if (!validation.IsValid)
        {
            return Problems.Invalid(validation);
        }

        var isDefault = request.IsDefault || count == 0;
        if (isDefault)
        {
            await db.Addresses.Where(a => a.MemberId == memberId && a.IsDefault)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.IsDefault, false), cancellationToken);
        }

        var address = new MemberAddress
        {
            MemberId = memberId,
            RecipientNameCipher = protector.Encrypt(request.RecipientName!.Trim()),
            PhoneCipher = protector.Encrypt(request.Phone!),
            Province = request.Province!.Trim(),
            City = request.City!.Trim(),
            District = request.District!.Trim(),
            DetailCipher = protector.Encrypt(request.Detail!.Trim()),
            IsDefault = isDefault,
        };
        db.Addresses.Add(address);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/members/me/addresses/{address.Id}", ToView(address, protector));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(long id, ClaimsPrincipal user, MallDb db, CancellationToken cancellationToken)
    {
        var memberId = user.RequiredMemberId();
        var deleted = await db.Addresses.Where(a => a.Id == id && a.MemberId == memberId).ExecuteDeleteAsync(cancellationToken);
        return deleted == 0 ? Problems.NotFound($"收货地址 {id} 不存在") : TypedResults.NoContent();
    }

    public static async Task<Ok<List<PointsEntryView>>> Points(ClaimsPrincipal user, MallDb db, CancellationToken cancellationToken)
    {
        var memberId = user.RequiredMemberId();
        return TypedResults.Ok(await db.PointsEntries.AsNoTracking().Where(p => p.MemberId == memberId)
            .OrderByDescending(p => p.Id).Take(100)
            .Select(p => new PointsEntryView(p.Delta, p.Reason, p.OrderNumber, p.At)).ToListAsync(cancellationToken));
    }

    private static Validation Validate(AddressRequest request) => new Validation()
        .Require(request.RecipientName is { Length: >= 1 and <= 20 } && !string.IsNullOrWhiteSpace(request.RecipientName), "recipientName", "请填写收货人姓名（不超过 20 个字）")
        .Require(MemberAccounts.IsMainlandMobile(request.Phone), "phone", "请填写 11 位手机号")
        .Require(request.Province is { Length: >= 2 and <= 20 }, "province", "请选择省份")
        .Require(request.City is { Length: >= 2 and <= 20 }, "city", "请选择城市")
        .Require(request.District is { Length: >= 2 and <= 20 }, "district", "请选择区县")
        .Require(request.Detail is { Length: >= 5 and <= 120 }, "detail", "详细地址需为 5 到 120 个字");

    public static AddressView ToView(MemberAddress address, PersonalDataProtector protector) => new(
        address.Id,
        Mask.Name(protector.Decrypt(address.RecipientNameCipher)),
        Mask.Phone(protector.Decrypt(address.PhoneCipher)),
        address.Province, address.City, address.District,
        Mask.Address(protector.Decrypt(address.DetailCipher)),
        address.IsDefault);
}

public sealed record PointsEntryView(long Delta, string Reason, string? OrderNumber, DateTimeOffset At);
