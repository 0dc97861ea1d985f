using System.Text.Json;
using System.Text.Json.Serialization;

namespace JourneyKit.Serialization;

/// <summary>Plugs JourneyKit's types into your own <see cref="JsonSerializerOptions"/>.</summary>
public static class JourneyKitJsonExtensions
{
    /// <summary>
    /// Adds a converter so that <see cref="JourneyMap"/> values inside your own types are written and read in
    /// the JourneyKit file format (see <see cref="JourneyMapSerializer"/>), independent of your naming policy.
    /// </summary>
    /// <param name="options">The options to extend; must not be read-only yet.</param>
    /// <returns><paramref name="options"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="InvalidOperationException"><paramref name="options"/> is already in use (read-only).</exception>
    public static JsonSerializerOptions ConfigureForJourneyKit(this JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Converters.OfType<JourneyMapConverter>().Any())
        {
            options.Converters.Add(new JourneyMapConverter(new JourneyMapSerializer(options.WriteIndented)));
        }

        return options;
    }

    private sealed class JourneyMapConverter(JourneyMapSerializer serializer) : JsonConverter<JourneyMap>
    {
        public override JourneyMap Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            serializer.Deserialize(ref reader);

        public override void Write(Utf8JsonWriter writer, JourneyMap value, JsonSerializerOptions options) =>
            serializer.Serialize(writer, value);
    }
}
