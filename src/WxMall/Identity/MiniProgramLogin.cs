using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using WxMall.Compliance;
using WxMall.Data;
using WxMall.Infrastructure;
using WxMall.Members;
using WxMall.WeChat.MiniProgram;

namespace WxMall.Identity;

/// <param name="Code">The <c>wx.login()</c> code.</param>
/// <param name="PhoneCode">Optional: the code of a <c>getPhoneNumber</c> button.</param>
public sealed record MiniProgramLoginRequest(string? Code, string? PhoneCode);

/// <summary>The session the mini-program keeps (the session_key never leaves the server).</summary>
public sealed record MiniProgramSession(string AccessToken, string TokenType, long ExpiresIn, MeView Me, string? Notice);

/// <summary>
/// Mini-program login: <c>jscode2session</c> gives openid and unionid, the unionid finds or creates the member
/// (the same member as in the official account's H5 pages), and a bearer token is issued. A phone number from
/// <c>getuserphonenumber</c> is stored encrypted and, for a WeChat user who is not a member yet, links an
/// existing phone account.
/// </summary>
public static class MiniProgramLogin
{
    public static async Task<Results<Ok<MiniProgramSession>, ValidationProblem, ProblemHttpResult>> Login(
        MiniProgramLoginRequest request, HttpContext http, [FromServices] MiniProgramClient? miniProgram, WeChatApps apps,
        MallDb db, IWriteGate gate, PersonalDataProtector protector, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (miniProgram is null || apps.MiniProgramAppId is not { } appId)
        {
            return WeChatProblems.NotConnected();
        }

        var validation = new Validation()
            .Require(request.Code is { Length: > 0 and <= 128 }, "code", "请传入 wx.login() 返回的 code")
            .Require(request.PhoneCode is null || request.PhoneCode.Length is > 0 and <= 128, "phoneCode", "phoneCode 应为手机号授权按钮返回的 code");
        if (!validation.IsValid)
        {
            return Problems.Invalid(validation);
        }

        // Every WeChat call happens before the first write, so a refused code leaves nothing behind.
        var session = await miniProgram.CodeToSessionAsync(new CodeToSessionRequest { JsCode = request.Code! }, cancellationToken);
        if (!session.Succeeded)
        {
            return WeChatProblems.FromCodeExchange(session);
        }

        string? phone = null;
        if (request.PhoneCode is { } phoneCode)
        {
            var phoneResult = await miniProgram.GetPhoneNumberAsync(new GetPhoneNumberRequest { Code = phoneCode, OpenId = session.Value.OpenId }, cancellationToken);
            if (!phoneResult.Succeeded)
            {
                return WeChatProblems.FromCodeExchange(phoneResult);
            }

            if (phoneResult.Value.Phone is not { } info || !string.Equals(info.Watermark?.AppId, appId, StringComparison.Ordinal))
            {
                return TypedResults.Problem("手机号信息不属于本小程序（watermark.appid 不符），请重新点击授权手机号。",
                    statusCode: StatusCodes.Status400BadRequest, title: "手机号授权无效");
            }

            phone = info.CountryCode is null or "86" && MemberAccounts.IsMainlandMobile(info.PurePhoneNumber) ? info.PurePhoneNumber : null;
        }

        var profile = new WeChatProfile(appId, session.Value.OpenId, session.Value.UnionId, null, null);
        var (subject, notice) = await WeChatMembers.InTransactionAsync(db, gate, async () =>
        {
            var now = clock.GetUtcNow();
            var identity = await WeChatMembers.RecordAsync(db, profile, now, cancellationToken);
            var member = await WeChatMembers.FindMemberAsync(db, identity, cancellationToken);
            string? notice = null;
            if (phone is not null)
            {
                var lookup = protector.Lookup(phone);
                var phoneMember = await db.Members.FirstOrDefaultAsync(m => m.PhoneLookup == lookup, cancellationToken);
                if (member is null && phoneMember is { IsMerged: false })
                {
                    member = phoneMember; // WeChat vouches that this phone is the user's: link the existing store account.
                }
                else if (member is not null && phoneMember is null && member.PhoneLookup is null)
                {
                    member.PhoneCipher = protector.Encrypt(phone);
                    member.PhoneLookup = lookup;
                }
                else if (member is not null && phoneMember is not null && phoneMember.Id != member.Id)
                {
                    notice = "该手机号已属于另一个商城账号；如是同一人，可在“我的 - 账号绑定”中输入该账号的手机号和密码合并。";
                }

                if (member is null)
                {
                    member = WeChatMembers.NewMember(null, now);
                    member.PhoneCipher = protector.Encrypt(phone);
                    member.PhoneLookup = lookup;
                }
            }

            if (member is null)
            {
                member = WeChatMembers.NewMember(null, now);
            }

            if (member.Id == 0)
            {
                db.Members.Add(member);
                await db.SaveChangesAsync(cancellationToken);
            }

            await WeChatMembers.AttachAsync(db, identity, member.Id, cancellationToken);
            return (new SessionSubject(member.Id, member.Nickname, appId, identity.OpenId), notice);
        }, cancellationToken);

        var token = StorefrontSessions.IssueBearerToken(http.RequestServices, subject, clock);
        var me = await WhoAmI.ViewAsync(db, protector, apps, subject, cancellationToken);
        return TypedResults.Ok(new MiniProgramSession(token.AccessToken, token.TokenType, token.ExpiresIn, me, notice));
    }
}
