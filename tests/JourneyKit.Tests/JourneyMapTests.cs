namespace JourneyKit.Tests;

public class JourneyMapTests
{
    private readonly JourneyMap _map = SampleMaps.ECommerce();

    [Fact]
    public void GetStage_Unknown_ThrowsNamingIdAndMap()
    {
        var ex = Assert.Throws<KeyNotFoundException>(() => _map.GetStage("loyalty"));
        Assert.Equal("Journey map 'online-shop' has no stage with id 'loyalty'.", ex.Message);
    }

    [Fact]
    public void Find_UnknownIds_ReturnNull()
    {
        Assert.Null(_map.FindStage("x"));
        Assert.Null(_map.FindTouchpoint("x"));
        Assert.Null(_map.FindChannel("x"));
        Assert.Null(_map.FindPersona("x"));
        Assert.Null(_map.FindPainPoint("x"));
        Assert.Null(_map.FindOpportunity("x"));
        Assert.Equal("Checkout", _map.FindTouchpoint("checkout")!.Name);
    }

    [Fact]
    public void Lookups_AreOrdinal()
    {
        Assert.Null(_map.FindStage("Awareness"));
        Assert.NotNull(_map.FindStage("awareness"));
    }

    [Fact]
    public void TouchpointsIn_ReturnsStageTouchpointsInDeclarationOrder() =>
        Assert.Equal(["checkout", "confirmation"], _map.TouchpointsIn("purchase").Select(t => t.Id));

    [Fact]
    public void PainPointsIn_IncludesPainPointsOfTheStagesTouchpoints()
    {
        Assert.Equal(["no-guest-checkout"], _map.PainPointsIn("purchase").Select(p => p.Id));
        Assert.Equal(["slow-answers"], _map.PainPointsIn("retention").Select(p => p.Id));
        Assert.Empty(_map.PainPointsIn("awareness"));
    }

    [Fact]
    public void EmotionCurve_FollowsStageOrderAndSkipsUnmappedTouchpoints()
    {
        var map = JourneyMap.CreateBuilder("m", "M")
            .AddStage("a", "A").AddStage("b", "B")
            .AddChannel("c", "C")
            .AddTouchpoint("late", "Late", "b", "c", emotion: Emotion.From(1))
            .AddTouchpoint("none", "No emotion", "a", "c")
            .AddTouchpoint("early", "Early", "a", "c", emotion: Emotion.From(-1))
            .Build();
        var curve = map.EmotionCurve();
        Assert.Equal(["early", "late"], curve.Select(p => p.TouchpointId));
        Assert.Equal([-1.0, 1.0], curve.Select(p => p.Emotion.Value));
    }

    [Fact]
    public void Collections_AreReadOnlyCopies()
    {
        var goals = new List<string> { "Save time" };
        var persona = new Persona("p", "P", goals: goals);
        goals.Add("Changed later");
        Assert.Equal(["Save time"], persona.Goals);
        Assert.Throws<NotSupportedException>(() => ((IList<string>)persona.Goals).Add("x"));
        Assert.Throws<NotSupportedException>(() => ((IList<Stage>)_map.Stages).Clear());
    }

    [Fact]
    public void Persona_DuplicateAttribute_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => new Persona("p", "P", attributes: [new("a", "1"), new("a", "2")]));
        Assert.Equal("attributes", ex.ParamName);
    }

    [Fact]
    public void Stage_NegativePosition_Throws()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new Stage("s", "S", -1));
        Assert.Equal("position", ex.ParamName);
    }

    [Fact]
    public void Opportunity_RepeatedPainPoint_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => new Opportunity("o", "O", ["p", "p"]));
        Assert.Equal("painPointIds", ex.ParamName);
        Assert.Contains("'p' is listed twice", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Id_TooLong_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => new Channel(new string('x', 201), "C"));
        Assert.Equal("id", ex.ParamName);
    }
}
