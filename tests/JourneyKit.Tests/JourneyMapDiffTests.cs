using FsCheck.Xunit;

namespace JourneyKit.Tests;

public class JourneyMapDiffTests
{
    [Fact]
    public void Compare_CurrentAndFutureState_ListsEveryChange()
    {
        JourneyMap current = SampleMaps.ECommerce();
        JourneyMap future = current.ToBuilder()
            .WithId("online-shop")
            .WithState(JourneyMapState.Future)
            .Build();

        // Rebuild the future map with a redesigned checkout, the slow-support pain point gone, a chat channel added.
        var builder = JourneyMap.CreateBuilder(future.Id, future.Name)
            .WithDescription(future.Description)
            .WithState(JourneyMapState.Future)
            .AddPersona(current.Personas[0])
            .AddStages(current.Stages)
            .AddChannel("web", "Website", ChannelKind.Web)
            .AddChannel("email", "E-mail", ChannelKind.Email)
            .AddChannel("support", "Call centre", ChannelKind.Phone)
            .AddChannel("chat", "Live chat", ChannelKind.Chat);
        foreach (Touchpoint t in current.Touchpoints)
        {
            builder.AddTouchpoint(t.Id == "checkout"
                ? new Touchpoint("checkout", "One-page checkout", "purchase", "web", isMomentOfTruth: true, emotion: Emotion.From(1, "relieved"))
                : t);
        }

        builder.AddTouchpoint("chat-help", "Chat help", "purchase", "chat", emotion: Emotion.From(1))
            .AddPainPoint(current.FindPainPoint("no-guest-checkout")!)
            .AddOpportunity(current.Opportunities[0]);

        var diff = JourneyMapDiff.Compare(current, builder.Build());

        Assert.False(diff.IsEmpty);
        Assert.Equal(
            [
                "Modified Map 'online-shop' (state)",
                "Added Channel 'chat'",
                "Modified Touchpoint 'checkout' (name, emotion)",
                "Added Touchpoint 'chat-help'",
                "Removed PainPoint 'slow-answers'",
            ],
            diff.Changes.Select(c => c.ToString()));
        var delta = Assert.Single(diff.EmotionDeltas);
        Assert.Equal("checkout", delta.TouchpointId);
        Assert.Equal(2.5, delta.Delta, precision: 10); // −1.5 → +1
        Assert.Single(diff.ChangesOf(MapElementKind.Touchpoint), c => c.Change == ChangeKind.Added);
    }

    [Fact]
    public void Compare_LabelOnlyChange_IsModificationWithoutDelta()
    {
        var a = JourneyMap.CreateBuilder("m", "M").AddStage("s", "S").AddChannel("c", "C")
            .AddTouchpoint("t", "T", "s", "c", emotion: Emotion.From(1, "happy")).Build();
        var b = JourneyMap.CreateBuilder("m", "M").AddStage("s", "S").AddChannel("c", "C")
            .AddTouchpoint("t", "T", "s", "c", emotion: Emotion.From(1, "content")).Build();
        var diff = JourneyMapDiff.Compare(a, b);
        Assert.Equal(["emotion"], Assert.Single(diff.Changes).Properties);
        Assert.Empty(diff.EmotionDeltas);
    }

    [Fact]
    public void Compare_ListItemsWithSeparatorInside_StillDistinguished()
    {
        var a = JourneyMap.CreateBuilder("m", "M").AddStage("s", "S", kpis: ["a", "b"]).Build();
        var b = JourneyMap.CreateBuilder("m", "M").AddStage("s", "S", kpis: ["a\u001Fb"]).Build();
        Assert.Equal(["kpis"], Assert.Single(JourneyMapDiff.Compare(a, b).Changes).Properties);
    }

    [Property(Arbitrary = [typeof(JourneyArbitraries)])]
    public bool Compare_MapWithItself_IsEmpty(JourneyMap map)
    {
        var diff = JourneyMapDiff.Compare(map, map);
        return diff.IsEmpty && diff.EmotionDeltas.Count == 0;
    }

    // Added/removed counts match the id sets; swapping the arguments swaps added and removed, keeps the modified
    // set and negates every emotion delta.
    [Property(Arbitrary = [typeof(JourneyArbitraries)])]
    public bool Compare_IsConsistentWithIdSetsAndAntisymmetric(MapPair pair)
    {
        var forward = JourneyMapDiff.Compare(pair.Before, pair.After);
        var backward = JourneyMapDiff.Compare(pair.After, pair.Before);

        bool idSetsMatch =
            Count(forward, MapElementKind.Touchpoint, ChangeKind.Added) == pair.After.Touchpoints.Count(t => pair.Before.FindTouchpoint(t.Id) is null) &&
            Count(forward, MapElementKind.Touchpoint, ChangeKind.Removed) == pair.Before.Touchpoints.Count(t => pair.After.FindTouchpoint(t.Id) is null) &&
            Count(forward, MapElementKind.PainPoint, ChangeKind.Removed) == pair.Before.PainPoints.Count(p => pair.After.FindPainPoint(p.Id) is null) &&
            Count(forward, MapElementKind.Channel, ChangeKind.Added) == 1;

        static HashSet<string> Keys(JourneyMapDiff d, ChangeKind kind) =>
            [.. d.Changes.Where(c => c.Change == kind).Select(c => $"{c.Element}/{c.Id}")];

        bool antisymmetric =
            Keys(forward, ChangeKind.Added).SetEquals(Keys(backward, ChangeKind.Removed)) &&
            Keys(forward, ChangeKind.Removed).SetEquals(Keys(backward, ChangeKind.Added)) &&
            Keys(forward, ChangeKind.Modified).SetEquals(Keys(backward, ChangeKind.Modified)) &&
            forward.EmotionDeltas.Select(d => (d.TouchpointId, d.Delta)).OrderBy(d => d.TouchpointId, StringComparer.Ordinal)
                .SequenceEqual(backward.EmotionDeltas.Select(d => (d.TouchpointId, -d.Delta)).OrderBy(d => d.TouchpointId, StringComparer.Ordinal));

        // Every emotion delta corresponds to a touchpoint reported as modified in its emotion.
        bool deltasExplained = forward.EmotionDeltas.All(d =>
            forward.Changes.Any(c => c.Element == MapElementKind.Touchpoint && c.Id == d.TouchpointId && c.Properties.Contains("emotion")));

        return idSetsMatch && antisymmetric && deltasExplained;
    }

    private static int Count(JourneyMapDiff diff, MapElementKind element, ChangeKind change) =>
        diff.Changes.Count(c => c.Element == element && c.Change == change);
}
