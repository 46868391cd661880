using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace WxMall.WeChatEmulator.Phone;

/// <summary>The phone page at the root and the JS-SDK replacement script.</summary>
internal static class PhoneEndpoints
{
    public static void MapPhone(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/", () => Results.Content(PhonePage.Html, "text/html; charset=utf-8"));
        routes.MapGet("/open/js/jweixin-1.6.0.js", () => Results.Content(JsSdkScript.Source, "application/javascript; charset=utf-8"));
    }
}
