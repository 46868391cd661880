using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace WxMall.WeChat.Pay.Client;

/// <summary>JSON conventions of WeChat Pay API v3: nulls omitted (WeChat rejects them), RFC 3339 times, raw UTF-8.</summary>
public static class PayJson
{
    /// <summary>The serializer options every Pay v3 body is written and read with.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            // Chinese descriptions go out as UTF-8, not \uXXXX, so the signed bytes read like the docs' samples.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.Converters.Add(new Rfc3339DateTimeOffsetConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>Writes <c>yyyy-MM-ddTHH:mm:ss+08:00</c>: no fractional seconds, which WeChat Pay refuses.</summary>
    private sealed class Rfc3339DateTimeOffsetConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                throw new JsonException("An RFC 3339 time must be a JSON string.");
            }

            if (reader.TryGetDateTimeOffset(out var value)
                || DateTimeOffset.TryParse(reader.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out value))
            {
                return value;
            }

            throw new JsonException("Not an RFC 3339 time.");
        }

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));
    }
}
