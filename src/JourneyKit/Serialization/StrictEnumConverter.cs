using System.Text.Json.Serialization;
using System.Text.Json;
using JourneyKit.Internal;

namespace JourneyKit.Serialization;

/// <summary>
/// Reads an enum only by one of its names (any case) and writes its name. Numbers (<c>1</c>, <c>"1"</c>) and flag
/// combinations (<c>"Web, Email"</c>) are refused: the file format says what it means, and a number means nothing to a
/// reader of the file.
/// </summary>
internal sealed class StrictEnumConverter<TEnum> : JsonConverter<TEnum>
    where TEnum : struct, Enum
{
    private static readonly Dictionary<string, TEnum> Values =
        Enum.GetValues<TEnum>().ToDictionary(v => v.ToString(), StringComparer.OrdinalIgnoreCase);

    private static readonly string Names = string.Join(", ", Enum.GetNames<TEnum>());

    public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"Expected a {typeof(TEnum).Name} name as a string ({Names}), found {reader.TokenType}.");
        }

        string? text = reader.GetString();
        return text is not null && Values.TryGetValue(text, out TEnum value)
            ? value
            : throw new JsonException($"'{Guard.Clip(text)}' is not a {typeof(TEnum).Name}; use one of: {Names}.");
    }

    public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.ToString());
    }
}
