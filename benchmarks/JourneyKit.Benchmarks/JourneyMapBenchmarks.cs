using BenchmarkDotNet.Attributes;
using JourneyKit.Serialization;

namespace JourneyKit.Benchmarks;

/// <summary>Building (with full validation), serializing, reading and diffing a large journey map.</summary>
[MemoryDiagnoser]
public class JourneyMapBenchmarks
{
    private JourneyMap _map = null!;
    private JourneyMap _edited = null!;
    private string _json = null!;

    /// <summary>Touchpoints in the map (stages = touchpoints / 20, pain points = touchpoints / 4).</summary>
    [Params(100, 10_000)]
    public int Touchpoints { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _map = Build(Touchpoints, seed: 42);
        _edited = _map.ToBuilder().Remove(MapElementKind.Opportunity, "opp-0").WithState(JourneyMapState.Future).Build();
        _json = JourneyMapSerializer.Default.Serialize(_map);
    }

    [Benchmark]
    public JourneyMap BuildAndValidate() => Build(Touchpoints, seed: 42);

    [Benchmark]
    public string Serialize() => JourneyMapSerializer.Default.Serialize(_map);

    [Benchmark]
    public JourneyMap Deserialize() => JourneyMapSerializer.Default.Deserialize(_json);

    [Benchmark]
    public JourneyMapDiff Diff() => JourneyMapDiff.Compare(_map, _edited);

    internal static JourneyMap Build(int touchpoints, int seed)
    {
        var random = new Random(seed);
        int stages = Math.Max(1, touchpoints / 20);
        var builder = JourneyMap.CreateBuilder("large", "Large map").AddPersona("p", "Persona");
        for (int s = 0; s < stages; s++)
        {
            builder.AddStage($"stage-{s}", $"Stage {s}", goal: "Goal", kpis: ["Conversion"]);
        }

        foreach (ChannelKind kind in Enum.GetValues<ChannelKind>())
        {
            builder.AddChannel(kind.ToString(), kind.ToString(), kind);
        }

        var kinds = Enum.GetNames<ChannelKind>();
        for (int t = 0; t < touchpoints; t++)
        {
            builder.AddTouchpoint(
                $"tp-{t}", $"Touchpoint {t}", $"stage-{random.Next(stages)}", kinds[random.Next(kinds.Length)],
                description: "A touchpoint \"with\" text <to> escape", emotion: Emotion.From(Math.Round((random.NextDouble() * 4) - 2, 2)));
        }

        for (int p = 0; p < touchpoints / 4; p++)
        {
            builder.AddPainPoint($"pain-{p}", $"Pain {p}", touchpointId: $"tp-{random.Next(touchpoints)}", severity: Severity.High);
        }

        for (int o = 0; o < Math.Max(1, touchpoints / 8); o++)
        {
            builder.AddOpportunity($"opp-{o}", $"Fix {o}", [$"pain-{o % Math.Max(1, touchpoints / 4)}"]);
        }

        return builder.Build();
    }
}
