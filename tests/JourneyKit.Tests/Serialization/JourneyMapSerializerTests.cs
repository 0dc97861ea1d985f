using System.Text;
using System.Text.Json;
using FsCheck.Xunit;
using JourneyKit.Serialization;

namespace JourneyKit.Tests.Serialization;

public class JourneyMapSerializerTests
{
    private static readonly JourneyMapSerializer Serializer = JourneyMapSerializer.Default;

    private const string MinimalJson = """
        {
          "schemaVersion": 1,
          "id": "m",
          "name": "Map",
          "stages": [ { "id": "s", "name": "Stage", "position": 0 } ],
          "channels": [ { "id": "web", "name": "Web", "kind": "Web" } ]
        }
        """;

    [Property(Arbitrary = [typeof(JourneyArbitraries)])]
    public bool RoundTrip_IsLossless(JourneyMap map)
    {
        string json = Serializer.Serialize(map);
        JourneyMap back = Serializer.Deserialize(json);
        return JourneyMapDiff.Compare(map, back).IsEmpty && Serializer.Serialize(back) == json;
    }

    [Property(Arbitrary = [typeof(JourneyArbitraries)], MaxTest = 30)]
    public bool RoundTrip_ThroughStream_IsLossless(JourneyMap map)
    {
        using var stream = new MemoryStream();
        new JourneyMapSerializer(writeIndented: false).Serialize(stream, map);
        stream.Position = 0;
        return JourneyMapDiff.Compare(map, Serializer.Deserialize(stream)).IsEmpty;
    }

    [Fact]
    public void Serialize_UsesStableCamelCaseNamesAndOmitsAbsentValues()
    {
        string json = Serializer.Serialize(SampleMaps.ECommerce());
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        Assert.Equal(1, root.GetProperty("schemaVersion").GetInt32());
        Assert.Equal("Current", root.GetProperty("state").GetString());
        var checkout = root.GetProperty("touchpoints").EnumerateArray().Single(t => t.GetProperty("id").GetString() == "checkout");
        Assert.Equal("purchase", checkout.GetProperty("stageId").GetString());
        Assert.True(checkout.GetProperty("isMomentOfTruth").GetBoolean());
        Assert.Equal(-1.5, checkout.GetProperty("emotion").GetProperty("value").GetDouble());
        Assert.Equal("frustrated", checkout.GetProperty("emotion").GetProperty("label").GetString());
        Assert.False(checkout.TryGetProperty("owner", out _));
        Assert.False(root.TryGetProperty("metadata", out _));
        Assert.Contains("\n", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_Minimal_Works()
    {
        var map = Serializer.Deserialize(MinimalJson);
        Assert.Equal("Stage", map.GetStage("s").Name);
        Assert.Equal(ChannelKind.Web, map.GetChannel("web").Kind);
        Assert.Equal(JourneyMapState.Current, map.State);
    }

    [Fact]
    public void Deserialize_MalformedJson_ThrowsJsonExceptionWithPosition()
    {
        var ex = Assert.Throws<JsonException>(() => Serializer.Deserialize("{ \"schemaVersion\": 1, \"id\": "));
        Assert.NotNull(ex.LineNumber);
    }

    [Fact]
    public void Deserialize_UnknownProperty_ThrowsNamingIt()
    {
        var ex = Assert.Throws<JsonException>(() => Serializer.Deserialize(MinimalJson.Replace("\"position\": 0", "\"position\": 0, \"colour\": \"red\"", StringComparison.Ordinal)));
        Assert.Contains("colour", ex.Message, StringComparison.Ordinal);
        Assert.Equal("$.stages[0].colour", ex.Path);
    }

    [Fact]
    public void Deserialize_DuplicateProperty_Throws()
    {
        var ex = Assert.Throws<JsonException>(() => Serializer.Deserialize(MinimalJson.Replace("\"name\": \"Map\",", "\"name\": \"Map\", \"name\": \"Other\",", StringComparison.Ordinal)));
        Assert.Contains("name", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_MissingSchemaVersion_Throws()
    {
        var ex = Assert.Throws<JsonException>(() => Serializer.Deserialize(MinimalJson.Replace("\"schemaVersion\": 1,", "", StringComparison.Ordinal)));
        Assert.Contains("schemaVersion", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_NewerSchemaVersion_Throws()
    {
        var ex = Assert.Throws<JsonException>(() => Serializer.Deserialize(MinimalJson.Replace("\"schemaVersion\": 1", "\"schemaVersion\": 2", StringComparison.Ordinal)));
        Assert.Contains("schemaVersion 2 is not supported", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_UnknownEnumName_ThrowsWithPath()
    {
        var ex = Assert.Throws<JsonException>(() => Serializer.Deserialize(MinimalJson.Replace("\"Web\" }", "\"Pigeon\" }", StringComparison.Ordinal)));
        Assert.Equal("$.channels[0].kind", ex.Path);
    }

    [Fact]
    public void Deserialize_DeeplyNestedJunk_ThrowsJsonExceptionAtItsPath()
    {
        string deep = new string('[', 10_000) + new string(']', 10_000);
        string json = MinimalJson.Replace("\"name\": \"Map\",", $"\"name\": \"Map\", \"metadata\": {{ \"x\": {deep} }},", StringComparison.Ordinal);
        var ex = Assert.Throws<JsonException>(() => Serializer.Deserialize(json));
        Assert.Equal("$.metadata.x", ex.Path);
    }

    [Fact]
    public void Deserialize_InvalidMap_ReportsEveryErrorByPath()
    {
        string json = """
            {
              "schemaVersion": 1,
              "id": "m",
              "name": "",
              "stages": [ { "id": "s", "name": "Stage", "position": 0 }, { "id": "s", "name": "Again", "position": 1 } ],
              "channels": [ { "id": "web", "name": "Web" } ],
              "touchpoints": [ { "id": "t", "name": "T", "stageId": "nowhere", "channelId": "web", "emotion": { "value": 3 } } ]
            }
            """;
        var ex = Assert.Throws<JourneyMapValidationException>(() => Serializer.Deserialize(json));
        Assert.Equal(["touchpoints['t'].value", "name", "stages['s']"], ex.Errors.Select(e => e.Path));
        Assert.Contains("[-2, 2]", ex.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_MissingRequiredField_ReportsEntity()
    {
        string json = MinimalJson.Replace("{ \"id\": \"s\", \"name\": \"Stage\", \"position\": 0 }", "{ \"name\": \"Stage\", \"position\": 0 }", StringComparison.Ordinal);
        var ex = Assert.Throws<JourneyMapValidationException>(() => Serializer.Deserialize(json));
        Assert.Equal("stages[#0].id", ex.Errors[0].Path);
    }

    [Fact]
    public void Deserialize_Null_Throws() =>
        Assert.Throws<JsonException>(() => Serializer.Deserialize("null"));

    [Fact]
    public async Task DeserializeAsync_ReadsStream()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(MinimalJson));
        var map = await Serializer.DeserializeAsync(stream);
        Assert.Equal("m", map.Id);
    }

    [Fact]
    public void Constructor_DepthOutOfRange_Throws()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new JourneyMapSerializer(maxDepth: 2));
        Assert.Equal("maxDepth", ex.ParamName);
    }

    private sealed record Workspace(string Owner, JourneyMap Map);

    [Fact]
    public void ConfigureForJourneyKit_NestedMap_UsesFileFormatAndWrapsValidationErrors()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web).ConfigureForJourneyKit();
        Assert.Same(options, options.ConfigureForJourneyKit());

        var workspace = new Workspace("cx-team", SampleMaps.ECommerce());
        string json = JsonSerializer.Serialize(workspace, options);
        Assert.Contains("\"schemaVersion\":1", json, StringComparison.Ordinal);
        var back = JsonSerializer.Deserialize<Workspace>(json, options)!;
        Assert.True(JourneyMapDiff.Compare(workspace.Map, back.Map).IsEmpty);

        string broken = json.Replace("\"stageId\":\"purchase\"", "\"stageId\":\"nowhere\"", StringComparison.Ordinal);
        var ex = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Workspace>(broken, options));
        Assert.IsType<JourneyMapValidationException>(ex.InnerException);
        Assert.Contains("nowhere", ex.Message, StringComparison.Ordinal);
    }
}
