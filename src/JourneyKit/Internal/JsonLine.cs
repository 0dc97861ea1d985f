using System.Text.Json;

namespace JourneyKit.Internal;

/// <summary>
/// One line of a JSON Lines file read as a flat record: an object whose properties are strings, numbers (their raw text)
/// or null. Anything else — not an object, a nested value, broken JSON, an escaped lone surrogate — is the reason the row
/// is rejected, for the readers' accounting.
/// </summary>
internal static class JsonLine
{
    /// <summary>The properties in order (name, value — null for JSON null — and kind), or the reason the line is not a flat record.</summary>
    public static (List<(string Name, string? Value, JsonValueKind Kind)>? Properties, string? Error) Read(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 16 });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, $"Expected a JSON object, found {document.RootElement.ValueKind}.");
            }

            var properties = new List<(string, string?, JsonValueKind)>();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                string? value = property.Value.ValueKind switch
                {
                    JsonValueKind.String => property.Value.GetString(),
                    JsonValueKind.Number => property.Value.GetRawText(),
                    JsonValueKind.Null => null,
                    _ => throw new InvalidOperationException($"property '{Guard.Clip(property.Name)}' is {property.Value.ValueKind}; values are strings or numbers."),
                };
                properties.Add((property.Name, value, property.Value.ValueKind));
            }

            return (properties, null);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return (null, Guard.Clip(ex.Message));
        }
    }
}
