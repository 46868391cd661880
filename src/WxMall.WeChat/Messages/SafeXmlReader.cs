using System.Xml;

namespace WxMall.WeChat.Messages;

/// <summary>Why a pushed XML body could not be read.</summary>
public enum XmlReadFailure
{
    /// <summary>Not rejected.</summary>
    None,

    /// <summary>The body is empty.</summary>
    Empty,

    /// <summary>The body is larger than the configured limit.</summary>
    TooLarge,

    /// <summary>The body is not well-formed XML, or it declares a DTD (never processed, so never resolved).</summary>
    Malformed,

    /// <summary>The root element is not <c>&lt;xml&gt;</c>.</summary>
    UnexpectedRoot,

    /// <summary>Elements are nested deeper than any WeChat message needs.</summary>
    TooDeep,
}

/// <summary>
/// Reads the flat XML WeChat pushes (<c>&lt;xml&gt;&lt;Name&gt;value&lt;/Name&gt;…&lt;/xml&gt;</c>) into
/// name/value pairs. Nested elements are named by their path (<c>ScanCodeInfo/ScanType</c>).
/// DTDs are prohibited, no resolver is set and the size is limited, so entity expansion and
/// external entities cannot happen.
/// </summary>
public static class SafeXmlReader
{
    /// <summary>Default body limit; real messages are a few kilobytes.</summary>
    public const int DefaultMaximumBytes = 64 * 1024;

    private const int MaximumDepth = 4;

    /// <summary>Reads UTF-8 XML bytes.</summary>
    public static XmlReadResult Read(ReadOnlyMemory<byte> utf8Xml, int maximumBytes = DefaultMaximumBytes)
    {
        if (utf8Xml.IsEmpty)
        {
            return XmlReadResult.Rejected(XmlReadFailure.Empty, "The body is empty.");
        }

        if (utf8Xml.Length > maximumBytes)
        {
            return XmlReadResult.Rejected(XmlReadFailure.TooLarge, $"The body has {utf8Xml.Length} bytes; the limit is {maximumBytes}.");
        }

        var stream = System.Runtime.InteropServices.MemoryMarshal.TryGetArray(utf8Xml, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(utf8Xml.ToArray(), writable: false);
        using (stream)
        {
            using var reader = XmlReader.Create(stream, CreateSettings(maximumBytes));
            return ReadDocument(reader);
        }
    }

    /// <summary>Reads XML text (for example a decrypted safe-mode message).</summary>
    public static XmlReadResult Read(string? xml, int maximumBytes = DefaultMaximumBytes)
    {
        if (string.IsNullOrEmpty(xml))
        {
            return XmlReadResult.Rejected(XmlReadFailure.Empty, "The body is empty.");
        }

        if (xml.Length > maximumBytes)
        {
            return XmlReadResult.Rejected(XmlReadFailure.TooLarge, $"The body has {xml.Length} characters; the limit is {maximumBytes}.");
        }

        using var text = new StringReader(xml);
        using var reader = XmlReader.Create(text, CreateSettings(maximumBytes));
        return ReadDocument(reader);
    }

    internal static XmlReaderSettings CreateSettings(int maximumCharacters) => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = maximumCharacters,
        MaxCharactersFromEntities = 0,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        CloseInput = false,
    };

    private static XmlReadResult ReadDocument(XmlReader reader)
    {
        try
        {
            if (reader.MoveToContent() != XmlNodeType.Element)
            {
                return XmlReadResult.Rejected(XmlReadFailure.Malformed, "The body has no root element.");
            }

            if (reader.LocalName != "xml")
            {
                return XmlReadResult.Rejected(XmlReadFailure.UnexpectedRoot, $"The root element is <{reader.LocalName}>; WeChat sends <xml>.");
            }

            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            if (!reader.IsEmptyElement && !ReadElements(reader, fields))
            {
                return XmlReadResult.Rejected(XmlReadFailure.TooDeep, $"Elements are nested more than {MaximumDepth} levels deep.");
            }

            while (reader.Read())
            {
                // Reading to the end surfaces trailing garbage as an XmlException.
            }

            return XmlReadResult.Success(fields);
        }
        catch (XmlException exception)
        {
            return XmlReadResult.Rejected(XmlReadFailure.Malformed, exception.Message);
        }
    }

    /// <summary>Walks the children of the root; leaves become fields named by their path below the root.</summary>
    private static bool ReadElements(XmlReader reader, Dictionary<string, string> fields)
    {
        var rootDepth = reader.Depth;
        var path = new List<OpenElement>(MaximumDepth);
        while (reader.Read())
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    if (reader.Depth - rootDepth > MaximumDepth)
                    {
                        return false;
                    }

                    if (path.Count > 0)
                    {
                        path[^1].HasChildren = true;
                    }

                    var name = path.Count == 0 ? reader.LocalName : path[^1].Name + "/" + reader.LocalName;
                    if (reader.IsEmptyElement)
                    {
                        fields.TryAdd(name, string.Empty);
                    }
                    else
                    {
                        path.Add(new OpenElement(name));
                    }

                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    if (path.Count > 0)
                    {
                        path[^1].Append(reader.Value);
                    }

                    break;
                case XmlNodeType.EndElement:
                    if (path.Count == 0)
                    {
                        return true;
                    }

                    var closed = path[^1];
                    path.RemoveAt(path.Count - 1);
                    if (!closed.HasChildren)
                    {
                        fields.TryAdd(closed.Name, closed.Value ?? string.Empty);
                    }

                    break;
            }
        }

        return true;
    }

    private sealed class OpenElement(string name)
    {
        public string Name { get; } = name;

        public string? Value { get; private set; }

        public bool HasChildren { get; set; }

        public void Append(string text) => Value = Value is null ? text : Value + text;
    }
}
