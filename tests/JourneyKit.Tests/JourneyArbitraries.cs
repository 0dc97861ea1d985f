using FsCheck;
using FsCheck.Fluent;

namespace JourneyKit.Tests;

/// <summary>FsCheck generators shared by the property tests.</summary>
public static class JourneyArbitraries
{
    /// <summary>Valid journey maps of every shape: 1–8 stages, optional parts present or not, awkward text.</summary>
    public static Arbitrary<JourneyMap> Maps() =>
        Arb.From(Gen.Choose(0, int.MaxValue).Select(RandomMaps.Create));

    /// <summary>Pairs of related maps: the second derived from the first by random edits.</summary>
    public static Arbitrary<MapPair> MapPairs() =>
        Arb.From(Gen.Choose(0, int.MaxValue).Select(seed =>
        {
            var before = RandomMaps.Create(seed);
            return new MapPair(before, RandomMaps.Edit(before, seed));
        }));
}

/// <summary>Two maps, the second an edited version of the first.</summary>
public sealed record MapPair(JourneyMap Before, JourneyMap After);

/// <summary>Deterministic random maps from a seed (used by generators, tests and benchmarks alike).</summary>
public static class RandomMaps
{
    // Text that stresses JSON escaping and Unicode handling; none of it is blank.
    private static readonly string[] AwkwardText =
    [
        "Plain words", "Quote \" and backslash \\", "<script>alert('x')</script>", "Tab\tand\nnewline",
        "Émotion — naïve café", "日本語のテキスト", "Emoji 😀🛒", "\u0001control\u001F", "Ampersand & < > '",
        "   padded   ", "1e309", "null",
    ];

    public static JourneyMap Create(int seed)
    {
        var random = new Random(seed);
        var builder = JourneyMap.CreateBuilder($"map-{seed}", Text(random))
            .WithDescription(random.Next(2) == 0 ? null : Text(random))
            .WithState(random.Next(2) == 0 ? JourneyMapState.Current : JourneyMapState.Future);
        for (int i = random.Next(3); i > 0; i--)
        {
            builder.WithMetadata($"key-{i}", Text(random));
        }

        for (int i = 0; i < random.Next(3); i++)
        {
            builder.AddPersona(
                $"persona-{i}",
                Text(random),
                description: Maybe(random),
                goals: Texts(random),
                needs: Texts(random),
                frustrations: Texts(random),
                segment: Maybe(random),
                attributes: random.Next(2) == 0 ? null : [new("age", "35-44"), new("region", Text(random))]);
        }

        int stages = random.Next(1, 9);
        for (int i = 0; i < stages; i++)
        {
            builder.AddStage(
                $"stage-{i}",
                Text(random),
                goal: Maybe(random),
                expectedDwellTime: random.Next(2) == 0 ? null : TimeSpan.FromTicks(random.NextInt64(1, TimeSpan.TicksPerDay * 90)),
                kpis: Texts(random),
                description: Maybe(random));
        }

        int channels = random.Next(1, 5);
        for (int i = 0; i < channels; i++)
        {
            builder.AddChannel($"channel-{i}", Text(random), (ChannelKind)random.Next(0, 11));
        }

        int touchpoints = random.Next(0, 16);
        for (int i = 0; i < touchpoints; i++)
        {
            builder.AddTouchpoint(
                $"tp-{i}",
                Text(random),
                $"stage-{random.Next(stages)}",
                $"channel-{random.Next(channels)}",
                description: Maybe(random),
                owner: Maybe(random),
                lane: random.Next(4) == 0 ? Lane.Backstage : Lane.Frontstage,
                isMomentOfTruth: random.Next(5) == 0,
                emotion: random.Next(3) == 0 ? null : Emotion.From(Math.Round((random.NextDouble() * 4) - 2, random.Next(4)), Maybe(random)));
        }

        int painPoints = random.Next(0, 5);
        for (int i = 0; i < painPoints; i++)
        {
            bool onTouchpoint = touchpoints > 0 && random.Next(2) == 0;
            builder.AddPainPoint(
                $"pain-{i}",
                Text(random),
                stageId: onTouchpoint ? null : $"stage-{random.Next(stages)}",
                touchpointId: onTouchpoint ? $"tp-{random.Next(touchpoints)}" : null,
                severity: (Severity)random.Next(1, 5),
                category: Maybe(random),
                evidence: Texts(random));
        }

        for (int i = random.Next(0, 3); i > 0; i--)
        {
            builder.AddOpportunity(
                $"opp-{i}",
                Text(random),
                painPointIds: Enumerable.Range(0, painPoints).Where(_ => random.Next(2) == 0).Select(p => $"pain-{p}"),
                impact: (Magnitude)random.Next(1, 4),
                effort: (Magnitude)random.Next(1, 4),
                owner: Maybe(random));
        }

        return builder.Build();
    }

    /// <summary>A random edit of a map: renames, emotion changes, removals and additions that keep it valid.</summary>
    public static JourneyMap Edit(JourneyMap map, int seed)
    {
        var random = new Random(unchecked(seed * 31 + 7));
        var builder = JourneyMap.CreateBuilder(map.Id, random.Next(4) == 0 ? map.Name + " (to-be)" : map.Name)
            .WithDescription(map.Description)
            .WithState(random.Next(2) == 0 ? map.State : JourneyMapState.Future);
        foreach (var (key, value) in map.Metadata)
        {
            builder.WithMetadata(key, value);
        }

        foreach (Persona p in map.Personas.Where(_ => random.Next(5) != 0))
        {
            builder.AddPersona(p);
        }

        builder.AddStages(map.Stages.Select(s => random.Next(5) == 0 ? new Stage(s.Id, s.Name + "!", s.Position, s.Goal) : s));
        foreach (Channel c in map.Channels)
        {
            builder.AddChannel(c);
        }

        builder.AddChannel("channel-new", "New channel", ChannelKind.Chat);
        var kept = new HashSet<string>(StringComparer.Ordinal);
        foreach (Touchpoint t in map.Touchpoints.Where(_ => random.Next(5) != 0))
        {
            kept.Add(t.Id);
            builder.AddTouchpoint(random.Next(3) == 0
                ? new Touchpoint(t.Id, t.Name, t.StageId, t.ChannelId, t.Description, "New owner", t.Lane, t.IsMomentOfTruth, Emotion.From(Math.Round((random.NextDouble() * 4) - 2, 2)))
                : t);
        }

        if (random.Next(2) == 0)
        {
            builder.AddTouchpoint("tp-new", "New touchpoint", map.Stages[0].Id, "channel-new", emotion: Emotion.From(1));
        }

        var keptPains = new HashSet<string>(StringComparer.Ordinal);
        foreach (PainPoint p in map.PainPoints.Where(p => p.TouchpointId is null || kept.Contains(p.TouchpointId)))
        {
            if (random.Next(4) != 0)
            {
                keptPains.Add(p.Id);
                builder.AddPainPoint(p);
            }
        }

        foreach (Opportunity o in map.Opportunities)
        {
            builder.AddOpportunity(new Opportunity(o.Id, o.Description, o.PainPointIds.Where(keptPains.Contains), o.Impact, o.Effort, o.Owner));
        }

        return builder.Build();
    }

    private static string Text(Random random) => AwkwardText[random.Next(AwkwardText.Length)] + " " + random.Next(1000);

    private static string? Maybe(Random random) => random.Next(2) == 0 ? null : Text(random);

    private static string[] Texts(Random random) => [.. Enumerable.Range(0, random.Next(3)).Select(_ => Text(random))];
}
