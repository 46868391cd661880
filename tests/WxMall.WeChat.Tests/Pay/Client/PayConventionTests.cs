using System.Reflection;
using WxMall.WeChat.Pay.Client;

namespace WxMall.WeChat.Tests.Pay.Client;

public sealed class PayConventionTests
{
    private static readonly Type[] PayTypes = typeof(WeChatPayClient).Assembly.GetExportedTypes()
        .Where(type => type.Namespace?.StartsWith("WxMall.WeChat.Pay", StringComparison.Ordinal) == true)
        .ToArray();

    public static TheoryData<string> RequestTypes => new(
        PayTypes.Where(type => type.Name.EndsWith("Request", StringComparison.Ordinal) && !type.IsAbstract).Select(type => type.FullName!));

    [Theory]
    [MemberData(nameof(RequestTypes))]
    public void Every_request_has_a_response_and_a_client_method(string requestTypeName)
    {
        var requestType = PayTypes.Single(type => type.FullName == requestTypeName);
        var responseName = requestType.Name[..^"Request".Length] + "Response";
        var responseType = PayTypes.SingleOrDefault(type => type.Name == responseName);
        Assert.True(responseType is not null, $"{requestType.Name} has no {responseName}.");

        var method = typeof(WeChatPayClient).GetMethod(requestType.Name[..^"Request".Length] + "Async", BindingFlags.Public | BindingFlags.Instance);
        Assert.True(method is not null, $"WeChatPayClient has no {requestType.Name[..^"Request".Length]}Async.");
        Assert.Equal(requestType, method.GetParameters()[0].ParameterType);
        Assert.Equal(typeof(Task<>).MakeGenericType(typeof(PayResult<>).MakeGenericType(responseType)), method.ReturnType);
    }

    [Fact]
    public void There_are_request_types_to_check()
    {
        Assert.True(RequestTypes.Count >= 11);
    }

    [Fact]
    public void Public_pay_types_are_sealed_static_abstract_or_enums()
    {
        var open = PayTypes.Where(type => type.IsClass && !type.IsSealed && !type.IsAbstract).Select(type => type.Name);

        Assert.Empty(open);
    }

    [Fact]
    public void Every_endpoint_doc_comment_names_its_verb_and_path()
    {
        var documentation = System.Xml.Linq.XDocument.Load(Path.ChangeExtension(typeof(WeChatPayClient).Assembly.Location, ".xml"));
        var summaries = documentation.Descendants("member")
            .Where(member => (string?)member.Attribute("name") is { } name && name.StartsWith("T:WxMall.WeChat.Pay.", StringComparison.Ordinal) && name.EndsWith("Request", StringComparison.Ordinal))
            .ToDictionary(member => ((string)member.Attribute("name")!)[2..], member => member.Element("summary")!.Value);

        foreach (var requestType in PayTypes.Where(type => type.Name.EndsWith("Request", StringComparison.Ordinal) && !type.IsAbstract))
        {
            var summary = summaries[requestType.FullName!];
            Assert.Matches(@"(GET|POST) \S*/", summary);
            Assert.Contains("https://pay.weixin.qq.com/", summary, StringComparison.Ordinal);
        }
    }
}
