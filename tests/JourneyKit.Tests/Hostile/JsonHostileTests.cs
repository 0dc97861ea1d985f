using System.Text.Json;
using JourneyKit.Serialization;

namespace JourneyKit.Tests.Hostile;

/// <summary>Map JSON is strict: enum names only, required members required, null elements refused with their path.</summary>
public class JsonHostileTests
{
    private static readonly JourneyMapSerializer Serializer = JourneyMapSerializer.Default;

    private static string Map(string channelKind = "\"Web\"", string stage = "{ \"id\": \"s\", \"name\": \"Stage\", \"position\": 0 }", string extra = "") => $$"""
        {
          "schemaVersion": 1, "id": "m", "name": "Map", "state": "Current",
          "stages": [ {{stage}} ],
          "channels": [ { "id": "web", "name": "Web", "kind": {{channelKind}} } ]{{extra}}
        }
        """;

    [Theory]
    [InlineData("\"Web, Email\"")]
    [InlineData("1")]
    [InlineData("\"1\"")]
    [InlineData("\"Pigeon\"")]
    [InlineData("null")]
    public void EnumsAreNamesOnly(string kind)
    {
        var ex = Assert.Throws<JsonException>(() => Serializer.Deserialize(Map(kind)));
        Assert.Contains("ChannelKind", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StateFlags_AreRefused() =>
        Assert.Throws<JsonException>(() => Serializer.Deserialize(Map().Replace("\"Current\"", "\"Current, Future\"", StringComparison.Ordinal)));

    [Fact]
    public void EnumNames_AnyCase_AreRead() =>
        Assert.Equal(ChannelKind.Web, Serializer.Deserialize(Map("\"web\"")).Channels[0].Kind);

    [Fact]
    public void StageWithoutPosition_IsAnErrorNamingIt()
    {
        var ex = Assert.Throws<JsonException>(() => Serializer.Deserialize(Map(stage: "{ \"id\": \"s\", \"name\": \"Stage\" }")));
        Assert.Contains("$.stages[0] ('s') has no 'position'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EmotionWithoutValue_IsAnErrorNamingIt()
    {
        string extra = ", \"touchpoints\": [ { \"id\": \"t\", \"name\": \"T\", \"stageId\": \"s\", \"channelId\": \"web\", \"emotion\": { \"label\": \"angry\" } } ]";
        var ex = Assert.Throws<JsonException>(() => Serializer.Deserialize(Map(extra: extra)));
        Assert.Contains("$.touchpoints[0] ('t') has no 'emotion.value'", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("stages")]
    [InlineData("personas")]
    [InlineData("painPoints")]
    [InlineData("opportunities")]
    public void NullElements_AreAJsonExceptionWithThePath(string property)
    {
        string json = property == "stages"
            ? Map(stage: "null")
            : Map(extra: $", \"{property}\": [ null ]");
        var ex = Assert.Throws<JsonException>(() => Serializer.Deserialize(json));
        Assert.Contains($"$.{property}[0] is null", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IdsThatAreNotValidUnicode_CannotEnterAMap_SoEverySavedMapLoads()
    {
        var ex = Assert.Throws<JourneyMapValidationException>(() =>
            JourneyMap.CreateBuilder("m", "M").AddStage("s", "S").AddChannel("c", "C").AddTouchpoint("t\uD800", "T", "s", "c").AddTouchpoint("t\uD801", "U", "s", "c").Build());
        Assert.Contains("not valid Unicode", ex.Message, StringComparison.Ordinal);
        Assert.Throws<JsonException>(() => Serializer.Deserialize(Map(stage: "{ \"id\": \"s\\ud800\", \"name\": \"Stage\", \"position\": 0 }")));
    }
}
