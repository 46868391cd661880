using System.Reflection;
using WxMall.WeChat.Http;

namespace WxMall.WeChat.Tests;

/// <summary>Conventions of the protocol library, written as tests.</summary>
public sealed class ConventionTests
{
    private static readonly string[] EndpointNamespaces = ["WxMall.WeChat.OfficialAccount", "WxMall.WeChat.OAuth", "WxMall.WeChat.MiniProgram"];

    private static readonly string[] OwnNamespaces = [.. EndpointNamespaces, "WxMall.WeChat.Crypto", "WxMall.WeChat.Messages", "WxMall.WeChat.Tokens", "WxMall.WeChat.Http", "WxMall.WeChat.Tools"];

    private static IEnumerable<Type> PublicTypes(string[] namespaces) =>
        typeof(WeChatResponse).Assembly.GetExportedTypes().Where(type => namespaces.Contains(type.Namespace));

    public static TheoryData<string> RequestTypes() =>
        new(PublicTypes(EndpointNamespaces).Where(type => type.Name.EndsWith("Request", StringComparison.Ordinal)).Select(type => type.FullName!));

    [Theory]
    [MemberData(nameof(RequestTypes))]
    public void Every_request_has_a_response_and_a_client_method(string requestTypeName)
    {
        var assembly = typeof(WeChatResponse).Assembly;
        var requestType = assembly.GetType(requestTypeName)!;
        var responseType = assembly.GetType(requestTypeName[..^"Request".Length] + "Response");

        Assert.True(responseType is not null, $"{requestType.Name} has no {requestType.Name[..^7]}Response.");
        Assert.True(responseType.IsSubclassOf(typeof(WeChatResponse)), $"{responseType.Name} must derive from WeChatResponse.");
        var expectedReturn = typeof(Task<>).MakeGenericType(typeof(WeChatResult<>).MakeGenericType(responseType));
        var methods = PublicTypes(EndpointNamespaces)
            .Where(type => type.Name.EndsWith("Client", StringComparison.Ordinal))
            .SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.Instance))
            .Where(method => method.GetParameters().FirstOrDefault()?.ParameterType == requestType && method.ReturnType == expectedReturn)
            .ToList();
        Assert.True(methods.Count == 1, $"{requestType.Name} needs exactly one public client method returning Task<WeChatResult<{responseType.Name}>>.");
    }

    [Fact]
    public void There_are_endpoints_to_check()
    {
        Assert.True(RequestTypes().Count >= 30);
    }

    [Fact]
    public void Public_classes_are_sealed_unless_abstract_or_static()
    {
        var unsealed = PublicTypes(OwnNamespaces)
            .Where(type => type.IsClass && !type.IsSealed && !type.IsAbstract && !typeof(Delegate).IsAssignableFrom(type))
            .Select(type => type.FullName)
            .ToList();

        Assert.Empty(unsealed);
    }
}
