using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace JourneyKit.Tests;

public class JourneyMapBuilderTests
{
    private static JourneyMapValidationException BuildFails(JourneyMapBuilder builder) =>
        Assert.Throws<JourneyMapValidationException>(builder.Build);

    private static JourneyMapBuilder Minimal() =>
        JourneyMap.CreateBuilder("m", "Map").AddStage("s1", "Stage 1").AddChannel("web", "Web", ChannelKind.Web);

    [Fact]
    public void Build_ValidMap_KeepsEveryPart()
    {
        JourneyMap map = SampleMaps.ECommerce();
        Assert.Equal(["awareness", "consideration", "purchase", "retention", "advocacy"], map.Stages.Select(s => s.Id));
        Assert.Equal(6, map.Touchpoints.Count);
        Assert.Equal(3, map.Channels.Count);
        Assert.Equal(2, map.PainPoints.Count);
        Assert.Single(map.Opportunities);
        Assert.Equal("families", map.Personas[0].Segment);
        Assert.True(map.GetTouchpoint("checkout").IsMomentOfTruth);
        Assert.Empty(SampleMaps.ECommerceBuilder().Validate());
    }

    [Fact]
    public void Build_NoStages_ReportsMissingStages()
    {
        var ex = BuildFails(JourneyMap.CreateBuilder("m", "Map"));
        var error = Assert.Single(ex.Errors);
        Assert.Equal("stages", error.Path);
        Assert.Equal(ValidationRule.InvalidValue, error.Rule);
        Assert.Contains("at least one stage", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_BlankMapIdAndName_ReportsBoth()
    {
        var ex = BuildFails(JourneyMap.CreateBuilder(" ", "").AddStage("s", "S"));
        Assert.Equal(["id", "name"], ex.Errors.Select(e => e.Path));
        Assert.All(ex.Errors, e => Assert.Equal(ValidationRule.InvalidValue, e.Rule));
    }

    [Fact]
    public void Build_IdWithSurroundingSpace_Reported()
    {
        var ex = BuildFails(Minimal().AddChannel(" mail", "Mail"));
        var error = Assert.Single(ex.Errors);
        Assert.Equal("channels[' mail'].id", error.Path);
        Assert.Contains("leading or trailing white space", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_DuplicateIds_ReportsEachKind()
    {
        var ex = BuildFails(Minimal()
            .AddStage("s1", "Again")
            .AddChannel("web", "Web again")
            .AddPersona("p", "P").AddPersona("p", "P2")
            .AddTouchpoint("t", "T", "s1", "web").AddTouchpoint("t", "T2", "s1", "web")
            .AddPainPoint("x", "X", stageId: "s1").AddPainPoint("x", "X2", stageId: "s1")
            .AddOpportunity("o", "O").AddOpportunity("o", "O2"));

        var duplicates = ex.Errors.Where(e => e.Rule == ValidationRule.Duplicate).Select(e => e.Path).ToList();
        Assert.Equal(["personas['p']", "stages['s1']", "channels['web']", "touchpoints['t']", "painPoints['x']", "opportunities['o']"], duplicates);
        Assert.Contains(ex.Errors, e => e.Message.Contains("Id 's1' is used by more than one entry in stages", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_SameIdInDifferentKinds_IsAllowed()
    {
        var map = Minimal().AddTouchpoint("s1", "Touchpoint named like the stage", "s1", "web").Build();
        Assert.Equal("s1", map.GetTouchpoint("s1").StageId);
    }

    [Fact]
    public void Build_DuplicateStagePosition_Reported()
    {
        var ex = BuildFails(Minimal().AddStage(new Stage("s2", "Stage 2", position: 0)));
        var error = Assert.Single(ex.Errors);
        Assert.Equal(ValidationRule.Duplicate, error.Rule);
        Assert.Equal("stages['s2'].position", error.Path);
        Assert.Contains("'s1', 's2' share position 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_TouchpointWithUnknownStageAndChannel_ReportsBoth()
    {
        var ex = BuildFails(Minimal().AddTouchpoint("cart", "Cart", "checkout", "app"));
        Assert.Equal(["touchpoints['cart'].stageId", "touchpoints['cart'].channelId"], ex.Errors.Select(e => e.Path));
        Assert.All(ex.Errors, e => Assert.Equal(ValidationRule.UnknownReference, e.Rule));
        Assert.Equal("Touchpoint 'cart' refers to stage 'checkout', which the map does not have.", ex.Errors[0].Message);
        Assert.Equal("Touchpoint 'cart' refers to channel 'app', which the map does not have.", ex.Errors[1].Message);
    }

    [Fact]
    public void Build_PainPointWithUnknownReferences_Reported()
    {
        var ex = BuildFails(Minimal().AddPainPoint("p", "Slow", stageId: "nowhere").AddPainPoint("q", "Broken", touchpointId: "ghost"));
        Assert.Equal(["painPoints['p'].stageId", "painPoints['q'].touchpointId"], ex.Errors.Select(e => e.Path));
        Assert.All(ex.Errors, e => Assert.Equal(ValidationRule.UnknownReference, e.Rule));
    }

    [Fact]
    public void Build_PainPointWhoseTouchpointIsInAnotherStage_ReportsInconsistency()
    {
        var ex = BuildFails(Minimal()
            .AddStage("s2", "Stage 2")
            .AddTouchpoint("t", "T", "s2", "web")
            .AddPainPoint("p", "Pain", stageId: "s1", touchpointId: "t"));
        var error = Assert.Single(ex.Errors);
        Assert.Equal(ValidationRule.Inconsistent, error.Rule);
        Assert.Equal("Pain point 'p' names stage 's1' but its touchpoint 't' belongs to stage 's2'.", error.Message);
    }

    [Fact]
    public void Build_PainPointWithoutStageOrTouchpoint_Reported()
    {
        var ex = BuildFails(Minimal().AddPainPoint("p", "Floating"));
        var error = Assert.Single(ex.Errors);
        Assert.Equal("painPoints['p'].stageId", error.Path);
        Assert.Contains("must name a stage, a touchpoint or both", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_OpportunityForUnknownPainPoint_Reported()
    {
        var ex = BuildFails(Minimal().AddPainPoint("p", "Pain", stageId: "s1").AddOpportunity("o", "Fix", ["p", "q"]));
        var error = Assert.Single(ex.Errors);
        Assert.Equal("opportunities['o'].painPointIds", error.Path);
        Assert.Equal("Opportunity 'o' addresses pain point 'q', which the map does not have.", error.Message);
    }

    [Fact]
    public void Build_OutOfRangeValues_ReportedWithField()
    {
        var ex = BuildFails(Minimal()
            .AddStage("s2", "Stage 2", expectedDwellTime: TimeSpan.FromHours(-1))
            .AddChannel("c", "C", (ChannelKind)99)
            .AddPainPoint("p", "Pain", stageId: "s1", severity: (Severity)0)
            .AddOpportunity("o", "Fix", impact: (Magnitude)7));
        Assert.Equal(
            ["stages['s2'].expectedDwellTime", "channels['c'].kind", "painPoints['p'].severity", "opportunities['o'].impact"],
            ex.Errors.Select(e => e.Path));
        Assert.All(ex.Errors, e => Assert.Equal(ValidationRule.InvalidValue, e.Rule));
        Assert.Contains("expected dwell time must be positive", ex.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_BlankNames_ReportedWithField()
    {
        var ex = BuildFails(Minimal().AddTouchpoint("t", " ", "s1", "web").AddPersona("p", ""));
        Assert.Equal(["touchpoints['t'].name", "personas['p'].name"], ex.Errors.Select(e => e.Path));
    }

    [Fact]
    public void Build_ManyProblems_ReportsAllAtOnceInMessage()
    {
        var ex = BuildFails(Minimal()
            .AddTouchpoint("t", "T", "s9", "web")
            .AddPainPoint("p", "P", touchpointId: "t9")
            .AddOpportunity("o", "O", ["p9"]));
        Assert.Equal(3, ex.Errors.Count);
        Assert.StartsWith("The journey map has 3 errors:", ex.Message, StringComparison.Ordinal);
        Assert.Contains("s9", ex.Message, StringComparison.Ordinal);
        Assert.Contains("t9", ex.Message, StringComparison.Ordinal);
        Assert.Contains("p9", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_TwiceWithChangesBetween_FirstMapUnchanged()
    {
        var builder = Minimal();
        var first = builder.Build();
        builder.AddStage("s2", "Stage 2");
        var second = builder.Build();
        Assert.Single(first.Stages);
        Assert.Equal(2, second.Stages.Count);
    }

    [Fact]
    public void AddStage_ByName_AppendsPositions()
    {
        var map = JourneyMap.CreateBuilder("m", "M").AddStages(JourneyTemplates.ThreeStageFunnel).AddStage("loyalty", "Loyalty").Build();
        Assert.Equal([0, 1, 2, 3], map.Stages.Select(s => s.Position));
        Assert.Equal("loyalty", map.Stages[3].Id);
    }

    [Fact]
    public void Stages_DeclaredOutOfOrder_AreOrderedByPosition()
    {
        var map = JourneyMap.CreateBuilder("m", "M")
            .AddStage(new Stage("late", "Late", 5))
            .AddStage(new Stage("early", "Early", 1))
            .Build();
        Assert.Equal(["early", "late"], map.Stages.Select(s => s.Id));
    }

    // A broken reference of any kind, injected into any valid map, is reported as an UnknownReference error
    // that names the referring entity and the missing id.
    [Property(Arbitrary = [typeof(JourneyArbitraries)])]
    public bool Build_AnyBrokenReference_IsReported(JourneyMap map, byte kind)
    {
        const string missing = "does-not-exist";
        var builder = map.ToBuilder();
        string expectedPath;
        switch (kind % 5)
        {
            case 0:
                builder.AddTouchpoint("broken", "B", missing, map.Channels[0].Id);
                expectedPath = "touchpoints['broken'].stageId";
                break;
            case 1:
                builder.AddTouchpoint("broken", "B", map.Stages[0].Id, missing);
                expectedPath = "touchpoints['broken'].channelId";
                break;
            case 2:
                builder.AddPainPoint("broken", "B", stageId: missing);
                expectedPath = "painPoints['broken'].stageId";
                break;
            case 3:
                builder.AddPainPoint("broken", "B", touchpointId: missing);
                expectedPath = "painPoints['broken'].touchpointId";
                break;
            default:
                builder.AddOpportunity("broken", "B", [missing]);
                expectedPath = "opportunities['broken'].painPointIds";
                break;
        }

        var errors = builder.Validate();
        return errors.Count == 1 &&
               errors[0].Rule == ValidationRule.UnknownReference &&
               errors[0].Path == expectedPath &&
               errors[0].Message.Contains($"'{missing}'", StringComparison.Ordinal) &&
               errors[0].Message.Contains("'broken'", StringComparison.Ordinal);
    }

    [Property(Arbitrary = [typeof(JourneyArbitraries)])]
    public bool ToBuilder_Build_GivesEqualMap(JourneyMap map) =>
        JourneyMapDiff.Compare(map, map.ToBuilder().Build()).IsEmpty;

    [Fact]
    public void Remove_PartStillReferenced_ReportedAtBuild()
    {
        var ex = BuildFails(SampleMaps.ECommerce().ToBuilder().Remove(MapElementKind.Touchpoint, "checkout"));
        var error = Assert.Single(ex.Errors);
        Assert.Equal("painPoints['no-guest-checkout'].touchpointId", error.Path);
    }

    [Fact]
    public void Remove_ThenAdd_ReplacesPart()
    {
        var map = SampleMaps.ECommerce().ToBuilder()
            .Remove(MapElementKind.Channel, "support")
            .AddChannel("support", "Chat", ChannelKind.Chat)
            .Build();
        Assert.Equal(ChannelKind.Chat, map.GetChannel("support").Kind);
    }

    [Fact]
    public void Remove_Unknown_Throws()
    {
        Assert.Throws<KeyNotFoundException>(() => Minimal().Remove(MapElementKind.Stage, "nope"));
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Minimal().Remove(MapElementKind.Map, "m"));
        Assert.Equal("element", ex.ParamName);
    }
}
