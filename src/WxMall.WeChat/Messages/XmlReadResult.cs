using System.Diagnostics.CodeAnalysis;

namespace WxMall.WeChat.Messages;

/// <summary>The fields of a pushed XML document, or why it could not be read.</summary>
public sealed class XmlReadResult
{
    private static readonly IReadOnlyDictionary<string, string> NoFields = new Dictionary<string, string>();

    private XmlReadResult(IReadOnlyDictionary<string, string>? fields, XmlReadFailure failure, string? detail)
    {
        Fields = fields;
        Failure = failure;
        Detail = detail;
    }

    /// <summary>True when the document was read.</summary>
    [MemberNotNullWhen(true, nameof(Fields))]
    public bool Succeeded => Failure == XmlReadFailure.None;

    /// <summary>Element values by name (nested elements by path, <c>Parent/Child</c>); the first occurrence wins.</summary>
    public IReadOnlyDictionary<string, string>? Fields { get; }

    /// <summary>Why the document was rejected, or <see cref="XmlReadFailure.None"/>.</summary>
    public XmlReadFailure Failure { get; }

    /// <summary>A human-readable explanation of the failure.</summary>
    public string? Detail { get; }

    internal static XmlReadResult Success(IReadOnlyDictionary<string, string> fields) => new(fields, XmlReadFailure.None, null);

    internal static XmlReadResult Rejected(XmlReadFailure failure, string detail) => new(null, failure, detail);

    internal IReadOnlyDictionary<string, string> FieldsOrEmpty => Fields ?? NoFields;
}
