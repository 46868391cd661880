using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WxMall.Compliance;
using WxMall.Data;
using WxMall.Members;

namespace WxMall.Identity;

/// <summary>One app a member has signed in through (openids are not shown: pages never need them).</summary>
public sealed record LinkedAppView(string AppId, string Kind, DateTimeOffset FirstSeenAt, DateTimeOffset LastSeenAt);

/// <summary>
/// Who is signed in. <see cref="Kind"/> is <c>guest</c> (nobody), <c>wechat-visitor</c> (an openid from silent OAuth,
/// no member yet) or <c>member</c>. <see cref="WeChatAppId"/> is the app of the session's openid, when there is one.
/// </summary>
public sealed record MeView(
    string Kind, long? MemberId, string? Nickname, string? AvatarUrl, string? Phone, string? Level, string? LevelName,
    long? PointsBalance, bool HasPassword, string? WeChatAppId, IReadOnlyList<LinkedAppView> LinkedApps);

public static class WhoAmI
{
    public static async Task<Ok<MeView>> Get(ClaimsPrincipal user, MallDb db, PersonalDataProtector protector, WeChatApps apps, CancellationToken cancellationToken)
    {
        var subject = new SessionSubject(user.MemberId(), user.Identity?.Name ?? "", user.WeChatAppId(), user.WeChatOpenId());
        return TypedResults.Ok(await ViewAsync(db, protector, apps, subject, cancellationToken));
    }

    public static async Task<MeView> ViewAsync(MallDb db, PersonalDataProtector protector, WeChatApps apps, SessionSubject subject, CancellationToken cancellationToken)
    {
        var member = subject.MemberId is { } memberId
            ? await db.Members.AsNoTracking().FirstOrDefaultAsync(m => m.Id == memberId && m.MergedIntoMemberId == null, cancellationToken)
            : null;
        var visitor = subject.WeChatAppId is { } appId && subject.WeChatOpenId is { } openId
            ? await db.WeChatIdentities.AsNoTracking().FirstOrDefaultAsync(i => i.AppId == appId && i.OpenId == openId, cancellationToken)
            : null;
        if (member is null)
        {
            return visitor is null
                ? new MeView("guest", null, null, null, null, null, null, null, false, null, [])
                : new MeView("wechat-visitor", null, visitor.Nickname, visitor.AvatarUrl, null, null, null, null, false, visitor.AppId, []);
        }

        var identities = await db.WeChatIdentities.AsNoTracking().Where(i => i.MemberId == member.Id)
            .OrderBy(i => i.FirstSeenAt).ToListAsync(cancellationToken);
        var avatar = identities.Where(i => i.AvatarUrl != null).OrderByDescending(i => i.LastSeenAt).Select(i => i.AvatarUrl).FirstOrDefault();
        return new MeView(
            "member", member.Id, member.Nickname, avatar,
            member.PhoneCipher is null ? null : Mask.Phone(protector.Decrypt(member.PhoneCipher)),
            member.Level.ToString(), MemberLevels.DisplayName(member.Level), member.PointsBalance, member.PasswordHash is not null,
            visitor?.AppId ?? subject.WeChatAppId,
            identities.Select(i => new LinkedAppView(i.AppId, apps.KindOf(i.AppId), i.FirstSeenAt, i.LastSeenAt)).ToList());
    }
}
